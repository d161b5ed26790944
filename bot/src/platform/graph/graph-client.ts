import type { TokenCredential } from "@azure/identity";
import {
  Client,
  HTTPMessageHandler,
  RetryHandler,
  RetryHandlerOptions,
} from "@microsoft/microsoft-graph-client";
import { BearerTokenHandler } from "./bearer-handler";

/** Options of {@link createGraphClient}. */
export interface GraphClientOptions {
  /** `https://graph.microsoft.com` (or a national cloud's, or a local emulator's `http://127.0.0.1:port`). */
  endpoint: string;
  credential: TokenCredential;
  /** Retries of a throttled (429) or unavailable (503/504) request; default 3 (the library's). */
  maxRetries?: number;
  /** First retry delay in seconds when no Retry-After is given; default 3 (the library's). */
  retryDelaySeconds?: number;
}

/**
 * The token scope for an endpoint: `<origin>/.default`. For the public cloud that is
 * `https://graph.microsoft.com/.default`; an emulator's origin gets tokens for itself, so it
 * can check that the token was issued for it.
 */
export function graphScope(endpoint: string): string {
  return `${new URL(endpoint).origin}/.default`;
}

/**
 * A Microsoft Graph client with our own middleware chain: bearer token → RetryHandler (honours
 * Retry-After on 429/503/504) → HTTPMessageHandler (global fetch). Create once and inject.
 * Requests go to `<endpoint>/v1.0/...`.
 */
export function createGraphClient(options: GraphClientOptions): Client {
  const bearer = new BearerTokenHandler(options.credential, graphScope(options.endpoint));
  const retry = new RetryHandler(
    new RetryHandlerOptions(options.retryDelaySeconds ?? 3, options.maxRetries ?? 3),
  );
  const http = new HTTPMessageHandler();
  bearer.setNext(retry);
  retry.setNext(http);
  return Client.initWithMiddleware({
    baseUrl: new URL(options.endpoint).origin + new URL(options.endpoint).pathname.replace(/\/$/, ""),
    middleware: bearer,
    defaultVersion: "v1.0",
  });
}

/** What went wrong with a Graph call, as callers need to decide: give up, retry later, or tell someone. */
export type GraphFailure = "forbidden" | "notFound" | "throttled" | "unavailable" | "invalid";

/** Classifies an error thrown by the Graph client (a GraphError carries `statusCode`). */
export function graphFailure(err: unknown): GraphFailure {
  const status = (err as { statusCode?: number } | undefined)?.statusCode ?? 0;
  if (status === 401 || status === 403) return "forbidden";
  if (status === 404) return "notFound";
  if (status === 429) return "throttled";
  if (status === 400 || status === 409 || status === 422) return "invalid";
  // Network errors (statusCode -1 / undefined) and 5xx.
  return "unavailable";
}

/** The HTTP status of a Graph error (for logs), or undefined for network failures. */
export function graphStatus(err: unknown): number | undefined {
  const status = (err as { statusCode?: number } | undefined)?.statusCode;
  return typeof status === "number" && status > 0 ? status : undefined;
}

export type { Client as GraphClient } from "@microsoft/microsoft-graph-client";
