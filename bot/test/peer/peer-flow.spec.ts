import { directorySteps } from "./flow/directory";
import { draftsSteps } from "./flow/drafts";
import { methodsSteps } from "./flow/methods";
import { schedulingSteps } from "./flow/scheduling";
import { usePeerStory } from "./flow/story";

/**
 * One peer dialogue through /api/messages and the REST API of the real server, on one server:
 * each step builds on the ones before, so the steps run in this order.
 */
describe("peer dialogues end to end: scheduling → registration → mixed groups → summary → directory", function () {
  this.timeout(120_000);
  const story = usePeerStory();
  methodsSteps(story);
  schedulingSteps(story);
  draftsSteps(story);
  directorySteps(story);
});
