import type { AccessToken, GetTokenOptions, TokenCredential } from "@azure/identity";

/** Where App Service's managed-identity token endpoint is (its `IDENTITY_ENDPOINT` / `IDENTITY_HEADER`). */
export interface AppServiceIdentityOptions {
  endpoint: string;
  header: string;
  /** A user-assigned identity's client id; absent = the system-assigned identity. */
  clientId?: string;
  /** Injected for tests; defaults to the global fetch. */
  fetch?: typeof fetch;
}

/** Tokens are renewed this long before they expire. */
const REFRESH_MARGIN_MS = 5 * 60_000;

/**
 * App Service's managed-identity protocol (api-version 2019-08-01) as a {@link TokenCredential}.
 *
 * Why not `ManagedIdentityCredential` from @azure/identity: it (through msal-node) reads
 * `IDENTITY_ENDPOINT` and `IDENTITY_HEADER` from `process.env` itself and takes no option to
 * pass them, which breaks our rule that only config.ts reads the environment and would make a
 * test's token server a process-wide setting. The protocol is one documented GET, so the values
 * config.ts validated are passed here explicitly. Tokens are cached per resource until shortly
 * before they expire; concurrent callers share one request.
 */
export class AppServiceIdentityCredential implements TokenCredential {
  private readonly cache = new Map<string, Promise<AccessToken>>();

  constructor(private readonly options: AppServiceIdentityOptions) {}

  async getToken(scopes: string | string[], _options?: GetTokenOptions): Promise<AccessToken> {
    const scope = Array.isArray(scopes) ? scopes[0] : scopes;
    if (!scope) throw new Error("managed identity: a scope is required");
    const resource = scope.replace(/\/\.default$/, "");
    const cached = this.cache.get(resource);
    if (cached) {
      const token = await cached.catch(() => undefined);
      if (token && token.expiresOnTimestamp - REFRESH_MARGIN_MS > Date.now()) return token;
    }
    const pending = this.request(resource);
    this.cache.set(resource, pending);
    pending.catch(() => this.cache.delete(resource));
    return pending;
  }

  private async request(resource: string): Promise<AccessToken> {
    const url = new URL(this.options.endpoint);
    url.searchParams.set("api-version", "2019-08-01");
    url.searchParams.set("resource", resource);
    if (this.options.clientId) url.searchParams.set("client_id", this.options.clientId);
    const res = await (this.options.fetch ?? fetch)(url, {
      headers: { "X-IDENTITY-HEADER": this.options.header, Metadata: "true" },
    });
    if (!res.ok) throw new Error(`managed identity: token endpoint answered ${res.status}`);
    const body = (await res.json()) as { access_token?: string; expires_on?: string | number };
    const expiresOn = Number(body.expires_on);
    if (!body.access_token || !Number.isFinite(expiresOn))
      throw new Error("managed identity: token endpoint gave no access_token / expires_on");
    return { token: body.access_token, expiresOnTimestamp: expiresOn * 1000 };
  }
}
