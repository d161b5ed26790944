import { openingSteps } from "./e2e/opening";
import { recordsSteps } from "./e2e/records";
import { registrationSteps } from "./e2e/registration";
import { summarySteps } from "./e2e/summary";
import { useSeriesStory } from "./e2e/story";

/**
 * The end-to-end story through /api/messages and the REST API of the real server:
 * a coordinator opens a series → three organisers register dialogues (one run with the bot, two
 * reported only) → records, one late and reminded → summary with correct figures → exports →
 * published to a subscriber. Personal data typed into records must not reach any output.
 * One story on one server: each step builds on the ones before, so the steps run in this order.
 */
describe("series end to end (bot + REST API, real server)", function () {
  this.timeout(60_000);
  const story = useSeriesStory();
  openingSteps(story);
  registrationSteps(story);
  recordsSteps(story);
  summarySteps(story);
});
