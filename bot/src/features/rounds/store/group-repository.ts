import type { TableClient, TransactionAction } from "@azure/data-tables";
import { StaleStateError } from "../services/errors";
import type { GroupMember, PendingSteps, RoundGroup, RunState, StoredRunState } from "../services/types";
import { statusOf } from "../../../platform/tables/errors";
import { groupRowKey, prefixFilter, roundPrefix, STATE_ROW } from "./round-keys";

/**
 * Table `Groups` (PK = dialogueId):
 * - RK `state`: the run state (phase, current round, timings), replaced only with its ETag;
 * - RK `r{round}-g{n}`: one breakout group (members as JSON, scribe).
 * Group rows of a round are written before it starts and never change afterwards.
 */
interface StateEntity {
  partitionKey: string;
  rowKey: string;
  phase: string;
  round: number;
  running: boolean;
  roundStartedAt?: Date;
  roundEndsAt?: Date;
  formedRounds: number;
  plannedRounds: number;
  membersMayWrite: boolean;
  warnedEndsAt?: Date;
  noticedEndsAt?: Date;
  endedAt?: Date;
  pendingOp?: string;
  pendingRound?: number;
  pendingSince?: Date;
  version: number;
}

type GroupEntity = {
  partitionKey: string;
  rowKey: string;
  round: number;
  group: number;
  members: string;
  scribeId: string;
};

/** Entity transactions hold at most 100 actions (an Azure Tables limit). */
const BATCH = 100;

function toStateEntity(s: RunState): StateEntity {
  const e: StateEntity = {
    partitionKey: s.dialogueId,
    rowKey: STATE_ROW,
    phase: s.phase,
    round: s.round,
    running: s.running,
    formedRounds: s.formedRounds,
    plannedRounds: s.plannedRounds,
    membersMayWrite: s.membersMayWrite,
    version: s.version,
  };
  // Tables cannot store undefined; absent dates are left out.
  if (s.roundStartedAt) e.roundStartedAt = s.roundStartedAt;
  if (s.roundEndsAt) e.roundEndsAt = s.roundEndsAt;
  if (s.warnedEndsAt) e.warnedEndsAt = s.warnedEndsAt;
  if (s.noticedEndsAt) e.noticedEndsAt = s.noticedEndsAt;
  if (s.endedAt) e.endedAt = s.endedAt;
  if (s.pending) {
    e.pendingOp = s.pending.op;
    e.pendingRound = s.pending.round;
    e.pendingSince = s.pending.since;
  }
  return e;
}

const date = (v: unknown) => (v === undefined || v === null ? undefined : new Date(v as string));

function fromStateEntity(e: StateEntity & { etag: string }): StoredRunState {
  return {
    dialogueId: e.partitionKey,
    phase: e.phase as RunState["phase"],
    round: e.round,
    running: e.running,
    roundStartedAt: date(e.roundStartedAt),
    roundEndsAt: date(e.roundEndsAt),
    formedRounds: e.formedRounds,
    plannedRounds: e.plannedRounds,
    membersMayWrite: e.membersMayWrite,
    warnedEndsAt: date(e.warnedEndsAt),
    noticedEndsAt: date(e.noticedEndsAt),
    endedAt: date(e.endedAt),
    pending: e.pendingOp
      ? {
          op: e.pendingOp as PendingSteps["op"],
          round: Number(e.pendingRound),
          since: date(e.pendingSince) ?? new Date(0),
        }
      : undefined,
    version: e.version,
    etag: e.etag,
  };
}

function toGroupEntity(dialogueId: string, g: RoundGroup): GroupEntity {
  return {
    partitionKey: dialogueId,
    rowKey: groupRowKey(g.round, g.group),
    round: g.round,
    group: g.group,
    members: JSON.stringify(g.members),
    scribeId: g.scribeId ?? "",
  };
}

function fromGroupEntity(e: GroupEntity): RoundGroup {
  return {
    round: e.round,
    group: e.group,
    members: JSON.parse(e.members) as GroupMember[],
    scribeId: e.scribeId || undefined,
  };
}

/** Creates the repository over the `Groups` table. */
export function createGroupRepository(table: TableClient) {
  async function listPrefix(dialogueId: string, prefix: string): Promise<RoundGroup[]> {
    const out: RoundGroup[] = [];
    const filter = prefixFilter(dialogueId, prefix);
    for await (const e of table.listEntities<GroupEntity>({ queryOptions: { filter } })) {
      out.push(fromGroupEntity(e));
    }
    return out.sort((a, b) => a.round - b.round || a.group - b.group);
  }

  return {
    /** The run state, or undefined before the dialogue was first started or grouped. */
    async getState(dialogueId: string): Promise<StoredRunState | undefined> {
      try {
        const e = await table.getEntity<StateEntity>(dialogueId, STATE_ROW);
        return fromStateEntity(e as StateEntity & { etag: string });
      } catch (err) {
        if (statusOf(err) === 404) return undefined;
        throw err;
      }
    },

    /**
     * Writes a state transition: a create when `etag` is undefined, else a replace conditional
     * on it. Throws {@link StaleStateError} when someone else transitioned first.
     */
    async putState(state: RunState, etag: string | undefined): Promise<StoredRunState> {
      try {
        const entity = toStateEntity(state);
        const res = etag
          ? await table.updateEntity(entity, "Replace", { etag })
          : await table.createEntity(entity);
        return { ...state, etag: res.etag ?? "" };
      } catch (err) {
        const s = statusOf(err);
        if (s === 412 || s === 409) throw new StaleStateError("run state changed");
        throw err;
      }
    },

    /**
     * Replaces the groups of rounds `rounds` (rows of those rounds not in `groups` are deleted),
     * in transactions of 100. For rounds that have not started, and for the running round when the
     * facilitator marks someone absent or adds a late joiner (services/attendance-service.ts).
     */
    async replaceRounds(dialogueId: string, rounds: readonly number[], groups: readonly RoundGroup[]) {
      const keep = new Set(groups.map((g) => groupRowKey(g.round, g.group)));
      const actions: TransactionAction[] = [];
      for (const round of rounds) {
        for (const old of await listPrefix(dialogueId, roundPrefix(round))) {
          const rk = groupRowKey(old.round, old.group);
          if (!keep.has(rk)) actions.push(["delete", { partitionKey: dialogueId, rowKey: rk }]);
        }
      }
      for (const g of groups) actions.push(["upsert", toGroupEntity(dialogueId, g), "Replace"]);
      for (let i = 0; i < actions.length; i += BATCH) {
        await table.submitTransaction(actions.slice(i, i + BATCH));
      }
    },

    /** One group, or undefined. */
    async getGroup(dialogueId: string, round: number, group: number): Promise<RoundGroup | undefined> {
      try {
        return fromGroupEntity(await table.getEntity<GroupEntity>(dialogueId, groupRowKey(round, group)));
      } catch (err) {
        if (statusOf(err) === 404) return undefined;
        throw err;
      }
    },

    /** The groups of one round, in order. */
    listRound: (dialogueId: string, round: number) => listPrefix(dialogueId, roundPrefix(round)),

    /** Every group of every round, in order. */
    listAll: (dialogueId: string) => listPrefix(dialogueId, "r"),
  };
}

/** The repository type. */
export type GroupRepository = ReturnType<typeof createGroupRepository>;
