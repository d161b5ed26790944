import type { CloudAdapter, TurnContext } from "botbuilder";
import { TeamsConnectorClient, type ConnectorClient } from "botframework-connector";
import { preparePipeline, type ClientPipeline, type DepartureHook } from "./turn-pipeline";

/** The connector clients of a proactive turn, readied for paced sending ({@link preparePipeline}). */
export interface TurnClients {
  /** Readies the turn's own connector client (the one `ctx.sendActivity` and `ctx.updateActivity` use). */
  prepare(ctx: TurnContext, hook: DepartureHook): void;
  /**
   * What `TeamsInfo.sendMeetingNotification` uses (a Teams client over the turn's connector
   * credentials), readied like the turn's own client, so that our paced retries are the only ones.
   */
  teams(ctx: TurnContext, hook: DepartureHook): TeamsConnectorClient;
}

/** Azure core clients keep their pipeline here; the SDK's typings do not show it. */
type WithPipeline = { client?: { pipeline?: ClientPipeline } };

/** Creates the {@link TurnClients} of the app's adapter; `now` stamps each request's departure. */
export function createTurnClients(adapter: CloudAdapter, now: () => number): TurnClients {
  return {
    prepare(ctx, hook) {
      const connector = ctx.turnState.get(adapter.ConnectorClientKey) as WithPipeline;
      preparePipeline(connector?.client?.pipeline, hook, now);
    },
    teams(ctx, hook) {
      const connector = ctx.turnState.get(adapter.ConnectorClientKey) as ConnectorClient;
      const client = new TeamsConnectorClient(connector.credentials, { baseUri: ctx.activity.serviceUrl });
      preparePipeline((client as unknown as WithPipeline).client?.pipeline, hook, now);
      return client;
    },
  };
}
