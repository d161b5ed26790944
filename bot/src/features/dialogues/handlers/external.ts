import type { Dialogue, Registration } from "../domain/types";

/** Why an external registrant is being told something (the e-mail's subject follows it). */
export type ExternalNoticeKind =
  | "confirmed"
  | "waitlisted"
  | "promoted"
  | "reminder24h"
  | "reminder15m"
  | "changed"
  | "cancelled"
  | "message";

/** A notice for a person who registered on the public page (no Teams chat to send it to). */
export interface ExternalNotice {
  kind: ExternalNoticeKind;
  dialogue: Dialogue;
  registration: Registration;
  /** The text a Teams registrant would get, already in the person's language. */
  text: string;
  /**
   * What identifies this notice (the decision and the person): the mail is recorded in the
   * outbox under it, so a rerun of the same decision mails nothing twice.
   */
  key?: string;
}

/**
 * How the dialogues feature reaches public registrants: installed by the public-registration
 * feature (which holds their e-mail addresses), so dialogues never sees an address.
 */
export interface ExternalChannel {
  /** Sends the notice by e-mail; false when it could not be sent. */
  notify(notice: ExternalNotice): Promise<boolean>;
  /** The address for the organisers' export, only when the person consented to share it. */
  sharedContact(dialogueId: string, userId: string): Promise<{ name: string; email: string } | undefined>;
  /** Blocks the person's address for the dialogue (an organiser removed them); false when unknown. */
  block?(dialogueId: string, userId: string, byId: string): Promise<boolean>;
}

/** The installation point (one channel; installing again replaces it). */
export interface ExternalChannelHook {
  install(channel: ExternalChannel): void;
  current(): ExternalChannel | undefined;
}

/** Builds an empty hook: until something is installed, external registrants get no messages. */
export function createExternalChannelHook(): ExternalChannelHook {
  let channel: ExternalChannel | undefined;
  return {
    install: (c) => void (channel = c),
    current: () => channel,
  };
}
