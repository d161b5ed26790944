import { TurnContext } from "botbuilder";
import type { Activity } from "botframework-schema";
import { createAdapter } from "../../bot/src/platform/teams/adapter";
import { createLogger } from "../../bot/src/logger";
import { createMessenger, type DialogiMessenger } from "../../bot/src/platform/messaging/messenger";
import {
  createConversationRefRepository,
  type ConversationRefRepository,
} from "../../bot/src/platform/tables/conversation-refs";
import { createTableStore } from "../../bot/src/platform/tables/table-store";
import { messageActivity, TEST_TENANT } from "../../bot/testing/activities";
import { uniquePrefix } from "../../bot/testing/azurite";
import { TEST_APP_ID } from "../../bot/testing/bot-auth";
import { StubCredentialsFactory } from "../../bot/testing/outbound-credentials";
import { minimumScheduleMs, startConnectorEmulator, type ConnectorEmulator } from "../lib/connector-emulator";
import type { BenchContext } from "../lib/context";
import type { Figure } from "../lib/report";
import { round, runConcurrent } from "../lib/stats";

const CHANNEL = "19:bench-channel@thread.tacv2";
const GOAL = 1.1;

const userId = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;

/** Stores a conversation reference the way the bot does on an incoming turn. */
async function remember(
  refs: ConversationRefRepository,
  serviceUrl: string,
  kind: "user" | "conversation",
  key: string,
): Promise<void> {
  const a = messageActivity(
    kind === "user"
      ? { serviceUrl, userId: key }
      : { serviceUrl, conversationType: "channel", conversationId: CHANNEL },
  ) as unknown as Activity;
  await refs.save({
    kind,
    key,
    tenantId: TEST_TENANT,
    serviceUrl,
    conversationId: a.conversation.id,
    conversationType: a.conversation.conversationType,
    channelId: "msteams",
    botId: a.recipient.id,
    locale: "fi-FI",
    reference: JSON.stringify(TurnContext.getConversationReference(a)),
  });
}

/** The app's messenger (as app.ts builds it) with outbound auth on and a stub token. */
function appMessenger(refs: ConversationRefRepository): DialogiMessenger {
  const logger = createLogger("error");
  const adapter = createAdapter({
    auth: {
      authEnabled: true,
      MicrosoftAppId: TEST_APP_ID,
      MicrosoftAppPassword: "x",
      MicrosoftAppType: "MultiTenant",
    },
    logger,
    credentialsFactory: new StubCredentialsFactory(TEST_APP_ID),
  });
  return createMessenger({ adapter, appId: TEST_APP_ID, conversationRefs: refs, logger });
}

const invitation = (n: number): Partial<Activity> => ({
  type: "message",
  text: `Kutsu: Saimaan dialogi 12.3. klo 9–11. Ilmoittaudu kortilla. (#${n})`,
});

interface Outcome {
  ms: number;
  delivered: number;
  gaveUp: number;
}

/** Figures of one scenario: time vs the limits' minimum, and delivery correctness. */
function figures(name: string, expected: number, out: Outcome, emulator: ConnectorEmulator): Figure[] {
  const s = emulator.stats();
  const minMs = minimumScheduleMs([...s.admittedPer.values()]);
  const ratio = round(out.ms / minMs);
  const lost = expected - s.delivered;
  const perConv = [...s.deliveredPer.values()];
  const faults = Object.values(s.faults).reduce((a, b) => a + b, 0);
  const section = "fan-out";
  return [
    {
      section,
      name: `${name}: total time (${s.throttled}× 429, ${faults} injected 412/502/504)`,
      value: round(out.ms / 1000),
      unit: "s",
      baseline: { name: `limits' minimum for ${s.admitted} requests, s`, value: round(minMs / 1000) },
      ratio,
      goal: `≤ ${GOAL}× minimum`,
      met: ratio <= GOAL,
    },
    {
      section,
      name: `${name}: lost / given up / duplicates`,
      value: Math.max(0, lost) + out.gaveUp + s.duplicates,
      unit: `(${lost}/${out.gaveUp}/${s.duplicates}, ${perConv.length} conversations)`,
      goal: "0",
      met: lost === 0 && out.gaveUp === 0 && s.duplicates === 0,
    },
  ];
}

/**
 * Invitation fan-out through the real messenger (stored references on Azurite, the app's
 * adapter with outbound auth, botbuilder's connector client) to a loopback connector that
 * enforces Teams' published limits and injects a few retryable failures. Scenario 1: one
 * personal invitation to each of 1,000 users (the tenant's 50/s dominates); scenario 2: 100
 * messages to one channel (the per-conversation windows dominate). Each is compared with the
 * least time the limits allow for the requests the connector admitted.
 */
export async function fanoutBench(ctx: BenchContext): Promise<Figure[]> {
  const users = ctx.quick ? 200 : 1000;
  const oneConversation = ctx.quick ? 30 : 100;
  const emulator = await startConnectorEmulator();
  try {
    const store = createTableStore({
      target: { connectionString: ctx.azurite.connectionString },
      prefix: uniquePrefix(),
    });
    await store.ensureTables(["ConversationRefs"]);
    const refs = createConversationRefRepository(store.table("ConversationRefs"));
    const ids = Array.from({ length: users + 1 }, (_, n) => userId(n));
    await runConcurrent(ids.length, 16, (i) => remember(refs, emulator.serviceUrl, "user", ids[i]!));
    await remember(refs, emulator.serviceUrl, "conversation", CHANNEL);
    // A fresh repository: its write cache must not hide the references' own saves during sends.
    const messenger = appMessenger(createConversationRefRepository(store.table("ConversationRefs")));

    // Warm-up (JIT, connections, token path) on a user outside the measured set, then let the
    // tenant window drain so both sides start from empty logs.
    await messenger.sendToUser(ids[users]!, invitation(-1));
    await new Promise((r) => setTimeout(r, 1100));
    emulator.reset();

    const t0 = performance.now();
    const result = await messenger.sendToMany(ids.slice(0, users), (u) => invitation(Number(u.slice(-12))));
    const personal: Outcome = {
      ms: performance.now() - t0,
      delivered: result.sent.length,
      gaveUp: result.failed.length + result.noReference.length,
    };
    const out = figures(`${users} personal invitations`, users, personal, emulator);

    await new Promise((r) => setTimeout(r, 1100));
    emulator.reset();
    let gaveUp = 0;
    const t1 = performance.now();
    await runConcurrent(oneConversation, 8, async (i) => {
      try {
        await messenger.sendToConversation(CHANNEL, { type: "message", text: `Muistutus ${i}` });
      } catch {
        gaveUp++;
      }
    });
    const channel: Outcome = { ms: performance.now() - t1, delivered: oneConversation - gaveUp, gaveUp };
    out.push(...figures(`${oneConversation} messages to one channel`, oneConversation, channel, emulator));
    return out;
  } finally {
    await emulator.close();
  }
}
