import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { arrangeDialogue } from "../../bot/testing/arrange";
import { formatViolations, launchBrowser, runAxe, type TestBrowser } from "../../bot/testing/browser";
import { startPublicApp, type PublicApp } from "../../bot/test/public-registration/helpers";
import type { Dialogue } from "../../bot/src/features/dialogues";

/** What the page specs share: the app with public registration on, an open public dialogue, Chromium. */
export interface PublicPageFixture {
  pub: PublicApp;
  browser: TestBrowser;
  /** The open dialogue's registration page. */
  url: string;
}

/**
 * Registers mocha hooks that start the public app, arrange an open hybrid public dialogue (with
 * the facts the page shows: address, Teams link, languages, organisers, agenda) and launch
 * Chromium; all closed after the suite. The fields are filled in by the time the tests run, and
 * a spec's own `before` hooks run after this one's, so they may arrange more on `pub`.
 */
export function usePublicPage(dialogue: Partial<Dialogue> = {}): PublicPageFixture {
  const fixture = {} as PublicPageFixture;
  before(async () => {
    fixture.pub = await startPublicApp();
    const d = await arrangeDialogue(fixture.pub.app.app.store, {
      audience: "public",
      mode: "hybrid",
      address: "Snellmaninkatu 1, Helsinki",
      meetingUrl: "https://teams.microsoft.com/l/meetup-join/19%3ameeting_page%40thread.v2/0",
      languages: ["fi", "sv"],
      organisers: "Valtiovarainministeriö, Kansalaisareena",
      description: "Keskustelemme luottamuksesta.",
      agenda: [{ minutes: 540, title: "Tervetuloa", breakout: false }],
      ...dialogue,
    });
    fixture.url = `${fixture.pub.app.url}/register/${d.id}`;
    fixture.browser = await launchBrowser();
  });
  after(async () => {
    await fixture.browser?.close();
    await fixture.pub?.close();
  });
  return fixture;
}

/** Fails with axe-core's findings, named by `where`, when the page has any. */
export async function axeClean(page: Page, where: string): Promise<void> {
  const violations = await runAxe(page);
  assert.deepEqual(violations, [], `${where}:\n${formatViolations(violations)}`);
}
