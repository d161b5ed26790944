import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort, startTestApp, type TestApp, type TestAppOptions } from "../../testing/app";
import { TEST_TENANT } from "../../testing/activities";
import { startConnectorRecorder, type ConnectorRecorder } from "../../testing/connector-recorder";
import { createOutboxSender, type OutboxMail, type OutboxSender } from "../../src/platform/mail/outbox";

/** The app with public registration on, mails in a temporary outbox, links pointing at itself. */
export interface PublicApp {
  app: TestApp;
  connector: ConnectorRecorder;
  outbox: OutboxSender;
  close(): Promise<void>;
}

/** Starts the app on a known port (links in mails need it) with the form's time check off. */
export async function startPublicApp(
  options: {
    env?: Record<string, string>;
    overrides?: TestAppOptions["overrides"];
    logLines?: string[];
  } = {},
): Promise<PublicApp> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "dialogi-outbox-"));
  const port = await freePort();
  const connector = await startConnectorRecorder();
  const app = await startTestApp({
    port,
    logLines: options.logLines,
    env: {
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      MAIL_OUTBOX_DIR: dir,
      PUBLIC_REGISTRATION: "true",
      // Users of the test tenant may open dialogues to the public (others may not).
      PUBLIC_REGISTRATION_TENANTS: TEST_TENANT,
      ...options.env,
    },
    // The mail budget and the outbox's mail pacing (25 a minute) are lifted unless a test sets
    // them: most specs register many people to one page, and mails go to a local directory.
    overrides: {
      publicLimits: { minFillMs: 0 },
      publicMailBudget: { perHour: 1e6, perDay: 1e6, unconfirmedPerHour: 1e6, unconfirmedPerDay: 1e6 },
      mailPacing: { mailPerMinute: 1e6, mailPerDay: 1e6 },
      ...options.overrides,
    },
  });
  return {
    app,
    connector,
    outbox: createOutboxSender({ dir }),
    async close() {
      await app.close();
      await connector.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Hidden inputs of the first form on a page (name → value). */
export function hiddenInputs(page: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [tag] of page.matchAll(/<input[^>]*type="hidden"[^>]*>/g)) {
    const name = /name="([^"]+)"/.exec(tag)?.[1];
    const value = /value="([^"]*)"/.exec(tag)?.[1] ?? "";
    if (name && !(name in out)) out[name] = value.replace(/&amp;/g, "&");
  }
  return out;
}

/** POSTs a urlencoded form without following redirects. */
export function postForm(url: string, fields: Record<string, string>, headers: Record<string, string> = {}) {
  return fetch(url, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
    body: new URLSearchParams(fields).toString(),
  });
}

/** What a person types on the page. */
export interface PublicPerson {
  name: string;
  email: string;
  organisation?: string;
  background?: string;
  language?: string;
  attendance?: string;
  accessibility?: string;
  consent?: boolean;
}

/** Loads the page (for its form token) and submits the form; returns the answer. */
export async function submitRegistration(
  base: string,
  dialogueId: string,
  p: PublicPerson,
  extra: Record<string, string> = {},
  headers: Record<string, string> = {},
) {
  const page = await fetch(`${base}/register/${dialogueId}`, { headers });
  assert.equal(page.status, 200, `registration page of ${dialogueId}`);
  const hidden = hiddenInputs(await page.text());
  return postForm(
    `${base}/register/${dialogueId}`,
    {
      ...hidden,
      name: p.name,
      email: p.email,
      organisation: p.organisation ?? "",
      background: p.background ?? "",
      language: p.language ?? "fi",
      ...(p.attendance ? { attendance: p.attendance } : {}),
      accessibility: p.accessibility ?? "",
      acceptRules: "on",
      ...(p.consent ? { consent: "on" } : {}),
      website: "",
      ...extra,
    },
    headers,
  );
}

/** Mails to one address, oldest first. */
export async function mailsTo(outbox: OutboxSender, to: string): Promise<OutboxMail[]> {
  return (await outbox.list()).filter((m) => m.to === to).reverse();
}

/** Waits until a mail matching `match` arrives for `to` (jobs send some of them). */
export async function waitForMail(
  outbox: OutboxSender,
  to: string,
  match: (m: OutboxMail) => boolean,
  options: { ms?: number; skip?: number } = {},
): Promise<OutboxMail> {
  const until = Date.now() + (options.ms ?? 10_000);
  for (;;) {
    const found = (await mailsTo(outbox, to)).slice(options.skip ?? 0).find(match);
    if (found) return found;
    if (Date.now() > until)
      assert.fail(
        `no matching mail to ${to}: ${(await mailsTo(outbox, to)).map((m) => m.subject).join(" | ")}`,
      );
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Waits until the outbox holds at least `count` mails matching `match` (the outbox sender
 * delivers them in the background) and returns all matching mails, newest first.
 */
export async function waitForMailCount(
  outbox: OutboxSender,
  count: number,
  match: (m: OutboxMail) => boolean,
  options: { ms?: number } = {},
): Promise<OutboxMail[]> {
  const until = Date.now() + (options.ms ?? 30_000);
  for (;;) {
    const found = (await outbox.list()).filter(match);
    if (found.length >= count) return found;
    if (Date.now() > until) assert.fail(`${found.length} matching mails, expected ${count}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The first link in a mail's text whose path matches. */
export function linkIn(mail: OutboxMail, pathPart: string): string {
  const m = new RegExp(`https?://[^\\s]+${pathPart.replace(/[/?]/g, "\\$&")}[^\\s]*`).exec(mail.text);
  assert.ok(m, `no ${pathPart} link in "${mail.subject}"`);
  return m[0];
}

/** Opens a confirm link and presses the button: returns the manage page URL (redirect). */
export async function confirmByLink(link: string): Promise<string> {
  const page = await fetch(link);
  assert.equal(page.status, 200);
  const hidden = hiddenInputs(await page.text());
  const url = new URL(link);
  const res = await postForm(`${url.origin}${url.pathname}`, hidden);
  assert.equal(res.status, 303, `confirm answered ${res.status}`);
  return `${url.origin}${res.headers.get("location")}`;
}

/**
 * The page's per-client limits lifted: every POST in a spec comes from one address, and the
 * bucket is not what those specs are about (pass as `overrides.publicLimits`).
 */
export const ONE_CLIENT_UNLIMITED = { minFillMs: 0, perIp: { burst: 1e6, perSecond: 1e6 } };

/** Waits for the confirmation request ("Vahvista ilmoittautumisesi…") to `email`, after `skip` earlier mails to it. */
export function confirmationRequest(outbox: OutboxSender, email: string, skip = 0): Promise<OutboxMail> {
  return waitForMail(outbox, email, (m) => /Vahvista ilmoittautumisesi/.test(m.subject), { skip });
}

/**
 * Registers `p` on the public page (Finnish), waits for the confirmation request that submit sent
 * and confirms through its link: returns the manage page's URL.
 */
export async function registerConfirmed(
  pub: PublicApp,
  dialogueId: string,
  p: PublicPerson,
): Promise<string> {
  const skip = (await mailsTo(pub.outbox, p.email)).length;
  const res = await submitRegistration(pub.app.url, dialogueId, p);
  assert.equal(res.status, 200, `registration of ${p.email}`);
  const request = await confirmationRequest(pub.outbox, p.email, skip);
  return confirmByLink(linkIn(request, `/register/${dialogueId}/confirm`));
}

/** A public app for one spec file, on a clock the spec may move. */
export interface PublicAppStory {
  /** Set in `before()`. */
  pub: PublicApp;
  /** The app's clock (starts at the real time). */
  clock: Date;
}

/**
 * Registers before/after hooks that start {@link startPublicApp} with one client's limits lifted
 * ({@link ONE_CLIENT_UNLIMITED}) on the returned story's clock, and close it after.
 */
export function useOneClientPublicApp(): PublicAppStory {
  const story = { clock: new Date() } as PublicAppStory;
  before(async () => {
    story.pub = await startPublicApp({
      overrides: { now: () => story.clock, publicLimits: ONE_CLIENT_UNLIMITED },
    });
  });
  after(() => story.pub?.close());
  return story;
}
