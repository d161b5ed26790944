import type { Logger } from "../../../logger";
import type { GraphClient } from "../../../platform/graph/graph-client";
import type { Messenger } from "../../../platform/messaging/messenger-types";
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
  messenger: Messenger;
  logger: Logger;
  /** One sync per dialogue at a time in this process (a rescheduled job may start while one runs). */
  mutex: KeyedMutex;
}
