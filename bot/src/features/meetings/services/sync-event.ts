import { errorFields } from "../../../logger";
import { forEachLimit } from "../../../platform/concurrency";
import { graphFailure, graphStatus } from "../../../platform/graph/graph-client";
import { dialogueT, type Dialogue, type Registration } from "../../dialogues";
import {
  attendeeList,
  eventFields,
  eventTransactionId,
  fingerprint,
  type Attendee,
  type EventTexts,
} from "../domain/event";
import { threadIdOf } from "../domain/thread";
import { deletedMeanwhile, type MeetingsContext } from "./context";
import { dialogueLang, meetingsT, tellOrganiserOnce } from "./notify";

/** Look-ups of registrants' addresses in flight at once. */
const LOOKUPS = 4;
/** A confirmed set that keeps changing under us is re-sent at most this often per run. */
const MAX_ROUNDS = 3;

interface CreatedEvent {
  id: string;
  onlineMeeting?: { joinUrl?: string } | null;
}

const userPath = (aadId: string) => `/users/${encodeURIComponent(aadId)}`;

function texts(d: Dialogue): EventTexts {
  const t = dialogueT(dialogueLang(d));
  return {
    themesHeading: t("card.themes"),
    agendaHeading: t("card.agenda"),
    breakoutLabel: t("card.breakout"),
  };
}

/** Thrown when Graph said something that retrying will not change (403, 400); already handled. */
class Settled extends Error {}

/**
 * The one job that brings a dialogue's Outlook event in line with the dialogue: creates it (with
 * a Teams meeting for automatic links; `transactionId` makes a retried POST return the same
 * event), updates subject, body, time and place when they changed, sets the attendees to exactly
 * the confirmed registrants, and cancels it when the dialogue is cancelled. It reads the current
 * state every time, so any number of triggers, retries and concurrent registrations converge.
 */
export function createEventSync(mc: MeetingsContext) {
  async function addressOf(
    d: Dialogue,
    r: Registration,
  ): Promise<{ address: string; name: string } | undefined> {
    const cached = await mc.repo.mail(d.id, r.userId);
    if (cached) return { address: cached.address, name: r.name };
    try {
      const user = (await mc.graph.api(userPath(r.userId)).select("mail,userPrincipalName").get()) as {
        mail?: string | null;
        userPrincipalName?: string | null;
      };
      const address = user.mail || user.userPrincipalName;
      if (!address) return undefined;
      await mc.repo.saveMail(d.id, r.userId, address);
      return { address, name: r.name };
    } catch (err) {
      // Someone Graph does not know (a guest gone since): they keep their seat, just no invite.
      if (graphFailure(err) === "notFound") {
        mc.logger.warn("registrant not found in Graph; no calendar invitation", { dialogueId: d.id });
        return undefined;
      }
      throw err;
    }
  }

  async function attendees(d: Dialogue): Promise<Attendee[]> {
    const confirmed = await mc.registrations.confirmed(d.id);
    const people: { address: string; name: string }[] = [];
    await forEachLimit(confirmed, LOOKUPS, async (r) => {
      const p = await addressOf(d, r);
      if (p) people.push(p);
    });
    return attendeeList(people);
  }

  async function create(d: Dialogue): Promise<void> {
    const fields = eventFields(d, texts(d));
    const list = await attendees(d);
    const event = (await mc.graph
      .api(`${userPath(d.createdBy.aadId)}/events`)
      .post({ ...fields, attendees: list, transactionId: eventTransactionId(d.id) })) as CreatedEvent;
    const joinUrl = event.onlineMeeting?.joinUrl ?? undefined;
    await mc.repo.saveEvent(d.id, {
      eventId: event.id,
      joinUrl,
      fieldsHash: fingerprint(fields),
      attendeesHash: fingerprint(list),
    });
    if (await deletedMeanwhile(mc, d.id)) {
      // Deleted while Graph was making the event: the deletion's clean-up read no event id, so
      // nobody else will cancel this one. (Deleted after the write above: its clean-up has the id.)
      await cancelAbandoned(d, event.id);
      await mc.repo.forget(d.id);
      return;
    }
    if (d.meetingAuto && joinUrl) await mc.dialogues.setMeetingUrl(d.id, joinUrl);
    // The side panel in this meeting finds its dialogue by the meeting chat's thread id.
    const threadId = threadIdOf(joinUrl);
    if (threadId) await mc.links.link(threadId, { dialogueId: d.id, tenantId: d.tenantId });
    mc.logger.info("calendar event created", { dialogueId: d.id, attendees: list.length });
  }

  async function update(
    d: Dialogue,
    eventId: string,
    state: { fieldsHash?: string; attendeesHash?: string },
  ) {
    const path = `${userPath(d.createdBy.aadId)}/events/${encodeURIComponent(eventId)}`;
    const fields = eventFields(d, texts(d));
    const fieldsHash = fingerprint(fields);
    if (fieldsHash !== state.fieldsHash) {
      const event = (await mc.graph.api(path).patch(fields)) as CreatedEvent;
      const joinUrl = event?.onlineMeeting?.joinUrl ?? undefined;
      await mc.repo.saveEvent(d.id, { fieldsHash, joinUrl });
      if (d.meetingAuto && joinUrl && joinUrl !== d.meetingUrl)
        await mc.dialogues.setMeetingUrl(d.id, joinUrl);
      mc.logger.info("calendar event updated", { dialogueId: d.id });
    }
    let sent = state.attendeesHash;
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const list = await attendees(d);
      const hash = fingerprint(list);
      if (hash === sent) return;
      // PATCH replaces the whole list: the confirmed set is the truth, not a diff of it.
      await mc.graph.api(path).patch({ attendees: list });
      await mc.repo.saveEvent(d.id, { attendeesHash: hash });
      sent = hash;
      mc.logger.info("calendar attendees synchronised", { dialogueId: d.id, attendees: list.length });
    }
  }

  /**
   * Cancels an event made for a dialogue that is gone. A failure is logged, not retried: the
   * job's next run finds no dialogue, so a retry could not reach this event again.
   */
  async function cancelAbandoned(d: Dialogue, eventId: string): Promise<void> {
    const comment = meetingsT(dialogueLang(d))("cancelComment");
    try {
      await mc.graph
        .api(`${userPath(d.createdBy.aadId)}/events/${encodeURIComponent(eventId)}/cancel`)
        .post({ comment });
      mc.logger.info("calendar event cancelled: its dialogue was deleted while it was made", {
        dialogueId: d.id,
      });
    } catch (err) {
      mc.logger.warn("calendar event of a deleted dialogue not cancelled", {
        dialogueId: d.id,
        status: graphStatus(err),
        failure: graphFailure(err),
      });
    }
  }

  async function cancel(d: Dialogue, eventId: string): Promise<void> {
    const comment = meetingsT(dialogueLang(d))("cancelComment");
    await mc.graph
      .api(`${userPath(d.createdBy.aadId)}/events/${encodeURIComponent(eventId)}/cancel`)
      .post({ comment });
    await mc.repo.saveEvent(d.id, { cancelled: true });
    mc.logger.info("calendar event cancelled", { dialogueId: d.id });
  }

  async function syncOnce(dialogueId: string): Promise<void> {
    const d = await mc.dialogues.load(dialogueId);
    if (!d) return; // deleted meanwhile
    const state = await mc.repo.event(d.id);
    if (state.cancelled) return;
    if (d.state === "cancelled") {
      if (state.eventId) await cancel(d, state.eventId);
      return;
    }
    if (state.eventId) return update(d, state.eventId, state);
    // Only remote and hybrid dialogues get an event (an in-person one keeps the .ics file).
    if (d.mode === "inPerson") return;
    await create(d);
  }

  /** Job handler body: problems Graph will not fix by itself are settled (organiser told), others retried. */
  async function sync(dialogueId: string): Promise<void> {
    await mc.mutex
      .run(`meetings-${dialogueId}`, async () => {
        try {
          await syncOnce(dialogueId);
        } catch (err) {
          const failure = graphFailure(err);
          const fields = { dialogueId, status: graphStatus(err), failure, ...errorFields(err) };
          const d = await mc.dialogues.load(dialogueId).catch(() => undefined);
          if (failure === "forbidden") {
            mc.logger.warn("Graph refused (403): no Teams meeting or invitation", fields);
            if (d) await tellOrganiserOnce(mc, d, "forbidden");
            throw new Settled();
          }
          if (failure === "invalid" || failure === "notFound") {
            mc.logger.error("Graph rejected the request; not retried", fields);
            throw new Settled();
          }
          mc.logger.warn("Graph unavailable; the job will retry", fields);
          if (d) await tellOrganiserOnce(mc, d, "unavailable");
          throw err;
        }
      })
      .catch((err: unknown) => {
        if (!(err instanceof Settled)) throw err;
      });
  }

  return { sync };
}
