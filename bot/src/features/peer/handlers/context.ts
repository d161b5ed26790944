import type { TurnContext } from "botbuilder";
import type { Directory } from "../../directory";
import { ValidationError } from "../../../platform/errors";
import type { Principal } from "../../directory";
import { PeerError } from "../domain/errors";
import type { PeerServices } from "../domain";
import { translateFields } from "../../../platform/http/http-errors";
import { translator, type Language } from "../../../platform/i18n/i18n";
import type { Logger } from "../../../logger";
import type { DialogueContext } from "../../dialogues";
import type { TurnEnv } from "../../../platform/teams/turn-env";
import { COORDINATOR_APP_ROLE, type AppRoleLookup } from "../../../platform/auth/graph-roles";
import { CardInputError, type CardActionResult } from "../../../platform/teams/card-action";

/** What the peer commands and card actions share. */
export interface PeerBotContext {
  services: PeerServices;
  directory: Directory;
  /** The dialogues feature's context (invitation cards, postings). */
  dc: DialogueContext;
  /** config.coordinators (Entra object ids). */
  coordinators: readonly string[];
  /** The app role Dialogi.Coordinator through Graph (when the tenant configures it). */
  coordinatorRole?: AppRoleLookup;
  logger: Logger;
  publicUrl?: string;
}

/** Translator of the `peer` namespace. */
export const peerT = (lang: Language) => translator(lang, "peer");

/**
 * The caller's directory roles, from the authenticated activity (never the card): coordinator by
 * object id or by the app role as Graph reports it (when configured), staff by membership (object
 * id). No e-mail is looked up: e-mail addresses can be changed and never grant rights; domain
 * rules need a verified token, so they apply in the tab only.
 */
export async function principalOf(pbc: PeerBotContext, _ctx: TurnContext, env: TurnEnv): Promise<Principal> {
  if (!env.userId || !env.tenantId) throw new PeerError("notStaff");
  const held = (await pbc.coordinatorRole?.holds(env.userId)) === true;
  return pbc.directory.principalFor({
    userId: env.userId,
    tenantId: env.tenantId,
    name: env.userName ?? "",
    ...(held ? { roles: [COORDINATOR_APP_ROLE] } : {}),
  });
}

/** Runs a peer action; refusals and field problems become translated messages (nothing changed). */
export async function peerRefusing(
  env: TurnEnv,
  fn: () => Promise<CardActionResult>,
): Promise<CardActionResult> {
  const t = peerT(env.lang);
  try {
    return await fn();
  } catch (err) {
    if (err instanceof PeerError) return { message: t(`refused.${err.code}`) };
    if (err instanceof ValidationError) {
      const fields = Object.entries(translateFields(env.lang, err.fields)).map(([f, m]) => `${f}: ${m}`);
      return { message: t("draft.invalid", { fields: fields.join("; ") }) };
    }
    throw err;
  }
}

/** A required id from card data (untrusted). */
export function cardId(env: TurnEnv, data: Record<string, unknown>, key: string): string {
  const v = data[key];
  if (typeof v !== "string" || !/^[\w-]{1,64}$/.test(v)) throw new CardInputError(env.t("unknownAction"));
  return v;
}
