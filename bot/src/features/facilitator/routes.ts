import {
  ATTENDANCE_CHANGES,
  CONSOLE_OPERATIONS,
  type AttendanceChange,
  type AttendancePlan,
  type ConsoleOperation,
  type MeetingConsole,
  type MeetingLinkBody,
} from "@dialogi/contracts";
import type { Server } from "restify";
import { errorFields } from "../../logger";
import { authed, sendJson, type RouteContext } from "../../platform/http/route-kit";
import type { DirectoryRouteDeps } from "../directory";
import { translator } from "../../platform/i18n/i18n";
import { isDialogueId, type Dialogue } from "../dialogues";
import { isMeetingThreadId } from "../meetings";
import { RoundError, roundsT, type Caller, type RoundErrorCode } from "../rounds";
import { facilitatorConsole, participantConsole, type ConsoleDeps } from "./console-view";
import type { LinkRefusal } from "./link-rights";
import { attendanceStep, planOf, PlanChanged } from "./attendance-plan";
import { BadConsoleRequest, runOperation, targetOf } from "./operations";

/** HTTP status of each rounds refusal (the card shows the same translated message). */
const STATUS: Partial<Record<RoundErrorCode, number>> = { notFound: 404, forbidden: 403, busy: 503 };

const callerOf = (ctx: RouteContext): Caller => ({
  tenantId: ctx.principal.tenantId,
  userId: ctx.principal.userId,
});

/**
 * A console route: Teams SSO (or dev sign-in) through the route kit, then the rounds services'
 * own authorisation; their refusals become translated `{ error, message }` bodies.
 */
function route(deps: DirectoryRouteDeps, fn: (ctx: RouteContext) => Promise<void>) {
  return authed(deps, async (ctx) => {
    try {
      await fn(ctx);
    } catch (err) {
      const t = roundsT(ctx.lang);
      if (err instanceof RoundError) {
        const status = STATUS[err.code] ?? 409;
        // Some refusals speak of "the card"; the panel has its own words for those.
        const message = t(`panelRefused.${err.code}`, { defaultValue: t(`refused.${err.code}`) });
        return sendJson(ctx.res, status, { error: err.code, message });
      }
      if (err instanceof PlanChanged) {
        return sendJson(ctx.res, 409, {
          error: "planChanged",
          message: t("panelRefused.planChanged"),
          current: err.plan,
        });
      }
      if (err instanceof BadConsoleRequest) {
        return sendJson(ctx.res, 400, { error: "invalid", message: t("badData") });
      }
      throw err;
    }
  });
}

/** The console for whoever asks: facilitators and organisers get the controls, members their group. */
async function consoleFor(deps: ConsoleDeps, dialogueId: string, ctx: RouteContext): Promise<MeetingConsole> {
  const caller = callerOf(ctx);
  try {
    return await facilitatorConsole(deps, dialogueId, caller, ctx.lang);
  } catch (err) {
    if (!(err instanceof RoundError) || err.code !== "forbidden") throw err;
  }
  const dialogue = await deps.rounds.rc.dialogues.load(dialogueId);
  if (!dialogue || dialogue.tenantId !== caller.tenantId) throw new RoundError("notFound");
  return participantConsole(deps, dialogue, caller);
}

const dialogueIdParam = (ctx: RouteContext): string => {
  const id = String(ctx.req.params?.id ?? "");
  if (!isDialogueId(id)) throw new RoundError("notFound");
  return id;
};

/**
 * The meeting side panel's REST API (all need a signed-in user of the dialogue's tenant):
 * - `GET /api/meeting/link?thread=<chat id>` → `{ dialogueId }` of the meeting's dialogue, 404 if none;
 * - `PUT /api/meeting/link` `{ threadId, dialogueId }` — an organiser or facilitator links the
 *   dialogue's own meeting (403 `notOwnMeeting` / `linkedElsewhere` otherwise, see link-rights.ts);
 * - `GET /api/meeting/dialogues/:id` → {@link MeetingConsole} (403 for people not in the dialogue);
 * - `GET /api/meeting/dialogues/:id/attendance-plan?change=&person=` (or `&group=`) →
 *   {@link AttendancePlan}: what marking someone absent, adding a late joiner or moving a small
 *   group's members would do, changing nothing (facilitators and organisers; 403 for others);
 * - `POST /api/meeting/dialogues/:id/:op` — a facilitator operation, answers with the new console
 *   (an attendance change only with the plan's `planVersion`: 409 `planChanged` and the new plan
 *   when it is stale).
 */
export function meetingConsoleRoutes(
  deps: ConsoleDeps & {
    directory: DirectoryRouteDeps;
    /** Whether the caller may bind this meeting to this dialogue (see link-rights.ts). */
    linkRights: (dialogue: Dialogue, threadId: string, caller: Caller) => Promise<LinkRefusal | undefined>;
  },
) {
  const d = deps.directory;
  return (server: Server): void => {
    server.get(
      "/api/meeting/link",
      route(d, async (ctx) => {
        const thread = (ctx.req.query as Record<string, unknown> | undefined)?.thread;
        if (!isMeetingThreadId(thread)) throw new BadConsoleRequest();
        const link = await deps.links.find(thread);
        if (!link || link.tenantId !== ctx.principal.tenantId) throw new RoundError("notFound");
        sendJson(ctx.res, 200, { dialogueId: link.dialogueId } satisfies MeetingLinkBody);
      }),
    );

    server.put(
      "/api/meeting/link",
      route(d, async (ctx) => {
        const body = (ctx.req.body ?? {}) as Record<string, unknown>;
        if (!isMeetingThreadId(body.threadId)) throw new BadConsoleRequest();
        if (!isDialogueId(body.dialogueId)) throw new RoundError("notFound");
        // The same check as the bot's controls: facilitators and organisers of this tenant's dialogue.
        const { dialogue } = await deps.rounds.run.view(body.dialogueId, callerOf(ctx));
        // Graph down or throttling: "try again", never a 500 and never a link made unchecked.
        const refusal = await deps
          .linkRights(dialogue, body.threadId, callerOf(ctx))
          .catch((err: unknown) => {
            deps.rounds.rc.logger.warn("meeting link check failed", {
              dialogueId: dialogue.id,
              ...errorFields(err),
            });
            throw new RoundError("busy");
          });
        if (refusal) {
          deps.rounds.rc.logger.warn("meeting link refused", { dialogueId: dialogue.id, refusal });
          const message = translator(ctx.lang, "meetingLink")(refusal);
          return sendJson(ctx.res, 403, { error: refusal, message });
        }
        await deps.links.link(body.threadId, { dialogueId: dialogue.id, tenantId: dialogue.tenantId });
        deps.rounds.rc.logger.info("meeting linked by hand", { dialogueId: dialogue.id });
        sendJson(ctx.res, 200, { dialogueId: dialogue.id } satisfies MeetingLinkBody);
      }),
    );

    server.get(
      "/api/meeting/dialogues/:id",
      route(d, async (ctx) => sendJson(ctx.res, 200, await consoleFor(deps, dialogueIdParam(ctx), ctx))),
    );

    server.get(
      "/api/meeting/dialogues/:id/attendance-plan",
      route(d, async (ctx) => {
        const id = dialogueIdParam(ctx);
        const q = (ctx.req.query ?? {}) as Record<string, unknown>;
        // One value each: a repeated or bracketed parameter arrives as an array or object.
        const change = q.change as AttendanceChange;
        if (typeof change !== "string" || !(ATTENDANCE_CHANGES as readonly string[]).includes(change))
          throw new BadConsoleRequest();
        const target = targetOf(change, q);
        // No version: the rounds services only work out the change (their confirm step).
        const result = await attendanceStep(deps.rounds, change, id, target, callerOf(ctx), undefined);
        const plan = planOf(result, change, target, ctx.lang);
        if (!plan) throw new Error("an attendance preview changed the plan");
        sendJson(ctx.res, 200, plan satisfies AttendancePlan);
      }),
    );

    server.post(
      "/api/meeting/dialogues/:id/:op",
      route(d, async (ctx) => {
        const id = dialogueIdParam(ctx);
        const op = String(ctx.req.params?.op ?? "") as ConsoleOperation;
        if (!(CONSOLE_OPERATIONS as readonly string[]).includes(op)) throw new RoundError("notFound");
        const body = (ctx.req.body ?? {}) as Record<string, unknown>;
        const result = await runOperation(deps.rounds, op, id, body, callerOf(ctx), ctx.lang);
        // Who did what, as for the bot's controls (object id only).
        await deps.rounds.rc.dialogues.staff.audit(result.dialogue.id, ctx.principal.userId, `console.${op}`);
        sendJson(ctx.res, 200, await facilitatorConsole(deps, id, callerOf(ctx), ctx.lang));
      }),
    );
  };
}
