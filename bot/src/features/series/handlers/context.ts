import { TeamsInfo, type TurnContext } from "botbuilder";
import type { SeriesServices } from "../services";
import { isConfiguredCoordinator, type SeriesActor } from "../domain/access";
import { SeriesError } from "../domain/errors";
import { translator } from "../../../platform/i18n/i18n";
import type { Logger } from "../../../logger";
import type { TurnEnv } from "../../../platform/teams/turn-env";
import { CardInputError } from "../../../platform/teams/card-action";

/** What the series commands and card actions share. */
export interface SeriesBotContext extends SeriesServices {
  /** config.coordinators: AAD object ids and e-mail addresses, lower-case. */
  coordinators: readonly string[];
  logger: Logger;
  publicUrl?: string;
}

/**
 * The acting user from the authenticated activity. The coordinator flag comes from configuration:
 * the AAD object id, or — only when e-mail addresses are configured — the e-mail Teams reports
 * for the member (one roster call; a failure just means "not a coordinator").
 */
export async function seriesActor(
  ctx: TurnContext,
  env: TurnEnv,
  coordinators: readonly string[],
): Promise<SeriesActor> {
  if (!env.userId) throw new SeriesError("forbidden");
  let email: string | undefined;
  if (
    !isConfiguredCoordinator(coordinators, { userId: env.userId }) &&
    coordinators.some((c) => c.includes("@"))
  ) {
    try {
      const member = await TeamsInfo.getMember(ctx, ctx.activity.from.id);
      email = member.email ?? member.userPrincipalName;
    } catch {
      email = undefined;
    }
  }
  return {
    userId: env.userId,
    tenantId: env.tenantId ?? "",
    name: env.userName ?? "",
    coordinator: isConfiguredCoordinator(coordinators, { userId: env.userId, email }),
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
