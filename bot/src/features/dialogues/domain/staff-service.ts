import { ConcurrencyError, DialogueError } from "./errors";
import { NO_PEOPLE_LOOKUP, type DialogueStore, type PeopleLookup } from "./ports";
import type { Dialogue, DialogueAuditRecord, Person, StaffRole } from "./types";
import { isOrganiser } from "./user-state";

/** Dependencies of {@link createStaffService}. */
export interface StaffServiceDeps {
  dialogues: DialogueStore;
  now: () => Date;
  people?: PeopleLookup;
  /** Reads for an organiser-only operation (the dialogue service's own check). */
  getForOrganiser(
    id: string,
    tenantId: string | undefined,
    userId: string | undefined,
    expectedVersion?: number,
  ): Promise<Dialogue>;
}

/** Why adding a person was refused (each has a translated message `dialogue:staff.error.<code>`). */
export type StaffInputCode = "personRequired" | "badEmail" | "badPerson" | "creator" | "notStaff";

/** Bad input on the "Manage organisers" card: nothing was changed. */
export class StaffInputError extends Error {
  override name = "StaffInputError";
  constructor(public readonly code: StaffInputCode) {
    super(`staff input refused: ${code}`);
  }
}

/** A Teams people picker value: an AAD object id (GUID). */
const OBJECT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A plain e-mail address (no display-name form; the same shape public registration accepts). */
const EMAIL = /^[^\s@<>()",;:\\[\]]+@[^\s@<>()",;:\\[\]]+\.[^\s@<>()",;:\\[\].]{2,}$/u;

/** Normalises an e-mail address, or undefined when it is not one. */
export function normaliseEmail(raw: string): string | undefined {
  const email = raw.normalize("NFC").trim().toLowerCase();
  return email.length <= 254 && EMAIL.test(email) ? email : undefined;
}

/** True when `id` looks like an object id a people picker returns. */
export const isObjectId = (id: string) => OBJECT_ID.test(id);

/** The dialogue with `person` in `role` (organisers also facilitate through their role). */
export function withStaff(d: Dialogue, role: StaffRole, person: Person): Dialogue {
  if (role === "organiser") {
    const others = (d.coOrganisers ?? []).filter((p) => p.aadId !== person.aadId);
    return {
      ...d,
      organiserIds: d.organiserIds.includes(person.aadId)
        ? d.organiserIds
        : [...d.organiserIds, person.aadId],
      coOrganisers: [...others, person],
    };
  }
  const facilitators = d.facilitators.filter((p) => p.aadId !== person.aadId);
  return { ...d, facilitators: [...facilitators, person] };
}

/** The dialogue without `key` (an object id or a pending e-mail) in `role`; the creator stays. */
export function withoutStaff(d: Dialogue, role: StaffRole, key: string): Dialogue {
  if (key === d.createdBy.aadId) throw new StaffInputError("creator");
  const pending = d.pendingStaff ?? [];
  const inRole =
    role === "organiser" ? d.organiserIds.includes(key) : d.facilitators.some((f) => f.aadId === key);
  const isPending = pending.some((p) => p.role === role && p.email === key);
  if (!inRole && !isPending) throw new StaffInputError("notStaff");
  const pendingStaff = pending.filter((p) => !(p.role === role && p.email === key));
  if (role === "organiser")
    return {
      ...d,
      organiserIds: d.organiserIds.filter((id) => id !== key),
      coOrganisers: (d.coOrganisers ?? []).filter((p) => p.aadId !== key),
      pendingStaff,
    };
  return { ...d, facilitators: d.facilitators.filter((f) => f.aadId !== key), pendingStaff };
}

/**
 * Co-organisers and facilitators of a dialogue, managed by its organisers. People come from the
 * Teams people picker (object ids of the tenant) or by e-mail: with Graph the e-mail is resolved
 * at once (`GET /users/{email}`); without it the entry waits until that person opens the dialogue
 * (see {@link createStaffService.claim}). Every change is written version-checked and audited.
 */
export function createStaffService(deps: StaffServiceDeps) {
  const people = deps.people ?? NO_PEOPLE_LOOKUP;

  async function save(next: Dialogue, expected: number): Promise<Dialogue> {
    try {
      await deps.dialogues.update(next, expected);
    } catch (err) {
      if (err instanceof ConcurrencyError) throw new DialogueError("stale");
      throw err;
    }
    return next;
  }

  const audit = (dialogueId: string, byId: string, action: string, target?: string, reason?: string) =>
    deps.dialogues.appendAudit(dialogueId, { at: deps.now(), byId, action, target, reason });

  return {
    /** Records who did what on a dialogue (ids only). */
    audit,
    /** The audit trail, newest first. */
    auditTrail: (dialogueId: string): Promise<DialogueAuditRecord[]> => deps.dialogues.listAudit(dialogueId),
    /** True when e-mail entries are resolved at once (Graph configured). */
    get lookupAvailable() {
      return people.available;
    },

    /**
     * Adds a person (picker object id, else e-mail) in `role`. Organisers only; the card's
     * version must be current. Returns the dialogue and whether the entry is still pending.
     */
    async add(input: {
      id: string;
      tenantId: string | undefined;
      userId: string | undefined;
      version?: number;
      role: StaffRole;
      personId: string;
      email: string;
    }): Promise<{ dialogue: Dialogue; pending: boolean }> {
      // The role first: someone else learns nothing, not even what the card expects.
      const d = await deps.getForOrganiser(input.id, input.tenantId, input.userId, input.version);
      const personId = input.personId.trim();
      const rawEmail = input.email.trim();
      if (!personId && !rawEmail) throw new StaffInputError("personRequired");
      if (personId && !isObjectId(personId)) throw new StaffInputError("badPerson");
      const email = rawEmail ? normaliseEmail(rawEmail) : undefined;
      if (!personId && !email) throw new StaffInputError("badEmail");
      if (d.state === "cancelled") throw new DialogueError("cancelled");
      if ((personId || "") === d.createdBy.aadId) throw new StaffInputError("creator");
      // A picked person's name, or an e-mail's object id, from Graph when it is configured.
      const found = await people.find(personId || email!, d.tenantId).catch(() => undefined);
      let next: Dialogue;
      let pending = false;
      if (personId || found) {
        const person: Person = { aadId: found?.aadId ?? personId, name: found?.name ?? "" };
        if (person.aadId === d.createdBy.aadId) throw new StaffInputError("creator");
        const pendingStaff = (d.pendingStaff ?? []).filter(
          (p) => !(p.email === email && p.role === input.role),
        );
        next = withStaff({ ...d, pendingStaff }, input.role, person);
      } else {
        const others = (d.pendingStaff ?? []).filter((p) => !(p.email === email && p.role === input.role));
        next = { ...d, pendingStaff: [...others, { email: email!, role: input.role }] };
        pending = true;
      }
      const saved = await save({ ...next, version: d.version + 1, updatedAt: deps.now() }, d.version);
      const target = pending ? `pending:${input.role}` : (found?.aadId ?? personId);
      await audit(d.id, input.userId!, `staff.add.${input.role}`, target);
      return { dialogue: saved, pending };
    },

    /** Removes a person (object id or pending e-mail) from `role`. Organisers only; never the creator. */
    async remove(input: {
      id: string;
      tenantId: string | undefined;
      userId: string | undefined;
      version?: number;
      role: StaffRole;
      key: string;
    }): Promise<Dialogue> {
      const d = await deps.getForOrganiser(input.id, input.tenantId, input.userId, input.version);
      const next = withoutStaff(d, input.role, input.key);
      const saved = await save({ ...next, version: d.version + 1, updatedAt: deps.now() }, d.version);
      const target = isObjectId(input.key) || !input.key.includes("@") ? input.key : `pending:${input.role}`;
      await audit(d.id, input.userId!, `staff.remove.${input.role}`, target);
      return saved;
    },

    /**
     * Matches a person who was added by e-mail when they first open the dialogue: their e-mail
     * (from Teams) against the pending entries. Returns the dialogue, changed when they matched.
     */
    async claim(
      d: Dialogue,
      who: { aadId: string; name: string; email: string | undefined },
    ): Promise<Dialogue> {
      // Someone picked without Graph has no name yet: Teams tells it when they first open the dialogue.
      const unnamed = (p: Person) => p.aadId === who.aadId && !p.name;
      if (who.name && [...(d.coOrganisers ?? []), ...d.facilitators].some(unnamed)) {
        const name = (p: Person) => (unnamed(p) ? { ...p, name: who.name } : p);
        const named = {
          ...d,
          coOrganisers: d.coOrganisers?.map(name),
          facilitators: d.facilitators.map(name),
        };
        d = await save({ ...named, version: d.version + 1, updatedAt: deps.now() }, d.version);
      }
      const email = who.email ? normaliseEmail(who.email) : undefined;
      const mine = (d.pendingStaff ?? []).filter((p) => p.email === email);
      if (!email || mine.length === 0 || isOrganiser(d, who.aadId)) return d;
      let next: Dialogue = { ...d, pendingStaff: (d.pendingStaff ?? []).filter((p) => p.email !== email) };
      for (const p of mine) next = withStaff(next, p.role, { aadId: who.aadId, name: who.name });
      const saved = await save({ ...next, version: d.version + 1, updatedAt: deps.now() }, d.version);
      for (const p of mine) await audit(d.id, who.aadId, `staff.claim.${p.role}`, who.aadId);
      return saved;
    },
  };
}

/** The staff service type. */
export type StaffService = ReturnType<typeof createStaffService>;
