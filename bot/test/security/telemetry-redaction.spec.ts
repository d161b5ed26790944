import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { trace } from "@opentelemetry/api";
import { HttpInstrumentation } from "@opentelemetry/instrumentation-http";
import { InMemorySpanExporter, type ReadableSpan } from "@opentelemetry/sdk-trace-base";
import { redactText } from "../../src/platform/telemetry/redact";
import { arrangeDialogue } from "../../testing/arrange";
import {
  confirmByLink,
  hiddenInputs,
  linkIn,
  postForm,
  startPublicApp,
  submitRegistration,
  waitForMail,
  type PublicApp,
} from "../public-registration/helpers";

const EMAIL = "aino.telemetria@example.org";
const CLIENT_IP = "203.0.113.77";

/** Everything an exporter would send of a span: name, attributes, events. */
const exported = (s: ReadableSpan) =>
  JSON.stringify({ name: s.name, attributes: s.attributes, events: s.events.map((e) => e.attributes) });

/**
 * Issue #26 item 4: Azure Monitor's HTTP instrumentation (the real @opentelemetry/instrumentation-
 * http it runs) records full URLs and the client's address. A whole public registration — form,
 * confirm link, manage link, cancel, calendar link — through the real server: no exported span
 * and no log line holds the address, the client IP, a link's token or any signed query.
 */
describe("security: telemetry keeps no signed link, token or address", function () {
  this.timeout(60_000);
  const spans = new InMemorySpanExporter();
  const logLines: string[] = [];
  let http: HttpInstrumentation;
  let pub: PublicApp;
  let dialogueId = "";

  before(async () => {
    // Made here, not at load: an instrumentation keeps the tracer of the global provider of when it
    // was made, and other specs register and drop global providers before this one runs.
    http = new HttpInstrumentation();
    http.enable();
    // The instrumentation patches `http` when it is required; this process loaded it long ago.
    createRequire(__filename)("node:http");
    pub = await startPublicApp({
      logLines,
      env: { TRUST_PROXY: "appservice", LOG_LEVEL: "debug" },
      overrides: { telemetry: { spanExporter: spans } },
    });
    // The app registered its provider (with the in-memory exporter) after the instrumentation was made.
    http.setTracerProvider(trace.getTracerProvider());
    dialogueId = (await arrangeDialogue(pub.app.app.store, { audience: "public" })).id;
  });
  after(async () => {
    await pub.close();
    http.disable();
  });

  it("a full public registration exports spans and logs with none of them", async () => {
    const headers = { "x-forwarded-for": `${CLIENT_IP}:51234`, "user-agent": "Telemetria/1.0" };
    const res = await submitRegistration(
      pub.app.url,
      dialogueId,
      { name: "Aino T", email: EMAIL },
      {},
      headers,
    );
    assert.equal(res.status, 200);
    const confirmMail = await waitForMail(pub.outbox, EMAIL, (m) => /confirm/.test(m.text));
    const confirmLink = linkIn(confirmMail, "/confirm?");
    const manageUrl = await confirmByLink(confirmLink);
    const manage = await fetch(manageUrl, { headers });
    assert.equal(manage.status, 200);
    const cancel = await postForm(`${new URL(manageUrl).origin}/register/${dialogueId}/manage/cancel`, {
      ...hiddenInputs(await manage.text()),
    });
    assert.equal(cancel.status, 303);
    const mails = (await pub.outbox.list()).filter((m) => m.to === EMAIL);
    const links = [...new Set(mails.flatMap((m) => m.text.match(/https?:\/\/\S+/g) ?? []))];
    for (const link of links) await (await fetch(link, { headers })).arrayBuffer();

    // What must not be kept: the address, the client, and every value of every signed query.
    const secrets = new Set<string>([EMAIL, encodeURIComponent(EMAIL), CLIENT_IP]);
    for (const link of [...links, confirmLink, manageUrl])
      for (const [k, v] of new URL(link).searchParams)
        if (k !== "lang" && k !== "n" && v.length >= 6) secrets.add(v);
    assert.ok(secrets.size > 5, `signed values found: ${[...secrets].join(" ")}`);

    const finished = spans.getFinishedSpans();
    const server = finished.filter(
      (s) => s.instrumentationScope.name === "@opentelemetry/instrumentation-http",
    );
    assert.ok(server.length > 10, "the real HTTP instrumentation recorded the requests");
    assert.ok(
      server.some((s) => /\/register\/[^?"]+\?\[redacted\]/.test(exported(s))),
      "URLs are kept, without their queries",
    );
    for (const s of finished) {
      const text = exported(s);
      for (const secret of secrets)
        assert.ok(!text.includes(secret), `span "${s.name}" holds ${secret}: ${text}`);
      assert.doesNotMatch(text, /http\.client_ip|net\.peer\.ip|client\.address|user_agent|Telemetria/);
    }
    const logs = logLines.join("\n");
    assert.ok(logLines.length > 0);
    for (const secret of secrets) assert.ok(!logs.includes(secret), `a log line holds ${secret}`);
  });

  it("redacts queries, addresses and tokens in any text, and keeps the rest readable", () => {
    assert.equal(
      redactText("GET https://dialogi.example/register/d-abcdefgh/confirm?p=0123&e=99&t=abc"),
      "GET https://dialogi.example/register/d-abcdefgh/confirm?[redacted]",
    );
    assert.equal(redactText("/users/dialogi%40example.fi/sendMail"), "/users/[email]/sendMail");
    assert.equal(redactText("from 203.0.113.7 and 2001:db8::1"), "from [ip] and [ip]");
    assert.equal(
      redactText("PublicRegistrants(PartitionKey='d-abcdefgh',RowKey='p-0123456789abcdef0123456789abcdef')"),
      "PublicRegistrants(PartitionKey='d-abcdefgh',RowKey='[redacted]')",
    );
    assert.equal(redactText("round 1 ended at 10:30, 5 notes"), "round 1 ended at 10:30, 5 notes");
  });
});
