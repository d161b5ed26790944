import { loadDialogue } from "./access";
import type { NameIndex } from "../domain/notes";
import type { RoundsContext } from "./context";
import { compileRoster } from "./notes-domain";

/** How long a dialogue's name list is reused before it is read again. */
const TTL_MS = 60_000;
const MAX_DIALOGUES = 500;

/**
 * Names to mask in a dialogue's notes: every registrant (any status) and the facilitators.
 * Cached per instance for a minute — names change rarely during a dialogue, and reading all
 * registrations on every note save would double the hot path's round trips. Also checks the
 * dialogue belongs to the caller's tenant on every fill.
 */
export function createRosterCache(rc: RoundsContext) {
  const entries = new Map<string, { at: number; tenantId: string; names: Promise<NameIndex> }>();
  return {
    /** The compiled names of a dialogue (throws "not found" for another tenant's dialogue). */
    async names(dialogueId: string, tenantId: string | undefined): Promise<NameIndex> {
      const now = rc.now().getTime();
      const hit = entries.get(dialogueId);
      if (hit && now - hit.at < TTL_MS && hit.tenantId === tenantId) return hit.names;
      const names = (async () => {
        const dialogue = await loadDialogue(rc, dialogueId, tenantId);
        const registrations = await rc.registrations.active(dialogueId);
        return compileRoster([
          ...registrations.map((r) => r.name),
          ...dialogue.facilitators.map((f) => f.name),
        ]);
      })();
      names.catch(() => entries.delete(dialogueId));
      if (entries.size >= MAX_DIALOGUES) entries.delete(entries.keys().next().value!);
      entries.set(dialogueId, { at: now, tenantId: tenantId ?? "", names });
      return names;
    },
  };
}
