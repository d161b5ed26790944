import assert from "node:assert/strict";
import { startTestApp, type TestApp } from "../../testing/app";
import { startConnectorRecorder, type ConnectorRecorder } from "../../testing/connector-recorder";
import { SSO_TENANT, startSsoAuthority, type SsoAuthority } from "../../testing/sso";
import { cardOf, driver, executeAction, findAll, textOf, valid, type Actor } from "./conversation-helpers";

const person = (userId: string, userName: string, locale: string): Actor => ({
  userId,
  userName,
  locale,
  tenantId: SSO_TENANT,
});
const organiser = person("aad-method-organiser", "Maija Menetelmä", "en-GB");
const ruotsi = person("aad-method-sv", "Sara Svensk", "sv-FI");
const suomi = person("aad-method-fi", "Fiia Suomi", "fi-FI");

/** The form inputs as Teams merges them into the Action.Execute data (a citizens' jury). */
function juryInputs(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    title: "Citizens' jury on the city centre",
    description: "",
    themes: "What should the centre be like in 2040?",
    date: "2030-04-10",
    startTime: "13:00",
    endTime: "16:00",
    mode: "inPerson",
    meetingUrl: "",
    address: "Kirjasto Oodi, Helsinki",
    capacity: "20",
    deadlineDate: "",
    deadlineTime: "",
    languages: "fi,en",
    organisers: "Kaupunginkirjasto",
    groundRules: "current4",
    audience: "tenant",
    method: "citizensJury",
    minSize: "",
    maxSize: "",
    targetAudience: "Residents of the centre",
    materials: "Background memo https://example.org/memo.pdf\nhttps://example.org/map",
    coOrganisations: "vm,syke",
    ...overrides,
  };
}

describe("participation methods and what was agreed, through /api/messages", function () {
  this.timeout(60_000);
  let app: TestApp;
  let connector: ConnectorRecorder;
  let sso: SsoAuthority;
  let bot: ReturnType<typeof driver>;
  const clock = new Date("2030-03-01T08:00:00Z");
  let formData: Record<string, unknown> = {};

  before(async () => {
    connector = await startConnectorRecorder();
    sso = await startSsoAuthority();
    app = await startTestApp({ env: { ...sso.env, LOG_LEVEL: "error" }, overrides: { now: () => clock } });
    bot = driver(app, connector);
    for (const a of [organiser, ruotsi, suomi]) await bot.say(a, "help");
  });
  after(async () => {
    await app.close();
    await connector.close();
    await sso.close();
  });

  it("`new dialogue` offers every method with its guidance, group sizes and the directory's organisations", async () => {
    const [sent] = await bot.say(organiser, "new dialogue");
    const card = valid(cardOf(sent));
    const method = findAll(card, "Input.ChoiceSet").find((i) => i.id === "method")!;
    assert.equal(method.value, "dialogue", "dialogue (Erätauko) is the default");
    assert.deepEqual(
      (method.choices as { value: string }[]).map((c) => c.value),
      ["dialogue", "citizensJury", "participatoryBudgeting", "hybridAccessible"],
    );
    assert.match(textOf(card), /Citizens' jury[\s\S]*15–20 participants/);
    const numbers = findAll(card, "Input.Number").map((i) => i.id);
    assert.deepEqual(numbers, ["capacity", "minSize", "maxSize"]);
    const orgs = findAll(card, "Input.ChoiceSet").find((i) => i.id === "coOrganisations")!;
    const values = (orgs.choices as { value: string }[]).map((c) => c.value);
    assert.ok(values.includes("vm") && values.includes("syke"), "directory organisations are offered");
    formData = executeAction(card, "dialogue.create")!.data;
  });

  it("refuses bad sizes, methods, links and organisations with translated reasons (sv)", async () => {
    const [sent] = await bot.say(ruotsi, "ny dialog");
    const data = executeAction(valid(cardOf(sent)), "dialogue.create")!.data;
    const bad = juryInputs({
      method: "townHall",
      minSize: "9",
      maxSize: "4",
      materials: "Karta ftp://example.org/map",
      coOrganisations: "vm,no-such-org",
    });
    const { card } = await bot.execute(ruotsi, "dialogue.create", { ...data, ...bad });
    const text = textOf(valid(card));
    assert.match(text, /Deltagandeform: välj ett av alternativen/);
    assert.match(text, /Största storlek: största storleken måste vara minst den minsta \(9\)/);
    assert.match(text, /Material: rad 1 behöver en länk som börjar med https:\/\//);
    assert.match(text, /Arrangerande organisationer: välj ett av alternativen/);
    const tooSmall = await bot.execute(ruotsi, "dialogue.create", {
      ...data,
      ...juryInputs({ minSize: "1", maxSize: "40" }),
    });
    assert.match(textOf(tooSmall.card), /Minsta storlek: ange ett heltal 2–25 eller lämna tomt/);
    assert.match(textOf(tooSmall.card), /Största storlek: ange ett heltal 2–25 eller lämna tomt/);
  });

  it("refuses material links that hide their host behind a user name, or are not https", async () => {
    const [sent] = await bot.say(suomi, "uusi dialogi");
    const data = executeAction(valid(cardOf(sent)), "dialogue.create")!.data;
    const links = [
      "Muistio https://vm.fi@evil.example/muistio.pdf",
      "https://user:pass@example.org/x",
      "javascript:alert(1)",
      `https://example.org/${"a".repeat(1100)}`,
    ];
    const { card } = await bot.execute(suomi, "dialogue.create", {
      ...data,
      ...juryInputs({ materials: links.join("\n") }),
    });
    const text = textOf(valid(card));
    for (const line of [1, 2, 3, 4]) assert.match(text, new RegExp(`rivillä ${line} pitää olla https://`));
    assert.match(text, /ilman nimi@-osaa/);
    assert.ok(executeAction(valid(card), "dialogue.create"), "the form comes back: nothing was created");
  });

  it("a citizens' jury with the programme untouched gets the jury's programme, sizes, level and phases", async () => {
    const { card } = await bot.execute(organiser, "dialogue.create", { ...formData, ...juryInputs() });
    const organiserCard = valid(card);
    const text = textOf(organiserCard);
    assert.match(text, /Citizens' jury \(IAP2: Collaborate\)/);
    assert.match(text, /Group size\n4–7/);
    assert.match(text, /15–20 participants form/);
    const dialogueId = String(executeAction(organiserCard, "dialogue.edit")!.data.dialogueId);
    const shared = await bot.say(organiser, `<at>Dialogi</at> post ${dialogueId}`, {
      conversationType: "channel",
      conversationId: "19:methods@thread.tacv2",
    });
    const invitation = valid(cardOf(shared[0]));
    const inv = textOf(invitation);
    assert.match(inv, /13:00[\s\S]*Welcome and the jury's task/);
    assert.match(inv, /Expert briefings/);
    assert.match(
      inv,
      /Phases of the process[\s\S]*1\\?\. Planning[\s\S]*4\\?\. Taking the results to decision-makers/,
    );
    assert.match(inv, /Your influence\nCollaborate – Your recommendations/);
    assert.match(inv, /For whom\nResidents of the centre/);
    assert.match(inv, /Organisers\nMinistry of Finance, Finnish Environment Institute, Kaupunginkirjasto/);
    const links = findAll(invitation, "Action.OpenUrl").map((a) => [a.title, a.url]);
    assert.deepEqual(links.slice(0, 2), [
      ["Background memo", "https://example.org/memo.pdf"],
      ["example.org", "https://example.org/map"],
    ]);
  });

  it("a programme the organiser typed wins over the method's, with item descriptions on the invitation (fi)", async () => {
    const [sent] = await bot.say(suomi, "uusi dialogi");
    const data = executeAction(valid(cardOf(sent)), "dialogue.create")!.data;
    const { card } = await bot.execute(suomi, "dialogue.create", {
      ...data,
      ...juryInputs({
        coOrganisations: "",
        minSize: "5",
        maxSize: "6",
        agenda:
          "13:00 Tervetuloa — raadin tehtävä ja aikataulu\n13.30 * Pienryhmät -- vaihtoehtojen punninta\n16:00 Päätös",
      }),
    });
    const text = textOf(valid(card));
    assert.match(text, /Pienryhmän koko\n5–6/);
    const dialogueId = String(executeAction(card, "dialogue.edit")!.data.dialogueId);
    const edit = await bot.execute(suomi, "dialogue.edit", { dialogueId });
    const agenda = findAll(edit.card, "Input.Text").find((i) => i.id === "agenda")!;
    assert.equal(
      agenda.value,
      "13:00 Tervetuloa — raadin tehtävä ja aikataulu\n13:30 * Pienryhmät — vaihtoehtojen punninta\n16:00 Päätös",
    );
    const registration = await bot.execute(suomi, "dialogue.refresh", { dialogueId });
    const inv = textOf(valid(registration.card));
    assert.match(inv, /Tervetuloa — raadin tehtävä ja aikataulu/);
    assert.match(inv, /Pienryhmät \(pienryhmät\) — vaihtoehtojen punninta/);
    assert.doesNotMatch(inv, /Asiantuntijoiden alustukset/);
  });
});
