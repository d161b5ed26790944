import type { Context } from "mocha";

/**
 * Steps of one walk that build on each other (a browser session, a conversation). After a step
 * fails, each later step fails at once with "an earlier step failed: <title>": mocha's
 * forbid-pending makes a skip a failure anyway, and a skip would hide why the step did not run.
 * Call inside a `describe`; it installs the afterEach that records the first failure.
 */
export function orderedSteps(): (title: string, fn: (this: Context) => Promise<void>) => void {
  let failed: string | undefined;
  afterEach(function () {
    if (this.currentTest?.state === "failed") failed ??= this.currentTest.title;
  });
  return (title, fn) =>
    it(title, async function () {
      if (failed) throw new Error(`an earlier step failed: ${failed}`);
      await fn.call(this);
    });
}
