import assert from "node:assert/strict";
import type { TestApp } from "../../testing/app";
import type { ConnectorRecorder } from "../../testing/connector-recorder";
import { cardOf, type Actor } from "../dialogues/conversation-helpers";

/** Twelve registrants in two languages (names unique enough to search for in exports). */
export const REGISTRANTS: (Actor & { language: "fi" | "sv"; organisation: string; scribe: boolean })[] = [
  ["Aino Aaltonen", "fi", "Valtiovarainministeriö", true],
  ["Eero Eskola", "fi", "Kela", false],
  ["Iida Ikonen", "fi", "Sitra", false],
  ["Oskari Ojala", "fi", "Espoon kaupunki", true],
  ["Ulla Uotila", "fi", "Kela", false],
  ["Ville Virtanen", "fi", "Familia ry", false],
  ["Kerttu Kallio", "fi", "Sitra", false],
  ["Stina Sjöberg", "sv", "Svenska kulturfonden", true],
  ["Björn Bergqvist", "sv", "Vasa stad", false],
  ["Maja Malmström", "sv", "Folkhälsan", false],
  ["Hugo Holmberg", "sv", "Vasa stad", false],
  ["Greta Grönqvist", "sv", "Svenska kulturfonden", false],
].map(([userName, language, organisation, scribe], i) => ({
  userId: `aad-reg-${String(i + 1).padStart(2, "0")}`,
  userName: userName as string,
  locale: language === "fi" ? "fi-FI" : "sv-FI",
  language: language as "fi" | "sv",
  organisation: organisation as string,
  scribe: scribe as boolean,
}));

/** Every name part of every registrant (first and last names), for "no name in any export". */
export const NAME_PARTS = REGISTRANTS.flatMap((r) => r.userName.split(" "));

/** Waits until `check` holds, polling; fails with `what` after the timeout. */
export async function eventually<T>(what: string, check: () => T | undefined | false, timeoutMs = 10_000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() > until) assert.fail(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Activities posted to one personal chat (the test activities' `a:chat-<aad>` conversation). */
export function personalActivities(connector: ConnectorRecorder, userId: string, from = 0) {
  return connector.calls
    .slice(from)
    .filter((c) => c.method === "POST")
    .filter(
      (c) => c.path.includes(encodeURIComponent(`a:chat-${userId}`)) || c.path.includes(`a:chat-${userId}`),
    )
    .map((c) => c.body);
}

/** Rows of a table of the app under test (for "stored once" and "nothing stored" checks). */
export async function tableRows(app: TestApp, table: string, partitionKey: string) {
  const rows: Record<string, unknown>[] = [];
  const filter = `PartitionKey eq '${partitionKey}'`;
  for await (const e of app.app.store.table(table).listEntities({ queryOptions: { filter } })) rows.push(e);
  return rows;
}

/** The Adaptive Cards among sent activities (for example one person's `personalActivities`). */
export const cards = (activities: Record<string, unknown>[]) =>
  activities.filter((a) => Array.isArray(a.attachments)).map((a) => cardOf(a));
