import type { DialogueService } from "../../dialogues";
import type { RegistrationService } from "../../dialogues";
import type { JobQueue } from "../../../platform/jobs/job-types";
import type { Logger } from "../../../logger";
import type { Messenger } from "../../../platform/messaging/messenger-types";
import type { GroupRepository } from "../store/group-repository";
import type { NoteRepository } from "../store/note-repository";
import type { PlanRepository } from "../store/plan-repository";
import type { GroupCache } from "./group-cache";
import type { ExternalMemberHook } from "./external-members";
import type { RoundLinks } from "./links";

/** What the rounds services work with (built once by `features/rounds.ts`). */
export interface RoundsContext {
  dialogues: DialogueService;
  registrations: RegistrationService;
  groups: GroupRepository;
  notes: NoteRepository;
  /** The grouping plan (source of truth for proposals and moves). */
  plans: PlanRepository;
  /** Started rounds' groups, cached (they never change once a round has started). */
  cache: GroupCache;
  jobs: JobQueue;
  messenger: Messenger;
  links: RoundLinks;
  logger: Logger;
  now: () => Date;
  /** Members without Teams (public registrants) get their group by e-mail through this hook. */
  externalMembers?: ExternalMemberHook;
}
