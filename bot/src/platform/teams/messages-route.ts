import type { ActivityHandler } from "botbuilder";
import type { DialogiAdapter } from "./adapter";
import type { Activity } from "botframework-schema";
import type { Request, Response } from "restify";
import { errorFields, type Logger } from "../../logger";
import { withSpan, type TelemetryAttributes } from "../telemetry/instrument";

/** What a span may say about an activity: its kind and card verb, never its text or people. */
function activityAttributes(activity: Activity): TelemetryAttributes {
  const value = activity.value as { action?: { verb?: unknown }; verb?: unknown } | undefined;
  const verb = value?.action?.verb ?? value?.verb;
  return {
    "activity.type": activity.type,
    "activity.name": typeof activity.name === "string" ? activity.name.slice(0, 64) : undefined,
    "activity.verb": typeof verb === "string" ? verb.slice(0, 64) : undefined,
    "activity.channel": typeof activity.channelId === "string" ? activity.channelId.slice(0, 32) : undefined,
    "conversation.type": activity.conversation?.conversationType,
  };
}

/** Bot Framework activity bodies larger than this are rejected (Teams activities are far smaller). */
export const MAX_ACTIVITY_BYTES = 256 * 1024;

function badRequest(res: Response, reason: string): void {
  res.send(400, { error: "badRequest", message: reason });
}

/** Minimal shape check so malformed bodies get 400 instead of reaching the SDK. */
export function activityShapeError(body: unknown): string | undefined {
  if (!body || typeof body !== "object" || Array.isArray(body)) return "body must be a JSON activity object";
  const a = body as Record<string, unknown>;
  if (typeof a.type !== "string" || a.type.length === 0 || a.type.length > 64)
    return "activity.type is required";
  if (typeof a.serviceUrl !== "string" || !/^https?:\/\//.test(a.serviceUrl))
    return "activity.serviceUrl is required";
  const conversation = a.conversation as Record<string, unknown> | undefined;
  if (!conversation || typeof conversation.id !== "string") return "activity.conversation.id is required";
  if (a.from !== undefined && (typeof a.from !== "object" || a.from === null))
    return "activity.from must be an object";
  if (a.text !== undefined && typeof a.text !== "string") return "activity.text must be a string";
  return undefined;
}

/**
 * POST /api/messages. Uses `handleActivity` (the SDK's processActivity) rather than `adapter.process` so that
 * every authentication failure — including a bad signature, which the SDK would surface as
 * 500 — becomes 401, and invoke responses are written by us.
 */
export function messagesRoute(adapter: DialogiAdapter, bot: ActivityHandler, logger: Logger) {
  // restify calls async handlers with (req, res) only and continues when the promise settles.
  return async (req: Request, res: Response): Promise<void> => {
    const shapeError = activityShapeError(req.body);
    if (shapeError) {
      badRequest(res, shapeError);
      return;
    }
    const activity = req.body as Activity;
    const authHeader = req.header("authorization") ?? "";
    let invokeResponse: { status: number; body?: unknown } | undefined;
    try {
      invokeResponse = await withSpan("bot.activity", activityAttributes(activity), () =>
        adapter.handleActivity(authHeader, activity, (ctx) => bot.run(ctx)),
      );
    } catch (err) {
      // Turn errors are handled by adapter.onTurnError, so what reaches here is authentication
      // or request-level failure: never leak details, never 500.
      logger.warn("bot request rejected", { activityId: activity.id, ...errorFields(err) });
      res.send(401, { error: "unauthorized", message: "Unauthorized" });
      return;
    }
    if (invokeResponse) {
      res.send(invokeResponse.status, invokeResponse.body ?? {});
    } else {
      res.send(200);
    }
  };
}
