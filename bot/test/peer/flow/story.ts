import assert from "node:assert/strict";
import { startTestApp, type TestApp } from "../../../testing/app";
import { startConnectorRecorder, type ConnectorRecorder } from "../../../testing/connector-recorder";
import { SSO_TENANT, startSsoAuthority, type SsoAuthority } from "../../../testing/sso";
import { driver, type Actor } from "../../dialogues/conversation-helpers";

/** The app's public address (links in cards and messages start with it). */
// Loopback: test apps run in local mode, which refuses a public URL.
export const PUBLIC_URL = "http://localhost:8443";
/** The dialogue network's channel, where coordinators schedule. */
export const CHANNEL = "19:peer-network@thread.tacv2";
const person = (userId: string, userName: string): Actor => ({
  userId,
  userName,
  locale: "fi-FI",
  tenantId: SSO_TENANT,
});
/** The network coordinator (in COORDINATORS). */
export const coordinator = person("aad-peer-coordinator", "Kaisa Koordinaattori");
/** The organisations of the peer dialogue. */
export const ORGS = ["vm", "syke", "oph"] as const;
/** One of ORGS. */
export type OrgId = (typeof ORGS)[number];
/** Each organisation's contact person, invited personally. */
export const contact: Record<OrgId, Actor> = {
  vm: person("aad-contact-vm", "Ville Valtiovarain"),
  syke: person("aad-contact-syke", "Sanna Ympäristö"),
  oph: person("aad-contact-oph", "Olli Opetus"),
};
/** Each organisation's directory staff, who decide on its draft entries. */
export const staff: Record<OrgId, Actor> = {
  vm: person("aad-staff-vm", "Veera Virkailija"),
  syke: person("aad-staff-syke", "Saku Suunnittelija"),
  oph: person("aad-staff-oph", "Outi Opetusneuvos"),
};
/** Staff of an organisation without a listing (for the listing-health reminder). */
export const smStaff = person("aad-staff-sm", "Sami Sisä");
/** Three registrants per organisation: its contact and two colleagues. */
export const registrants = ORGS.flatMap((org) => [
  { ...contact[org], org },
  { ...person(`aad-${org}-2`, `Toinen ${org.toUpperCase()}`), org },
  { ...person(`aad-${org}-3`, `Kolmas ${org.toUpperCase()}`), org },
]);
/** Activity options of a message typed in the network channel. */
export const inChannel = { conversationType: "channel" as const, conversationId: CHANNEL };

/**
 * State the story's steps share, in order: the real server and what earlier steps created.
 * Steps run in one describe, so a later step reads what an earlier one stored here.
 */
export interface PeerStory {
  app: TestApp;
  connector: ConnectorRecorder;
  /** The server's clock; steps move it forward. */
  clock: Date;
  /** The bot driven through /api/messages. */
  bot: ReturnType<typeof driver>;
  /** The peer dialogue, once scheduled. */
  dialogueId: string;
  /** Finnish organisation names by org id, from the directory. */
  names: Map<string, string>;
  /** Calls the REST API as `who` (a Teams SSO token from the local authority). */
  call(
    path: string,
    who: Actor,
    init?: { method?: string; body?: unknown; lang?: string },
  ): Promise<{ status: number; body: Record<string, unknown> }>;
}

/**
 * Registers before/after hooks: the server with a fast job poll, everyone has talked to the bot
 * (so personal messages reach them), staff are members of their organisations.
 */
export function usePeerStory(): PeerStory {
  let sso: SsoAuthority;
  const token = (a: Actor) => sso.mint({ oid: a.userId, name: a.userName, tid: SSO_TENANT });
  const story = {
    clock: new Date("2030-03-01T08:00:00Z"),
    dialogueId: "",
    names: new Map<string, string>(),
    call: async (path: string, who: Actor, init: { method?: string; body?: unknown; lang?: string } = {}) => {
      const res = await fetch(`${story.app.url}${path}`, {
        method: init.method ?? "GET",
        headers: {
          authorization: `Bearer ${await token(who)}`,
          "accept-language": init.lang ?? "fi",
          ...(init.body !== undefined ? { "content-type": "application/json" } : {}),
        },
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
      });
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    },
  } as PeerStory; // app, connector and bot are set in before()

  before(async () => {
    story.connector = await startConnectorRecorder();
    sso = await startSsoAuthority();
    story.app = await startTestApp({
      env: {
        ...sso.env,
        PUBLIC_URL,
        JOB_POLL_MS: "50",
        COORDINATORS: coordinator.userId,
        LOG_LEVEL: "error",
      },
      overrides: { now: () => story.clock },
    });
    story.bot = driver(story.app, story.connector);
    for (const a of [coordinator, smStaff, ...Object.values(staff), ...registrants])
      await story.bot.say(a, "help");
    for (const org of [...ORGS, "sm"]) {
      const who = org === "sm" ? smStaff : staff[org as OrgId];
      const res = await story.call(`/api/directory/memberships/${who.userId}`, coordinator, {
        method: "PUT",
        body: { orgIds: [org], name: who.userName },
      });
      assert.equal(res.status, 200, JSON.stringify(res.body));
    }
    const orgs = await story.call("/api/directory/organisations", coordinator);
    for (const o of orgs.body.items as { id: string; names: { fi: string } }[])
      story.names.set(o.id, o.names.fi);
  });
  after(async () => {
    await story.app?.close();
    await sso?.close();
    await story.connector?.close();
  });
  return story;
}
