import type { Dialogue } from "../../dialogues";
import type { GroupMember, RoundGroup } from "./types";

/** What a group e-mail needs: the person's group of a started round and its room link. */
export interface GroupNotice {
  dialogue: Dialogue;
  group: RoundGroup;
  member: GroupMember;
  /** First names of the others in the group. */
  others: string[];
  theme: string;
  endsAt?: Date;
  /** The group's own meeting (`group.joinUrl`) or, without one, the dialogue's Teams meeting. */
  roomUrl: string;
  /** What identifies this mail (dialogue, decision, person): a rerun of the announcement mails nothing twice. */
  key?: string;
}

/** Reaches group members who have no Teams chat (people registered on the public page). */
export interface ExternalMemberChannel {
  owns(userId: string): boolean;
  /** Sends the group notice (e-mail); false when it could not be sent. */
  sendGroup(notice: GroupNotice): Promise<boolean>;
}

/** The installation point; installed by the public-registration feature. */
export interface ExternalMemberHook {
  install(channel: ExternalMemberChannel): void;
  current(): ExternalMemberChannel | undefined;
}

/** An empty hook: until installed, every member is reached through Teams. */
export function createExternalMemberHook(): ExternalMemberHook {
  let channel: ExternalMemberChannel | undefined;
  return { install: (c) => void (channel = c), current: () => channel };
}
