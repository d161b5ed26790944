import type {
  DeliveriesView,
  FailedDelivery,
  RetryDeliveriesBody,
  RetryDeliveriesResult,
} from "@dialogi/contracts";
import type { Server } from "restify";
import { authed, sendJson, type RouteContext } from "../../platform/http/route-kit";
import type { DeliveryRow } from "../../platform/outbox/outbox-types";
import type { DirectoryRouteDeps } from "../directory";
import { isDialogueId } from "../dialogues";
import { RoundError, roundsT, type RoundsServices } from "../rounds";

type Keys = { partitionKey: string; rowKey: string };

/** Ids the tab sends back: the keys of one person's failed rows of one decision, opaque to it. */
const idOf = (rows: readonly Keys[]) =>
  Buffer.from(JSON.stringify(rows.map((r) => [r.partitionKey, r.rowKey]))).toString("base64url");

function keysOf(id: unknown): Keys[] {
  if (typeof id !== "string" || id.length > 4000) return [];
  try {
    const v = JSON.parse(Buffer.from(id, "base64url").toString()) as unknown;
    if (!Array.isArray(v)) return [];
    return v
      .filter(
        (p): p is [string, string] =>
          Array.isArray(p) && p.length === 2 && p.every((x) => typeof x === "string"),
      )
      .map(([partitionKey, rowKey]) => ({ partitionKey, rowKey }));
  } catch {
    return [];
  }
}

/**
 * Who did not get what (the outbox's failed deliveries) and "send again", for the dialogue's
 * organisers and facilitators in the meeting side panel:
 * - `GET /api/meeting/dialogues/:id/deliveries` → {@link DeliveriesView};
 * - `POST /api/meeting/dialogues/:id/deliveries/retry` `{ ids? }` → {@link RetryDeliveriesResult}.
 * Others get 403 (the rounds services' role check); rows of another dialogue are never touched.
 */
export function deliveryRoutes(deps: { rounds: RoundsServices; directory: DirectoryRouteDeps }) {
  const { rounds } = deps;
  const route = (fn: (ctx: RouteContext, dialogueId: string) => Promise<void>) =>
    authed(deps.directory, async (ctx) => {
      const t = roundsT(ctx.lang);
      try {
        const id = String(ctx.req.params?.id ?? "");
        if (!isDialogueId(id)) throw new RoundError("notFound");
        // Facilitators and organisers of this tenant's dialogue only (403 / 404 otherwise).
        await rounds.run.view(id, { tenantId: ctx.principal.tenantId, userId: ctx.principal.userId });
        await fn(ctx, id);
      } catch (err) {
        if (!(err instanceof RoundError)) throw err;
        const status = err.code === "forbidden" ? 403 : err.code === "notFound" ? 404 : 409;
        sendJson(ctx.res, status, { error: err.code, message: t(`refused.${err.code}`) });
      }
    });

  /** Registrants' names by user id (a failed row names a person; a meeting batch has none). */
  async function namesOf(dialogueId: string): Promise<Map<string, string>> {
    const active = await rounds.rc.registrations.active(dialogueId);
    return new Map(active.map((r) => [r.userId, r.name]));
  }

  return (server: Server): void => {
    server.get(
      "/api/meeting/dialogues/:id/deliveries",
      route(async (ctx, dialogueId) => {
        const outbox = rounds.rc.outbox;
        const rows: DeliveryRow[] = outbox ? await outbox.deliveries(dialogueId) : [];
        const names = await namesOf(dialogueId);
        // One line per person and decision (a scribe's group card and notes card fail together).
        const byPerson = new Map<string, DeliveryRow[]>();
        for (const r of rows.filter((x) => x.status === "failed")) {
          const k = `${r.partitionKey}\n${r.recipient}`;
          byPerson.set(k, [...(byPerson.get(k) ?? []), r]);
        }
        const failed: FailedDelivery[] = [...byPerson.values()].map((group) => ({
          id: idOf(group),
          label: group[0]!.label,
          name: names.get(group[0]!.recipient) ?? "",
          reason: group[0]!.lastError ?? "",
          attempts: Math.max(...group.map((r) => r.attempts)),
        }));
        const view: DeliveriesView = {
          sent: rows.filter((r) => r.status === "sent").length,
          pending: rows.filter((r) => r.status === "pending").length,
          failed,
        };
        sendJson(ctx.res, 200, view);
      }),
    );

    server.post(
      "/api/meeting/dialogues/:id/deliveries/retry",
      route(async (ctx, dialogueId) => {
        const outbox = rounds.rc.outbox;
        const body = (ctx.req.body ?? {}) as RetryDeliveriesBody;
        if (body.ids !== undefined && (!Array.isArray(body.ids) || body.ids.length > 5000)) {
          return sendJson(ctx.res, 400, { error: "invalid", message: roundsT(ctx.lang)("badData") });
        }
        let keys: Keys[] = (body.ids ?? []).flatMap(keysOf);
        if (body.ids === undefined && outbox)
          keys = (await outbox.deliveries(dialogueId)).filter((r) => r.status === "failed");
        const requeued = outbox ? await outbox.sendAgain(dialogueId, keys) : 0;
        await rounds.rc.dialogues.staff.audit(dialogueId, ctx.principal.userId, "deliveries.retry");
        sendJson(ctx.res, 200, { requeued } satisfies RetryDeliveriesResult);
      }),
    );
  };
}
