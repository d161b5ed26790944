import type { ServiceClientCredentialsFactory } from "botframework-connector";
import type { OutboxConfig } from "../config/outbox";
import type { Logger } from "../logger";
import type { DirectoryStores } from "../features/directory/index";
import type { MailBudgetLimits, PublicLimitOptions } from "../features/public-registration/index";
import type { GraphPost } from "../platform/mail/graph-mail";
import type { TelemetryOptions } from "../platform/telemetry/setup";

/** Seams a test or benchmark may replace; production uses the defaults. */
export interface ComposeOverrides {
  logger?: Logger;
  credentialsFactory?: ServiceClientCredentialsFactory;
  /** The clock, for timers and deadlines. */
  now?: () => Date;
  /** Per-user write budget of the tab APIs (default `WRITE_RATE`); load tests raise it. */
  writeRate?: { burst: number; perSecond: number };
  /** Telemetry destination for tests (in-memory exporters); production uses the connection string. */
  telemetry?: Omit<TelemetryOptions, "connectionString">;
  /** Microsoft Graph POST (wired to platform/graph's client); enables the Graph mail adapter. */
  graphPost?: GraphPost;
  /** Abuse limits of the public registration page (tests lift them for races). */
  publicLimits?: Partial<PublicLimitOptions>;
  /** The public page's per-dialogue mail budget (tests lift it where they register hundreds). */
  publicMailBudget?: Partial<MailBudgetLimits>;
  /**
   * The outbox's mail pacing (default: MAIL_PER_MINUTE / MAIL_PER_DAY, kept below the mailbox's
   * limits); tests whose mails go to the dev outbox lift it where they send hundreds.
   */
  mailPacing?: Partial<Pick<OutboxConfig, "mailPerMinute" | "mailPerDay">>;
  /** Wraps the directory's stores (tests hold the start-up snapshot load with it). */
  directoryStores?: (stores: DirectoryStores) => DirectoryStores;
}
