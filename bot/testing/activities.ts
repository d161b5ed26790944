import { randomUUID } from "node:crypto";

/** Fixture builder options for a Teams activity. */
export interface ActivityOptions {
  serviceUrl: string;
  text?: string;
  locale?: string;
  userId?: string;
  userName?: string;
  tenantId?: string;
  conversationType?: "personal" | "groupChat" | "channel";
  conversationId?: string;
  value?: unknown;
  id?: string;
}

export const TEST_TENANT = "tenant-0001";
export const BOT_ACCOUNT = { id: "28:test-bot", name: "Dialogi" };

/** A user as Teams identifies them. */
export function user(n: number, name = `User ${n}`) {
  return { id: `29:user-${n}`, aadObjectId: `00000000-0000-0000-0000-${String(n).padStart(12, "0")}`, name };
}

/** A Teams message activity as the channel would POST it to /api/messages. */
export function messageActivity(o: ActivityOptions): Record<string, unknown> {
  const u = o.userId
    ? { id: `29:${o.userId}`, aadObjectId: o.userId, name: o.userName ?? "Test User" }
    : user(1, o.userName);
  const conversationType = o.conversationType ?? "personal";
  return {
    type: "message",
    id: o.id ?? randomUUID(),
    timestamp: new Date().toISOString(),
    channelId: "msteams",
    serviceUrl: o.serviceUrl,
    from: u,
    recipient: BOT_ACCOUNT,
    conversation: {
      id:
        o.conversationId ??
        (conversationType === "personal" ? `a:chat-${u.aadObjectId}` : "19:team-channel@thread.tacv2"),
      conversationType,
      tenantId: o.tenantId ?? TEST_TENANT,
      isGroup: conversationType !== "personal",
    },
    channelData: { tenant: { id: o.tenantId ?? TEST_TENANT } },
    locale: o.locale ?? "fi-FI",
    text: o.text,
    value: o.value,
  };
}

/** An Action.Execute invoke (`adaptiveCard/action`). */
export function executeActivity(o: ActivityOptions & { verb: string; data?: Record<string, unknown> }) {
  return {
    ...messageActivity(o),
    type: "invoke",
    name: "adaptiveCard/action",
    text: undefined,
    value: { action: { type: "Action.Execute", verb: o.verb, data: o.data ?? {} }, trigger: "manual" },
  };
}

/** The install event Teams sends when the app is added. */
export function installActivity(o: ActivityOptions): Record<string, unknown> {
  return { ...messageActivity(o), type: "installationUpdate", action: "add", text: undefined };
}
