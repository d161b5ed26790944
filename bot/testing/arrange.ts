import { randomInt } from "node:crypto";
import type { Dialogue } from "../src/features/dialogues/domain/types";
import { initialState } from "../src/features/rounds/services/run-state";
import type { RoundGroup } from "../src/features/rounds/services/types";
import { createDialogueRepository } from "../src/features/dialogues/store/dialogue-repository";
import { createGroupRepository } from "../src/features/rounds/store/group-repository";
import { createNoteRepository } from "../src/features/rounds/store/note-repository";
import type { TableStore } from "../src/platform/tables/table-store";
import { TEST_TENANT } from "./activities";

const ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";

/** A fresh id shaped like the ones the app mints (`d-` + 8 characters). */
export function newDialogueId(): string {
  let id = "d-";
  for (let i = 0; i < 8; i++) id += ALPHABET[randomInt(ALPHABET.length)];
  return id;
}

/** AAD id of member `m` of the arranged dialogue `id`. */
export const memberId = (dialogueId: string, n: number) => `aad-${dialogueId}-${n}`;

/** The organiser (and facilitator) of arranged dialogues. */
export const ORGANISER = "aad-rel-organiser";
/** A second facilitator of arranged dialogues. */
export const FACILITATOR = "aad-rel-facilitator";

/** An open dialogue stored directly through the repository (no bot round-trips). */
export async function arrangeDialogue(
  store: TableStore,
  overrides: Partial<Dialogue> = {},
): Promise<Dialogue> {
  const at = new Date();
  const dialogue: Dialogue = {
    id: newDialogueId(),
    tenantId: TEST_TENANT,
    state: "open",
    version: 1,
    title: "Luotettava dialogi",
    description: "",
    themes: ["Mikä tekee palvelusta luotettavan?"],
    start: new Date(at.getTime() + 30 * 86400_000),
    end: new Date(at.getTime() + 30 * 86400_000 + 7200_000),
    deadline: new Date(at.getTime() + 29 * 86400_000),
    mode: "remote",
    meetingUrl: "",
    address: "",
    capacity: 100,
    languages: ["fi"],
    organisers: "",
    groundRules: "current4",
    agenda: [],
    createdBy: { aadId: ORGANISER, name: "Olli Organiser" },
    organiserIds: [ORGANISER],
    facilitators: [
      { aadId: ORGANISER, name: "Olli Organiser" },
      { aadId: FACILITATOR, name: "Fanni Facilitator" },
    ],
    createdAt: at,
    updatedAt: at,
    ...overrides,
  };
  await createDialogueRepository(store.table("Dialogues")).create(dialogue);
  return dialogue;
}

/**
 * A dialogue whose round 1 is running with `groups` groups of `members` (members may write
 * notes; member 0 of each group is its scribe) — the state `bench/sections/notes-pipeline.ts`
 * arranges, stored directly through the repositories. With `running: false` the groups of
 * round 1 are formed and the dialogue started, but the round is not (a facilitator starts it).
 */
export async function arrangeRunningRound(
  store: TableStore,
  groups: number,
  members: number,
  options: { running?: boolean; dialogue?: Partial<Dialogue> } = {},
): Promise<{ dialogue: Dialogue; groupOf: (member: number) => number }> {
  const running = options.running ?? true;
  const dialogue = await arrangeDialogue(store, {
    start: new Date(),
    end: new Date(Date.now() + 7200_000),
    ...options.dialogue,
  });
  const at = new Date();
  const repo = createGroupRepository(store.table("Groups"));
  const list: RoundGroup[] = Array.from({ length: groups }, (_, g) => ({
    round: 1,
    group: g + 1,
    members: Array.from({ length: members }, (_, m) => ({
      userId: memberId(dialogue.id, g * members + m),
      name: `Member ${g * members + m}`,
      language: "fi" as const,
      uiLang: "fi" as const,
      organisation: "Org",
      background: "",
    })),
    scribeId: memberId(dialogue.id, g * members),
  }));
  await repo.replaceRounds(dialogue.id, [1], list);
  const groupOf = (member: number) => Math.floor(member / members) + 1;
  if (!running) {
    await repo.putState({ ...initialState(dialogue.id, 1), phase: "started", formedRounds: 1 }, undefined);
    return { dialogue, groupOf };
  }
  await repo.putState(
    {
      ...initialState(dialogue.id, 1),
      phase: "started",
      round: 1,
      running: true,
      formedRounds: 1,
      membersMayWrite: true,
      roundStartedAt: at,
      roundEndsAt: new Date(at.getTime() + 1800_000),
    },
    undefined,
  );
  const notes = createNoteRepository(store.table("Notes"), { chunk: (t) => [t], join: (c) => c.join("") });
  await notes.openGate(dialogue.id, 1, "scribes");
  await notes.openGate(dialogue.id, 1, "members");
  return { dialogue, groupOf };
}

/** Every row of a table in one partition. */
export async function rowsOf(store: TableStore, table: string, partitionKey: string) {
  const rows: Record<string, unknown>[] = [];
  const filter = `PartitionKey eq '${partitionKey.replace(/'/g, "''")}'`;
  for await (const e of store.table(table).listEntities({ queryOptions: { filter } })) rows.push(e);
  return rows;
}

/** Note rows only (the Notes partition also holds the gate rows `open-r…`). */
export async function noteRowsOf(store: TableStore, dialogueId: string) {
  return (await rowsOf(store, "Notes", dialogueId)).filter((r) => /^r\d/.test(String(r.rowKey)));
}
