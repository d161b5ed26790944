import type { AttendancePlan, FacilitatorConsole } from "@dialogi/contracts";
import type { Page } from "playwright-core";
import type { Dialogue } from "../../bot/src/features/dialogues/domain/types";
import { createRegistrationRepository } from "../../bot/src/features/dialogues/store/registration-repository";
import { createGroupRepository } from "../../bot/src/features/rounds/store/group-repository";
import { arrangeDialogue, arrangeRunningRound, ORGANISER } from "../../bot/testing/arrange";
import { useTabHarness, type Persona, type TabHarness } from "./harness";

/** The coordinator persona as a dialogue's facilitator: the side panel's controls are theirs. */
const COORDINATOR = { aadId: "dev-coordinator", name: "Kaisa Koordinaattori" };

/** A dialogue for {@link SidePanelHarness.dialogue}: registrants and any field of the dialogue. */
export type PanelDialogueOptions = Partial<Dialogue> & {
  /** How many people register (user ids from the dialogue's id); none by default. */
  registrants?: number;
  /** Registrant n is named `${name} ${n}` (n from 1); "Osallistuja" by default. */
  name?: string;
};

/** What a side-panel spec needs beyond {@link TabHarness}: dialogues the coordinator facilitates and the panel. */
export interface SidePanelHarness {
  /** The server, browser and personas underneath (see {@link useTabHarness}). */
  readonly tab: TabHarness;
  /** The dev personas' tenant, known once the harness's `before` hook ran. */
  readonly tenantId: string;
  /** Registers `userId` as `name` (Finnish, no needs) for `dialogueId`, straight through the repository. */
  register(dialogueId: string, userId: string, name: string): Promise<void>;
  /** A dialogue the coordinator persona facilitates, today for two hours unless `options` say otherwise. */
  dialogue(title: string, options?: PanelDialogueOptions): Promise<Dialogue>;
  /** Round 1 running (or, with `running: false`, formed but not started) in 2 groups of 3; the coordinator facilitates. */
  runningRound(title: string, options?: { running?: boolean }): ReturnType<typeof arrangeRunningRound>;
  /** Puts the reader persona ("Lukija Lahtinen") into group 1 of round 1, so the panel shows them a group. */
  readerJoinsGroup1(dialogueId: string): Promise<void>;
  /**
   * The side panel (`#/facilitator`) of `dialogueId`, signed in as `as`. Waits until the main
   * heading is exactly `title` when given, else until the panel's first section heading shows.
   * `initScript` runs in the page before the tab's own scripts (the page is reloaded for it).
   */
  open(as: Persona, dialogueId: string, options?: { title?: string; initScript?: () => void }): Promise<Page>;
  /** Axe on the panel once its requests settled (the console loads after the page). */
  axeClean(page: Page, what: string): Promise<void>;
  /** The panel's view of `dialogueId` from the API, as `as` (the coordinator by default). */
  view<T = FacilitatorConsole>(dialogueId: string, as?: Persona): Promise<T>;
  /** A facilitator operation (`POST …/name`) as the coordinator; asserts a 2xx answer. */
  op(dialogueId: string, name: string, body?: object): Promise<FacilitatorConsole>;
  /** Marks `personId` absent through the API, plan first, as another facilitator device would. */
  markAbsent(dialogueId: string, personId: string): Promise<FacilitatorConsole>;
}

/**
 * Installs the tab harness's hooks (server, Azurite, chromium) in the calling describe block and
 * resolves the dev tenant, for specs of the meeting side panel.
 */
export function useSidePanelHarness(): SidePanelHarness {
  const h = useTabHarness();
  let tenantId = "";
  before(async () => {
    tenantId = await h.devTenant();
  });

  const path = (dialogueId: string) => `/api/meeting/dialogues/${dialogueId}`;
  const register = async (dialogueId: string, userId: string, name: string) => {
    await createRegistrationRepository(h.app.app.store.table("Registrations")).register(
      {
        dialogueId,
        userId,
        name,
        uiLang: "fi",
        language: "fi",
        organisation: "Org",
        background: "",
        accessibility: "",
        scribe: false,
      },
      100,
      new Date(),
    );
  };

  const op = (dialogueId: string, name: string, body: object = {}) =>
    h.api<FacilitatorConsole>("coordinator", `${path(dialogueId)}/${name}`, {
      method: "POST",
      body: JSON.stringify(body),
    });

  return {
    tab: h,
    get tenantId() {
      return tenantId;
    },
    register,
    async dialogue(title, { registrants = 0, name = "Osallistuja", ...overrides } = {}) {
      const start = overrides.start ?? new Date();
      const d = await arrangeDialogue(h.app.app.store, {
        tenantId,
        title,
        start,
        end: new Date(start.getTime() + 7200_000),
        organiserIds: [ORGANISER],
        facilitators: [COORDINATOR],
        ...overrides,
      });
      for (let i = 1; i <= registrants; i++) await register(d.id, `aad-${d.id}-r${i}`, `${name} ${i}`);
      return d;
    },
    runningRound(title, { running } = {}) {
      return arrangeRunningRound(h.app.app.store, 2, 3, {
        running,
        dialogue: { tenantId, title, organiserIds: [ORGANISER], facilitators: [COORDINATOR] },
      });
    },
    async readerJoinsGroup1(dialogueId) {
      const groups = createGroupRepository(h.app.app.store.table("Groups"));
      const [one, two] = (await groups.listRound(dialogueId, 1)).sort((a, b) => a.group - b.group);
      one!.members.push({
        userId: "dev-reader",
        name: "Lukija Lahtinen",
        language: "fi",
        uiLang: "fi",
        organisation: "Org",
        background: "",
      });
      await groups.replaceRounds(dialogueId, [1], [one!, two!]);
    },
    async open(as, dialogueId, { title, initScript } = {}) {
      const page = await h.open(`#/facilitator?dialogue=${dialogueId}`, { as });
      if (initScript) {
        await page.addInitScript(initScript);
        await page.reload();
      }
      if (title === undefined) await page.locator("main h2").first().waitFor();
      else
        await page
          .locator("main h1")
          .filter({ hasText: new RegExp(`^${title}$`) })
          .waitFor();
      return page;
    },
    async axeClean(page, what) {
      await page.waitForLoadState("networkidle");
      await h.axeClean(page, what);
    },
    view<T>(dialogueId: string, as: Persona = "coordinator") {
      return h.api<T>(as, path(dialogueId));
    },
    op,
    async markAbsent(dialogueId, personId) {
      const plan = await h.api<AttendancePlan>(
        "coordinator",
        `${path(dialogueId)}/attendance-plan?change=markAbsent&person=${encodeURIComponent(personId)}`,
      );
      return op(dialogueId, "markAbsent", { person: personId, planVersion: plan.version });
    },
  };
}
