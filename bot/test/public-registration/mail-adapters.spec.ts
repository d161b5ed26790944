import { startTestApp } from "../../testing/app";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { loadConfig } from "../../src/config";
import { createMailSender } from "../../src/platform/mail/create-mail-sender";
import { createGraphMailSender } from "../../src/platform/mail/graph-mail";
import { createOutboxSender } from "../../src/platform/mail/outbox";
import { validateDialogueForm } from "../../src/features/dialogues/domain/dialogue-form";
import { startConnectorRecorder } from "../../testing/connector-recorder";
import { cardOf, driver, findAll, valid } from "../dialogues/conversation-helpers";
import { PUBLIC_DIALOGUE_FORM } from "./public-dialogue-form";

const message = {
  to: "anna@example.org",
  subject: "Vahvista ilmoittautumisesi: Äänestys",
  html: '<div lang="fi"><p>Hei</p></div>',
  text: "Hei",
  lang: "fi",
  attachments: [
    {
      name: "d-abc.ics",
      contentType: "text/calendar",
      contentBytes: Buffer.from("BEGIN:VCALENDAR").toString("base64"),
    },
  ],
};

describe("mail adapters and configuration", () => {
  it("Graph: POST /users/{sender}/sendMail with subject, HTML body, recipient, .ics fileAttachment, saveToSentItems:false", async () => {
    const calls: { path: string; body: unknown }[] = [];
    const sender = createGraphMailSender({
      sender: "dialogi@example.fi",
      graphPost: async (p, body) => void calls.push({ path: p, body }),
    });
    await sender.send(message);
    assert.equal(calls.length, 1);
    assert.equal(calls[0]!.path, "/users/dialogi%40example.fi/sendMail");
    assert.deepEqual(calls[0]!.body, {
      message: {
        subject: message.subject,
        body: { contentType: "HTML", content: message.html },
        toRecipients: [{ emailAddress: { address: "anna@example.org" } }],
        attachments: [
          {
            "@odata.type": "#microsoft.graph.fileAttachment",
            name: "d-abc.ics",
            contentType: "text/calendar",
            contentBytes: message.attachments[0]!.contentBytes,
          },
        ],
      },
      saveToSentItems: false,
    });
  });

  it("Graph failures reach the caller (so the feature logs and reports 'not sent')", async () => {
    const sender = createGraphMailSender({
      sender: "d@example.fi",
      graphPost: async () => Promise.reject(new Error("429")),
    });
    await assert.rejects(sender.send(message), /429/);
  });

  it("outbox: writes .json and a MIME .eml with an encoded subject and the attachment", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "outbox-"));
    try {
      const outbox = createOutboxSender({ dir });
      await outbox.send(message);
      const files = readdirSync(dir).sort();
      assert.equal(files.length, 2);
      const eml = readFileSync(
        path.join(
          dir,
          files.find((f) => f.endsWith(".eml"))!,
        ),
        "utf8",
      );
      assert.match(eml, /^Subject: =\?UTF-8\?B\?/m);
      assert.match(eml, /Content-Disposition: attachment; filename="d-abc.ics"/);
      const [stored] = await outbox.list();
      assert.equal(stored!.subject, message.subject);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("production never uses the outbox: a sender without a wired Graph client is refused", () => {
    assert.throws(
      () => createMailSender({ env: "production", sender: "d@example.fi", outboxDir: "/tmp/x" }),
      /Graph client/,
    );
    assert.equal(createMailSender({ env: "development", outboxDir: "/tmp/x" }).kind, "outbox");
  });

  const prod = {
    NODE_ENV: "production",
    MicrosoftAppId: "x",
    TABLES_ENDPOINT: "https://a.b",
    LINK_SIGNING_SECRET: "0123456789abcdef0123456789abcdef",
  };
  it("config: public registration is off in production without MAIL_SENDER, and refused at start if asked for", () => {
    assert.equal(loadConfig(prod).publicRegistration.enabled, false);
    assert.throws(() => loadConfig({ ...prod, PUBLIC_REGISTRATION: "true" }), /MAIL_SENDER: required/);
    assert.throws(() => loadConfig({ ...prod, MAIL_SENDER: "d@example.fi" }), /PUBLIC_URL: required/);
    assert.throws(
      () => loadConfig({ ...prod, MAIL_SENDER: "d@example.fi", PUBLIC_URL: "https://dialogi.example" }),
      /PUBLIC_REGISTRATION_SECRET/,
    );
    const on = loadConfig({
      ...prod,
      MAIL_SENDER: "d@example.fi",
      PUBLIC_URL: "https://x.example",
      PUBLIC_REGISTRATION_SECRET: "s".repeat(32),
      // Graph and the access-policy statement: security/public-config.spec.ts.
      ...{ GRAPH_TENANT_ID: "t", GRAPH_CLIENT_ID: "c", GRAPH_CLIENT_SECRET: "x" },
      MAIL_SEND_RESTRICTED_TO: "d@example.fi",
    });
    assert.equal(on.publicRegistration.enabled, true);
    assert.throws(() => loadConfig({ MAIL_SENDER: "not a mailbox" }), /MAIL_SENDER/);
  });

  it("outside local mode (even without NODE_ENV=production) there is no outbox: off without a sender, refused if asked for", async () => {
    const deployed = { MicrosoftAppId: "x", LINK_SIGNING_SECRET: "0123456789abcdef0123456789abcdef" };
    assert.equal(loadConfig(deployed).publicRegistration.enabled, false);
    assert.throws(() => loadConfig({ ...deployed, PUBLIC_REGISTRATION: "true" }), /MAIL_SENDER: required/);
    assert.equal(loadConfig({ LOCAL_MODE: "true" }).publicRegistration.enabled, true);
    const app = await startTestApp({ env: { ...deployed, LOCAL_MODE: "false", DEV_SIGNIN: "false" } });
    try {
      assert.equal(
        (await fetch(`${app.url}/dev/outbox`)).status,
        404,
        "no mail index on a deployed instance",
      );
    } finally {
      await app.close();
    }
  });

  it("without public registration the form does not offer 'public' and a forged choice is refused", async function () {
    this.timeout(60_000);
    // The form as an organiser gets it (`uusi dialogi`), with public registration off and on.
    const audienceChoices = async (env: Record<string, string>) => {
      const connector = await startConnectorRecorder();
      const app = await startTestApp({ env });
      try {
        const organiser = { userId: "aad-public-off", userName: "Olli Organisoija", locale: "fi-FI" };
        const [form] = await driver(app, connector).say(organiser, "uusi dialogi");
        const audience = findAll(valid(cardOf(form)), "Input.ChoiceSet").find((c) => c.id === "audience");
        assert.ok(audience, "the form has the audience choice");
        return (audience.choices as { value: string }[]).map((c) => c.value);
      } finally {
        await app.close();
        await connector.close();
      }
    };
    const off = await audienceChoices({ PUBLIC_REGISTRATION: "false" });
    assert.ok(off.length > 0 && !off.includes("public"), `offered with public registration off: ${off}`);
    assert.ok((await audienceChoices({ PUBLIC_REGISTRATION: "true" })).includes("public"), "offered when on");

    const form = { ...PUBLIC_DIALOGUE_FORM, organisers: "Valtiovarainministeriö" };
    const refused = validateDialogueForm(form, { now: new Date("2030-01-01"), lang: "fi" });
    assert.ok(
      !refused.ok && refused.errors.some((e) => e.field === "audience" && e.key === "publicDisabled"),
    );
    const allowed = validateDialogueForm(form, {
      now: new Date("2030-01-01"),
      lang: "fi",
      publicAllowed: true,
    });
    assert.ok(allowed.ok && allowed.details.audience === "public");
  });

  it("a dialogue open to everyone must name its organising organisation: the page names it as the controller", async () => {
    const form = PUBLIC_DIALOGUE_FORM;
    const options = { now: new Date("2030-01-01"), lang: "fi" as const, publicAllowed: true };
    const unnamed = validateDialogueForm(form, options);
    assert.ok(!unnamed.ok, "a public dialogue without an organiser organisation was accepted");
    assert.deepEqual(
      unnamed.errors.map((e: { field: string; key: string }) => [e.field, e.key]),
      [["organisers", "publicNeedsOrganiser"]],
    );
    // Named in free text, or chosen from the directory: either names the controller.
    assert.ok(validateDialogueForm({ ...form, organisers: "Oikeusministeriö" }, options).ok);
    const org = { id: "om", name: "Oikeusministeriö" };
    assert.ok(
      validateDialogueForm({ ...form, coOrganisations: "om" }, { ...options, organisations: [org] }).ok,
    );
    // A dialogue for the tenant only needs no controller on a public page.
    assert.ok(validateDialogueForm({ ...form, audience: "tenant" }, options).ok);
  });
});
