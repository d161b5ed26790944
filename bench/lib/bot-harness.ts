import { startTestApp, type TestApp } from "../../bot/testing/app";
import { startBotTokenAuthority, type BotTokenAuthority } from "../../bot/testing/bot-auth";
import { startConnectorRecorder, type ConnectorRecorder } from "../../bot/testing/connector-recorder";
import type { BenchContext } from "./context";

/** The full bot path with real JWT validation: app + local token authority + connector recorder. */
export interface BotHarness {
  app: TestApp;
  connector: ConnectorRecorder;
  authority: BotTokenAuthority;
  /** A valid channel token for the connector's serviceUrl (minted once: validation still runs per request). */
  token: string;
  close(): Promise<void>;
}

/** Starts the harness on the benchmark's Azurite. */
export async function startBotHarness(ctx: BenchContext): Promise<BotHarness> {
  const authority = await startBotTokenAuthority();
  const connector = await startConnectorRecorder();
  const app = await startTestApp({
    env: { ...authority.env, LOG_LEVEL: "warn" },
    connectionString: ctx.azurite.connectionString,
  });
  const token = await authority.mint({ serviceUrl: connector.serviceUrl });
  return {
    app,
    connector,
    authority,
    token,
    async close() {
      await app.close();
      await connector.close();
      await authority.close();
    },
  };
}
