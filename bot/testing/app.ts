import { composeApp, type App, type ComposeOverrides } from "../src/app";
import { loadConfig, type Config } from "../src/config";
import { createLogger } from "../src/logger";
import { sharedAzurite, uniquePrefix } from "./azurite";
import { StubCredentialsFactory } from "./outbound-credentials";

/** The link-signing secret test apps share unless a test sets its own (≥ 32 bytes). */
export const TEST_LINK_SECRET = "test-link-signing-secret-0123456789abcdef";

/** Options for {@link startTestApp}. */
export interface TestAppOptions {
  /** Extra environment variables (e.g. the bot token authority's settings). */
  env?: Record<string, string>;
  /** A specific table-store connection string (default: the shared in-memory Azurite). */
  connectionString?: string;
  overrides?: ComposeOverrides;
  /** Captured log lines (JSON strings). */
  logLines?: string[];
  /** Listen on this port (default: a free one); links in e-mails need it known before start. */
  port?: number;
}

/** The whole app (bot + API + tab) listening on a free loopback port. */
export interface TestApp {
  url: string;
  app: App;
  config: Config;
  /** POSTs an activity to /api/messages (with a bearer token when given). */
  postActivity(activity: unknown, token?: string): Promise<Response>;
  close(): Promise<void>;
}

/**
 * Starts the real composed app on port 0 against Azurite with a unique table prefix, using the
 * same composition root as `npm start`. Only seams we own are replaced (outbound credentials, clock).
 */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const connectionString = options.connectionString ?? (await sharedAzurite()).connectionString;
  const config = loadConfig({
    NODE_ENV: "test",
    TABLES_CONNECTION_STRING: connectionString,
    TABLES_PREFIX: uniquePrefix(),
    // Tests run on loopback without a Bot Framework app id unless they give one: local mode.
    LOCAL_MODE: "true",
    DEV_SIGNIN: "true",
    LINK_SIGNING_SECRET: TEST_LINK_SECRET,
    LOG_LEVEL: "debug",
    ...options.env,
  });
  const lines = options.logLines;
  const logger = createLogger("debug", (l) => lines?.push(l));
  const app = await composeApp(
    config,
    { connectionString },
    {
      logger,
      credentialsFactory: new StubCredentialsFactory(config.bot.MicrosoftAppId),
      ...options.overrides,
    },
  );
  const url = await app.listen(options.port ?? 0, "127.0.0.1");
  return {
    url,
    app,
    config,
    postActivity: (activity, token) =>
      fetch(`${url}/api/messages`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: typeof activity === "string" ? activity : JSON.stringify(activity),
      }),
    close: () => app.close(),
  };
}

/** A free loopback port (for apps whose PUBLIC_URL must be known before they listen). */
export async function freePort(): Promise<number> {
  const { createServer } = await import("node:net");
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}
