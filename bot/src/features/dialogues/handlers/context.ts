import { z } from "zod";
import { errorFields, type Logger } from "../../../logger";
import type { Language } from "../../../platform/i18n/i18n";
import type { Dialogue, DialogueOrganisation } from "../domain/types";
import type { Activity } from "botframework-schema";
import type { Messenger, SentActivity } from "../../../platform/messaging/messenger-types";
import type { Outbox } from "../../../platform/outbox/outbox";
import type { DialogueService } from "../domain/dialogue-service";
import { DialogueError } from "../domain/errors";
import { isDialogueId } from "../domain/ids";
import type { RegistrationService } from "../domain/registration-service";
import { CardInputError, type CardActionResult } from "../../../platform/teams/card-action";
import type { TurnEnv } from "../../../platform/teams/turn-env";
import type { UserProfiles } from "../../../platform/graph/user-profile";
import type { ExternalChannelHook } from "./external";
import type { DialogueLinks } from "./links";
import { dialogueT } from "./texts";

/**
 * The messenger, optionally able to open a personal chat through a shared channel (`via`) for
 * people who registered from a channel but never chatted with the bot.
 */
export type DialogueMessenger = Messenger & {
  sendToUser(
    userAadId: string,
    activity: Partial<Activity>,
    options?: { via?: string; tenantId?: string },
  ): Promise<SentActivity | undefined>;
};

/** What every dialogue command and card action works with. */
export interface DialogueContext {
  dialogues: DialogueService;
  registrations: RegistrationService;
  messenger: DialogueMessenger;
  /** The durable outbox: every message the app sends on its own goes through it. */
  outbox: Outbox;
  links: DialogueLinks;
  now: () => Date;
  logger: Logger;
  /** E-mail to people who registered on the public page (installed by public-registration). */
  external?: ExternalChannelHook;
  /** Public registration is configured (an e-mail sender exists): the form offers "public". */
  publicRegistration?: boolean;
  /** Whether a user of a tenant may open a dialogue to the public (handlers/public-right.ts). */
  mayOpenPublic?: (tenantId: string | undefined) => boolean;
  /** The directory's organisations of a tenant, offered as co-organisers (none without it). */
  organisations?: OrganisationSource;
  /** Entra profiles (Graph): the registration form's organisation starts from the person's. */
  profiles?: UserProfiles;
}

/** Lists a tenant's directory organisations with names in a language (wired by the composition root). */
export type OrganisationSource = (tenantId: string, lang: Language) => Promise<DialogueOrganisation[]>;

/**
 * The organisations the form offers: the directory's, plus those a dialogue already has (so an
 * organisation renamed or removed since does not make its edit fail). A directory that cannot be
 * read leaves only free text, logged, rather than failing the form.
 */
export async function offeredOrganisations(
  dc: DialogueContext,
  tenantId: string | undefined,
  lang: Language,
  dialogue?: Dialogue,
): Promise<DialogueOrganisation[]> {
  let listed: DialogueOrganisation[] = [];
  if (dc.organisations && tenantId) {
    try {
      listed = await dc.organisations(tenantId, lang);
    } catch (err) {
      dc.logger.warn("directory organisations unavailable", {
        dialogueId: dialogue?.id,
        ...errorFields(err),
      });
    }
  }
  const ids = new Set(listed.map((o) => o.id));
  // Sorted by the names shown, in the reader's language (the directory lists them by Finnish name).
  return [...listed, ...(dialogue?.coOrganisations ?? []).filter((o) => !ids.has(o.id))].sort((a, b) =>
    a.name.localeCompare(b.name, lang),
  );
}

const refSchema = z.object({
  dialogueId: z.string().max(64),
  version: z.union([z.number().int(), z.string().regex(/^\d{1,9}$/)]).optional(),
});

/** The dialogue a card action is about, from untrusted card data. */
export interface DialogueRef {
  dialogueId: string;
  version?: number;
}

/**
 * Validates `{ dialogueId, version }` of a card payload. Wrong types are a card error; an id
 * that is not shaped like ours is treated as an unknown dialogue (nothing is read).
 */
export function parseDialogueRef(env: TurnEnv, data: Record<string, unknown>): DialogueRef {
  const parsed = refSchema.safeParse(data);
  if (!parsed.success) throw new CardInputError(dialogueT(env.lang)("errors.badData"));
  if (!isDialogueId(parsed.data.dialogueId)) throw new DialogueError("notFound");
  const v = parsed.data.version;
  return { dialogueId: parsed.data.dialogueId, version: v === undefined ? undefined : Number(v) };
}

/** Runs an action; a {@link DialogueError} becomes its translated message (nothing changed). */
export async function refusing(env: TurnEnv, fn: () => Promise<CardActionResult>): Promise<CardActionResult> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof DialogueError) return { message: dialogueT(env.lang)(`refused.${err.code}`) };
    throw err;
  }
}

/** The caller's identity, required for every dialogue action (taken from the activity, never the card). */
export function requireUser(env: TurnEnv): { userId: string; tenantId: string } {
  if (!env.userId || !env.tenantId) throw new DialogueError("forbidden");
  return { userId: env.userId, tenantId: env.tenantId };
}
