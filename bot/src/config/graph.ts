import path from "node:path";
import type { GraphCredentialConfig } from "../platform/graph/credential";
import type { Env } from "./env-schema";
import { ConfigError } from "./errors";

/** Microsoft Graph access (application permissions); absent = Graph features are off. */
export interface GraphConfig {
  /** Base URL without the version, e.g. `https://graph.microsoft.com`. */
  endpoint: string;
  credential: GraphCredentialConfig;
}

const DEFAULT_GRAPH_ENDPOINT = "https://graph.microsoft.com";
const DEFAULT_AUTHORITY_HOST = "https://login.microsoftonline.com";

/**
 * Graph settings. `GRAPH_CREDENTIAL` says which credential; when it is unset the credential is
 * inferred: a client secret, else a certificate, else App Service's managed identity when its
 * variables are present, else Graph is off.
 */
export function graphConfig(e: Env, production: boolean): GraphConfig | undefined {
  const kind =
    e.GRAPH_CREDENTIAL ??
    (e.GRAPH_CLIENT_SECRET
      ? "clientSecret"
      : e.GRAPH_CERTIFICATE_PATH
        ? "certificate"
        : e.IDENTITY_ENDPOINT && e.IDENTITY_HEADER
          ? "managedIdentity"
          : "off");
  if (kind === "off") return undefined;
  const endpoint = (e.GRAPH_ENDPOINT ?? DEFAULT_GRAPH_ENDPOINT).replace(/\/+$/, "");
  // The bearer token must never travel in clear text outside a test machine.
  if (production && !endpoint.startsWith("https://"))
    throw new ConfigError("GRAPH_ENDPOINT: must be https when NODE_ENV=production");
  const authorityHost = e.GRAPH_AUTHORITY_HOST ?? DEFAULT_AUTHORITY_HOST;
  const need = (name: string, value: string | undefined): string => {
    if (!value) throw new ConfigError(`${name}: required when GRAPH_CREDENTIAL=${kind}`);
    return value;
  };
  if (kind === "managedIdentity") {
    return {
      endpoint,
      credential: {
        kind,
        endpoint: need("IDENTITY_ENDPOINT", e.IDENTITY_ENDPOINT),
        header: need("IDENTITY_HEADER", e.IDENTITY_HEADER),
        clientId: e.GRAPH_CLIENT_ID,
        ...(e.GRAPH_TENANT_ID ? { tenantId: e.GRAPH_TENANT_ID } : {}),
      },
    };
  }
  const tenantId = need("GRAPH_TENANT_ID", e.GRAPH_TENANT_ID);
  const clientId = need("GRAPH_CLIENT_ID", e.GRAPH_CLIENT_ID);
  if (kind === "clientSecret") {
    const secret = need("GRAPH_CLIENT_SECRET", e.GRAPH_CLIENT_SECRET);
    return { endpoint, credential: { kind, tenantId, clientId, secret, authorityHost } };
  }
  const certificatePath = path.resolve(need("GRAPH_CERTIFICATE_PATH", e.GRAPH_CERTIFICATE_PATH));
  return { endpoint, credential: { kind, tenantId, clientId, certificatePath, authorityHost } };
}
