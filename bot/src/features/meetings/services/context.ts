import type { Logger } from "../../../logger";
import type { GraphClient } from "../../../platform/graph/graph-client";
import type { Outbox } from "../../../platform/outbox/outbox";
import type { KeyedMutex } from "../../../platform/tables/keyed-mutex";
import type { DialogueService, RegistrationService } from "../../dialogues";
import type { LinkRepository } from "../store/link-repository";
import type { MeetingRepository } from "../store/meeting-repository";

/** What the meetings services work with. */
export interface MeetingsContext {
  graph: GraphClient;
  repo: MeetingRepository;
  /** Meeting chat → dialogue, for the side panel. */
  links: LinkRepository;
  dialogues: DialogueService;
  registrations: RegistrationService;
  /** The durable outbox (what the feature tells organisers). */
  outbox: Outbox;
  logger: Logger;
  /** One sync per dialogue at a time in this process (a rescheduled job may start while one runs). */
  mutex: KeyedMutex;
}

/**
 * Whether the dialogue is gone: asked right after storing the id of something just made in
 * Graph. A deletion that ran before that write could not see the id (so its clean-up misses the
 * new event or meeting); one that runs after it sees the id. Checking after the write leaves no
 * gap between the two.
 */
export async function deletedMeanwhile(mc: MeetingsContext, dialogueId: string): Promise<boolean> {
  return !(await mc.dialogues.load(dialogueId));
}
