import type { MessagingExtensionAttachment, MessagingExtensionResponse, TurnContext } from "botbuilder";
import { escapeMarkdown } from "./markdown";
import type { TurnEnv } from "./turn-env";

/** Teams shows at most 25 results of a search-based message extension. */
export const MAX_EXTENSION_RESULTS = 25;

/** A `composeExtension/query`, read defensively from the invoke's untrusted value. */
export interface ExtensionQuery {
  commandId: string;
  /**
   * The search text as typed (raw: the feature validates it). Empty on the initial run (the
   * command opened with nothing typed yet), when Teams sends `initialRun` instead.
   */
  text: string;
  /** Paging asked for by Teams: results to skip and how many (capped at {@link MAX_EXTENSION_RESULTS}). */
  skip: number;
  count: number;
}

/** One result: the card inserted into the compose box and its preview in the result list. */
export interface ExtensionResult {
  card: Record<string, unknown>;
  preview: { title: string; text?: string };
}

/** What a search or unfurl answers: results, or a short (translated) message Teams shows instead. */
export type ExtensionAnswer = { results: ExtensionResult[] } | { message: string };

/**
 * The message extension of the app (one feature implements it; the platform only routes the
 * invokes). Identity comes from the authenticated activity (`env.userId`, `env.tenantId`).
 */
export interface MessageExtensionHandler {
  /** `composeExtension/query`: a search command run from the compose box. */
  query(ctx: TurnContext, env: TurnEnv, query: ExtensionQuery): Promise<ExtensionAnswer>;
  /** `composeExtension/queryLink`: a link to one of the manifest's `messageHandlers` domains was pasted. */
  queryLink(ctx: TurnContext, env: TurnEnv, url: string): Promise<ExtensionAnswer>;
}

const int = (v: unknown, fallback: number, max: number) =>
  typeof v === "number" && Number.isInteger(v) && v >= 0 ? Math.min(v, max) : fallback;

/** Reads a query invoke's value; missing or mistyped parts become empty defaults, never errors. */
export function parseExtensionQuery(value: unknown): ExtensionQuery {
  const v = (value && typeof value === "object" ? value : {}) as Record<string, unknown>;
  const params = Array.isArray(v.parameters) ? (v.parameters as unknown[]) : [];
  const typed = params.find(
    (p): p is { name: string; value: unknown } =>
      !!p && typeof p === "object" && (p as { name?: unknown }).name !== "initialRun",
  );
  const options = (v.queryOptions && typeof v.queryOptions === "object" ? v.queryOptions : {}) as Record<
    string,
    unknown
  >;
  return {
    commandId: typeof v.commandId === "string" ? v.commandId : "",
    text: typeof typed?.value === "string" ? typed.value : "",
    skip: int(options.skip, 0, 1_000_000),
    count: Math.max(1, int(options.count, MAX_EXTENSION_RESULTS, MAX_EXTENSION_RESULTS)),
  };
}

/**
 * The invoke response body of an answer: a `result` list (each Adaptive Card with a thumbnail
 * preview) or a `message` Teams shows in place of results.
 */
export function extensionResponse(answer: ExtensionAnswer): MessagingExtensionResponse {
  if ("message" in answer) return { composeExtension: { type: "message", text: answer.message } };
  const attachments = answer.results
    .slice(0, MAX_EXTENSION_RESULTS)
    .map((r): MessagingExtensionAttachment => ({
      contentType: "application/vnd.microsoft.card.adaptive",
      content: r.card,
      // The preview is a thumbnail card, whose texts Teams formats too: shown literally.
      preview: {
        contentType: "application/vnd.microsoft.card.thumbnail",
        content: {
          title: escapeMarkdown(r.preview.title),
          ...(r.preview.text ? { text: escapeMarkdown(r.preview.text) } : {}),
        },
      },
    }));
  return { composeExtension: { type: "result", attachmentLayout: "list", attachments } };
}
