import type { AddressInfo } from "node:net";
import {
  ActivityHandler,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type InvokeResponse,
  type TurnContext,
} from "botbuilder";
import restify from "restify";
import { createTableStore } from "../../bot/src/platform/tables/table-store";
import { uniquePrefix } from "../../bot/testing/azurite";
import { startBotTokenAuthority, TEST_APP_ID } from "../../bot/testing/bot-auth";
import { startConnectorRecorder } from "../../bot/testing/connector-recorder";
import { StubCredentialsFactory } from "../../bot/testing/outbound-credentials";
import type { BenchContext } from "./context";

/** The framework floor: a bare botbuilder bot, as its samples write one. */
export interface StockBot {
  /** Base URL; the bot listens on `${url}/api/messages`. */
  url: string;
  serviceUrl: string;
  /** A valid channel token for the connector's serviceUrl (validated on every request). */
  token: string;
  close(): Promise<void>;
}

const CARD_CONTENT_TYPE = "application/vnd.microsoft.card.adaptive";

/**
 * Starts a *stock* botbuilder bot — `CloudAdapter` + `ActivityHandler` with
 * `ConfigurationBotFrameworkAuthentication`, nothing cached or tuned — on restify, with the same
 * JWT validation as ours (a local OpenID/JWKS authority of its own, so no key cache of our
 * adapter is shared with it), the same outbound stub credentials and a connector recorder.
 * A message gets a text reply; an `adaptiveCard/action` invoke does one Tables upsert on the
 * bench's Azurite and answers with a small card.
 */
export async function startStockBot(ctx: BenchContext): Promise<StockBot> {
  const authority = await startBotTokenAuthority();
  const connector = await startConnectorRecorder();
  const store = createTableStore({
    target: { connectionString: ctx.azurite.connectionString },
    prefix: uniquePrefix(),
  });
  await store.ensureTables(["FloorNotes"]);
  const table = store.table("FloorNotes");

  const auth = new ConfigurationBotFrameworkAuthentication(
    authority.env,
    new StubCredentialsFactory(TEST_APP_ID),
  );
  const adapter = new CloudAdapter(auth);

  class FloorBot extends ActivityHandler {
    constructor() {
      super();
      this.onMessage(async (context, next) => {
        await context.sendActivity(`You said: ${context.activity.text ?? ""}`);
        await next();
      });
    }
    protected override async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
      if (context.activity.name !== "adaptiveCard/action") return super.onInvokeActivity(context);
      const data =
        (context.activity.value as { action?: { data?: Record<string, unknown> } }).action?.data ?? {};
      await table.upsertEntity(
        {
          partitionKey: String(data.dialogueId ?? "d"),
          rowKey: String(data.noteId ?? "n"),
          text: String(data.text ?? ""),
          themes: String(data.themes ?? ""),
        },
        "Replace",
      );
      return {
        status: 200,
        body: {
          statusCode: 200,
          type: CARD_CONTENT_TYPE,
          value: {
            type: "AdaptiveCard",
            version: "1.5",
            body: [{ type: "TextBlock", text: "Saved" }],
          },
        },
      };
    }
  }
  const bot = new FloorBot();

  const server = restify.createServer({ name: "floor", handleUncaughtExceptions: false });
  server.use(restify.plugins.bodyParser());
  server.post("/api/messages", async (req, res) => {
    await adapter.process(req, res, (context) => bot.run(context));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const { port } = server.address() as AddressInfo;
  const token = await authority.mint({ serviceUrl: connector.serviceUrl });
  return {
    url: `http://127.0.0.1:${port}`,
    serviceUrl: connector.serviceUrl,
    token,
    async close() {
      server.server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await connector.close();
      await authority.close();
    },
  };
}
