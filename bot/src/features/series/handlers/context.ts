import type { TurnContext } from "botbuilder";
import type { SeriesServices } from "../services";
import { isConfiguredCoordinator, type SeriesActor } from "../domain/access";
import { SeriesError } from "../domain/errors";
import { translator } from "../../../platform/i18n/i18n";
import type { Logger } from "../../../logger";
import type { TurnEnv } from "../../../platform/teams/turn-env";
import type { AppRoleLookup } from "../../../platform/auth/graph-roles";
import { CardInputError } from "../../../platform/teams/card-action";

/** What the series commands and card actions share. */
export interface SeriesBotContext extends SeriesServices {
  /** config.coordinators: Entra object ids, lower-case. */
  coordinators: readonly string[];
  /** The app role Dialogi.Coordinator through Graph (when the tenant configures it). */
  coordinatorRole?: AppRoleLookup;
  logger: Logger;
  publicUrl?: string;
}

/**
 * The acting user from the authenticated activity. The coordinator flag comes from configuration,
 * by the Entra object id only (e-mail addresses can be changed and never grant rights), or — a
 * bot activity carrying no token claims — from the app role as Graph reports it, when configured.
 */
export async function seriesActor(
  _ctx: TurnContext,
  env: TurnEnv,
  c: Pick<SeriesBotContext, "coordinators" | "coordinatorRole">,
): Promise<SeriesActor> {
  if (!env.userId || !env.tenantId) throw new SeriesError("forbidden");
  const configured = isConfiguredCoordinator(c.coordinators, { userId: env.userId });
  return {
    userId: env.userId,
    tenantId: env.tenantId,
    name: env.userName ?? "",
    coordinator: configured || (await c.coordinatorRole?.holds(env.userId)) === true,
    lang: env.lang,
  };
}

/**
 * Runs a series use case; a refusal becomes a translated message (nothing was changed). Field
 * problems are listed by field label so the user knows what to fix.
 */
export async function withRefusals<T>(env: TurnEnv, fn: () => Promise<T>): Promise<T | { message: string }> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof SeriesError) return { message: refusalText(env, err) };
    throw err;
  }
}

/** The translated text of a refusal. */
export function refusalText(env: TurnEnv, err: SeriesError): string {
  const t = translator(env.lang, "series");
  if (err.code === "invalid" && err.fields.length) {
    const fields = err.fields.map(
      (f) => `${t(`card.${f.field}`, { defaultValue: f.field })}: ${t(`errors.${f.key}`, f.params ?? {})}`,
    );
    return t("card.invalidFields", { fields: fields.join("; ") });
  }
  return t(`refused.${err.code}`);
}

/** A required string id from a card payload (untrusted). */
export function payloadId(env: TurnEnv, data: Record<string, unknown>, key: string): string {
  const v = data[key];
  if (typeof v !== "string" || !/^[\w-]{1,64}$/.test(v)) throw new CardInputError(env.t("unknownAction"));
  return v;
}
