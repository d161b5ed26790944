import { controlsSteps } from "./flow/controls";
import { roundOneSteps } from "./flow/round-one";
import { roundTwoSteps } from "./flow/round-two";
import { useRoundsStory } from "./flow/story";

/**
 * One dialogue's breakout rounds on one server: each step builds on the ones before, so the
 * steps run in this order.
 */
describe("breakout rounds, notes and summary through /api/messages", function () {
  this.timeout(120_000);
  const story = useRoundsStory();
  controlsSteps(story);
  roundOneSteps(story);
  roundTwoSteps(story);
});
