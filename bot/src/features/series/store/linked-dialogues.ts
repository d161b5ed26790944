import type { TableStore } from "../../../platform/tables/table-store";
import type { LinkedDialogueLookup } from "../domain/ports";
import { utcToHelsinki } from "../../../platform/time/helsinki-time";
import { createDialogueRepository } from "../../dialogues";
import { createRegistrationRepository } from "../../dialogues";

/**
 * Looks up dialogues run with this bot (the dialogues feature's tables), so an organiser can link
 * one to a series and its registrants' names are masked in the records.
 */
export function createLinkedDialogueLookup(store: TableStore): LinkedDialogueLookup {
  const dialogues = createDialogueRepository(store.table("Dialogues"));
  const registrations = createRegistrationRepository(store.table("Registrations"));
  return {
    async find(dialogueId, tenantId, userId) {
      const d = await dialogues.get(dialogueId);
      if (!d || d.tenantId !== tenantId || !d.organiserIds.includes(userId)) return undefined;
      return { title: d.title, date: utcToHelsinki(d.start).date, languages: [...d.languages], mode: d.mode };
    },
    async participantNames(dialogueId) {
      return (await registrations.list(dialogueId)).map((r) => r.name).filter(Boolean);
    },
  };
}
