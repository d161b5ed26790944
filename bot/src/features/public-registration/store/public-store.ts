import type { TableClient } from "@azure/data-tables";
import { statusOf } from "../../../platform/tables/errors";
import type { DialogueLanguage } from "../../dialogues";
import type { PublicRegistrationInput } from "../domain/registration-form";

/**
 * Table `PublicRegistrants`, PK = dialogueId (so erasing a dialogue erases it, see
 * features/dialogues/store/dialogue-eraser.ts):
 * - `p-<pendingId>`: a registration waiting for its e-mail to be confirmed (≤ 30 minutes);
 * - `u-<userKey>`: a confirmed person's address, name, language and consent;
 * - `e-<emailKey>`: the one active entry of an address (HMAC of it, never the address), pointing
 *   at a `p-` or `u-` row. Created with an insert, so two simultaneous submissions of the same
 *   address cannot both start a registration;
 * - `b-<emailKey>`: an address the organisers blocked for this dialogue;
 * - `o-p-<nonce>`: an organiser's unconfirmed "confirm my address" request (≤ 24 hours); the nonce
 *   is derived from the organiser and the address, so asking again while it is open finds it;
 * - `o-confirmed`: an organiser confirmed their own address (the page's normal mail rate);
 * - `m-h-<hour>`, `m-d-<day>`: the page's mail budget counters (store/mail-budget.ts).
 */
export interface PendingRegistration {
  dialogueId: string;
  pendingId: string;
  emailKey: string;
  uiLang: DialogueLanguage;
  input: PublicRegistrationInput;
  createdAt: Date;
  expiresAt: Date;
  /**
   * Confirmation-request mails decided for it before the latest (0 for the first): the mail's
   * idempotency key carries it, so a double submit records one mail and a later resend a new one.
   */
  mails?: number;
  /** When the latest confirmation-request mail was decided. */
  mailedAt?: Date;
}

/** A confirmed external person (their seat is in the shared Registrations table). */
export interface ExternalPerson {
  dialogueId: string;
  userKey: string;
  emailKey: string;
  email: string;
  name: string;
  uiLang: DialogueLanguage;
  consent: boolean;
  confirmedAt: Date;
}

/**
 * An organiser asked to confirm their address for a dialogue; the link in the mail carries `nonce`
 * (one per organiser × address) and the request's `expiresAt`.
 */
export interface OrganiserAddressRequest {
  dialogueId: string;
  nonce: string;
  organiserId: string;
  email: string;
  expiresAt: Date;
}

/** What an address's index row points at. */
export type EmailRef = { kind: "pending"; id: string } | { kind: "person"; id: string };

const refText = (r: EmailRef) => `${r.kind === "pending" ? "p" : "u"}-${r.id}`;
const parseRef = (s: string): EmailRef | undefined =>
  s.startsWith("p-")
    ? { kind: "pending", id: s.slice(2) }
    : s.startsWith("u-")
      ? { kind: "person", id: s.slice(2) }
      : undefined;

async function getRow<T extends object>(table: TableClient, pk: string, rk: string) {
  try {
    return (await table.getEntity<T>(pk, rk)) as T & { etag: string };
  } catch (err) {
    if (statusOf(err) === 404) return undefined;
    throw err;
  }
}

async function del(table: TableClient, pk: string, rk: string, etag = "*") {
  try {
    await table.deleteEntity(pk, rk, { etag });
  } catch (err) {
    if (statusOf(err) !== 404 && statusOf(err) !== 412) throw err;
  }
}

/** Creates the repository over the `PublicRegistrants` table. */
export function createPublicStore(table: TableClient) {
  return {
    /** A pending registration with its row's ETag (for {@link markPendingMailed}). */
    async getPending(
      dialogueId: string,
      pendingId: string,
    ): Promise<(PendingRegistration & { etag: string }) | undefined> {
      const e = await getRow<{ data: string }>(table, dialogueId, `p-${pendingId}`);
      if (!e) return undefined;
      const raw = JSON.parse(e.data) as PendingRegistration;
      return {
        ...raw,
        createdAt: new Date(raw.createdAt),
        expiresAt: new Date(raw.expiresAt),
        mailedAt: new Date(raw.mailedAt ?? raw.createdAt),
        mails: raw.mails ?? 0,
        etag: e.etag,
      };
    },
    /**
     * Records a new confirmation-request mail for a pending registration, only while its row still
     * has `etag`: false when another submit recorded one first (or the row is gone).
     */
    async markPendingMailed(p: PendingRegistration, etag: string, at: Date): Promise<boolean> {
      const data: PendingRegistration = { ...p, mails: (p.mails ?? 0) + 1, mailedAt: at };
      delete (data as Partial<{ etag: string }>).etag;
      try {
        await table.updateEntity(
          { partitionKey: p.dialogueId, rowKey: `p-${p.pendingId}`, data: JSON.stringify(data) },
          "Replace",
          { etag },
        );
        return true;
      } catch (err) {
        if (statusOf(err) === 412 || statusOf(err) === 404) return false;
        throw err;
      }
    },
    putPending: (p: PendingRegistration) =>
      table.upsertEntity(
        { partitionKey: p.dialogueId, rowKey: `p-${p.pendingId}`, data: JSON.stringify(p) },
        "Replace",
      ),
    deletePending: (dialogueId: string, pendingId: string) => del(table, dialogueId, `p-${pendingId}`),

    async getPerson(dialogueId: string, userKey: string): Promise<ExternalPerson | undefined> {
      const e = await getRow<{ data: string }>(table, dialogueId, `u-${userKey}`);
      if (!e) return undefined;
      const raw = JSON.parse(e.data) as ExternalPerson;
      return { ...raw, confirmedAt: new Date(raw.confirmedAt) };
    },
    putPerson: (p: ExternalPerson) =>
      table.upsertEntity(
        { partitionKey: p.dialogueId, rowKey: `u-${p.userKey}`, data: JSON.stringify(p) },
        "Replace",
      ),
    deletePerson: (dialogueId: string, userKey: string) => del(table, dialogueId, `u-${userKey}`),

    async getEmailRef(
      dialogueId: string,
      emailKey: string,
    ): Promise<(EmailRef & { etag: string }) | undefined> {
      const e = await getRow<{ ref: string }>(table, dialogueId, `e-${emailKey}`);
      const ref = e && parseRef(String(e.ref));
      return ref && e ? { ...ref, etag: e.etag } : undefined;
    },
    /** Claims an address for a new pending registration; false when it already has an entry. */
    async claimEmail(dialogueId: string, emailKey: string, ref: EmailRef): Promise<boolean> {
      try {
        await table.createEntity({ partitionKey: dialogueId, rowKey: `e-${emailKey}`, ref: refText(ref) });
        return true;
      } catch (err) {
        if (statusOf(err) === 409) return false;
        throw err;
      }
    },
    setEmailRef: (dialogueId: string, emailKey: string, ref: EmailRef) =>
      table.upsertEntity({ partitionKey: dialogueId, rowKey: `e-${emailKey}`, ref: refText(ref) }, "Replace"),
    /**
     * Frees an address, only while its entry still has `etag` (the one the caller read): never
     * unconditionally, so a stale caller cannot free a newer registration of the same address.
     */
    releaseEmail: (dialogueId: string, emailKey: string, etag: string) =>
      del(table, dialogueId, `e-${emailKey}`, etag),

    /** The organisers blocked this address (HMAC) for the dialogue: its submits send nothing. */
    block: (dialogueId: string, emailKey: string, by: string, at: Date) =>
      table.upsertEntity(
        { partitionKey: dialogueId, rowKey: `b-${emailKey}`, by, at: at.toISOString() },
        "Replace",
      ),
    isBlocked: async (dialogueId: string, emailKey: string) =>
      !!(await getRow(table, dialogueId, `b-${emailKey}`)),

    /** A sent "confirm my address" link of an organiser (the address waits here, ≤ its expiry). */
    /**
     * Writes an organiser's request: created when `etag` is absent, else replaced only while the
     * row still has it. False when another request of the same nonce was written first.
     */
    async putOrganiserRequest(r: OrganiserAddressRequest, etag?: string): Promise<boolean> {
      const entity = {
        partitionKey: r.dialogueId,
        rowKey: `o-p-${r.nonce}`,
        organiserId: r.organiserId,
        email: r.email,
        expiresAt: r.expiresAt.toISOString(),
      };
      try {
        if (etag) await table.updateEntity(entity, "Replace", { etag });
        else await table.createEntity(entity);
        return true;
      } catch (err) {
        if (statusOf(err) === 409 || statusOf(err) === 412 || statusOf(err) === 404) return false;
        throw err;
      }
    },
    async getOrganiserRequest(
      dialogueId: string,
      nonce: string,
    ): Promise<(OrganiserAddressRequest & { etag: string }) | undefined> {
      const e = await getRow<{ organiserId: string; email: string; expiresAt: string }>(
        table,
        dialogueId,
        `o-p-${nonce}`,
      );
      return e
        ? {
            ...{ dialogueId, nonce, organiserId: e.organiserId, email: e.email },
            ...{ expiresAt: new Date(e.expiresAt), etag: e.etag },
          }
        : undefined;
    },
    deleteOrganiserRequest: (dialogueId: string, nonce: string) => del(table, dialogueId, `o-p-${nonce}`),
    /** An organiser confirmed their own address for this dialogue: its page sends at the normal rate. */
    setOrganiserConfirmed: (dialogueId: string, organiserId: string, email: string, at: Date) =>
      table.upsertEntity(
        { partitionKey: dialogueId, rowKey: "o-confirmed", organiserId, email, at: at.toISOString() },
        "Replace",
      ),
    organiserConfirmed: async (dialogueId: string) => !!(await getRow(table, dialogueId, "o-confirmed")),
  };
}

/** The repository type. */
export type PublicStore = ReturnType<typeof createPublicStore>;
