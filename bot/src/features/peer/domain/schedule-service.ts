import { randomUUID } from "node:crypto";
import { isNonce } from "../../dialogues";
import type { Dialogue, DialogueLanguage, Person } from "../../dialogues";
import type { Principal } from "../../directory";
import { methodGrouping } from "../../dialogues";
import { requireCoordinator } from "./access";
import type { PeerContext } from "./context";
import { PeerError } from "./errors";
import { parsePeerInput, peerInputSchema } from "./schedule-input";
import type { PeerDialogue } from "./types";

/**
 * Scheduling: a coordinator creates an ordinary dialogue of type "peer" (the dialogue service,
 * so registration, reminders and rounds work as for any dialogue) with the organisations
 * attached and groups that mix them; the peer record keeps contacts and the method.
 */
export function createScheduleService(pc: PeerContext) {
  return {
    async schedule(input: {
      principal: Principal;
      creator: Person;
      body: unknown;
      lang: DialogueLanguage;
    }): Promise<{ dialogue: Dialogue; peer: PeerDialogue; created: boolean }> {
      const { principal } = input;
      requireCoordinator(principal);
      const raw = peerInputSchema.safeParse(input.body);
      if (!raw.success) throw new PeerError("invalid", [{ field: "body", key: "badData" }]);
      const snapshot = await pc.directory.readModel.snapshot(principal.tenantId);
      const parsed = parsePeerInput(raw.data, {
        now: pc.now(),
        lang: input.lang,
        orgName: (id) => snapshot.orgs.get(id)?.names.fi,
      });
      if (!parsed.ok) throw new PeerError("invalid", parsed.errors);
      const { details, method, level } = parsed.value;
      // The directory's names per language travel with the record, for sv/en readers.
      const organisations = parsed.value.organisations.map((o) => {
        const names = snapshot.orgs.get(o.orgId)?.names;
        return names ? { ...o, names: { fi: names.fi, sv: names.sv, en: names.en } } : o;
      });
      const nonce = isNonce(raw.data.nonce) ? raw.data.nonce : randomUUID();
      const { dialogue, created } = await pc.dialogues.create({
        tenantId: principal.tenantId,
        creator: input.creator,
        nonce,
        details,
        extras: {
          type: "peer",
          organisations: organisations.map((o) => ({
            id: o.orgId,
            name: o.name,
            ...("names" in o && o.names ? { names: o.names } : {}),
          })),
          grouping: methodGrouping(method, true),
          method,
          participationLevel: level,
        },
      });
      const existing = await pc.store.get(principal.tenantId, dialogue.id);
      if (existing) return { dialogue, peer: existing, created: false };
      const peer: PeerDialogue = {
        dialogueId: dialogue.id,
        tenantId: principal.tenantId,
        theme: dialogue.title,
        start: dialogue.start.toISOString(),
        end: dialogue.end.toISOString(),
        organisations,
        method,
        level,
        language: dialogue.languages[0] ?? input.lang,
        createdBy: { userId: principal.userId, name: principal.name },
        createdAt: pc.now().toISOString(),
        state: "scheduled",
      };
      await pc.store.put(peer);
      return { dialogue, peer, created };
    },

    /** Remembers where the invitation was posted (personal chats with contacts open through it). */
    async recordPostedIn(peer: PeerDialogue, conversationId: string): Promise<PeerDialogue> {
      const next = { ...peer, postedIn: conversationId };
      await pc.store.put(next);
      return next;
    },
  };
}

/** The schedule service type. */
export type ScheduleService = ReturnType<typeof createScheduleService>;
