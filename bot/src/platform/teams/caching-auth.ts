import { createPublicKey, type KeyObject } from "node:crypto";
import {
  AuthenticationConstants,
  AuthenticationError,
  BotFrameworkAuthentication,
  ConnectorFactory,
  type AuthenticateRequestResult,
  type BotFrameworkClient,
  type ClaimsIdentity,
  type ConnectorClient,
  type UserTokenClient,
} from "botframework-connector";
import { JwtTokenExtractor } from "botframework-connector/lib/auth/jwtTokenExtractor";
import type { Activity } from "botframework-schema";

/** Connector clients kept per (app id, service URL, audience); Teams uses a handful of service URLs. */
const MAX_CONNECTOR_CLIENTS = 64;

/** The app id botbuilder's own factories use: the token's audience (channel) or appid claim (emulator). */
function appIdOf(identity: ClaimsIdentity): string | undefined {
  return (
    identity.getClaimValue(AuthenticationConstants.AudienceClaim) ??
    identity.getClaimValue(AuthenticationConstants.AppIdClaim) ??
    undefined
  );
}

/**
 * Returns the same `ConnectorClient` for the same app id, service URL and audience. A client is
 * a stateless HTTP client whose credentials fetch (and cache) their own tokens, yet botbuilder
 * builds a new one — a serializer, a request pipeline, credentials — on every turn.
 */
class CachingConnectorFactory extends ConnectorFactory {
  constructor(
    private readonly inner: ConnectorFactory,
    private readonly appId: string | undefined,
    private readonly clients: Map<string, Promise<ConnectorClient>>,
  ) {
    super();
  }

  create(serviceUrl: string, audience?: string): Promise<ConnectorClient> {
    const key = `${this.appId ?? ""}\u0000${serviceUrl}\u0000${audience ?? ""}`;
    let client = this.clients.get(key);
    if (!client) {
      client = this.inner.create(serviceUrl, audience);
      // A failed creation is not kept: the next turn tries again.
      client.catch(() => this.clients.delete(key));
      if (this.clients.size >= MAX_CONNECTOR_CLIENTS) this.clients.delete(this.clients.keys().next().value!);
      this.clients.set(key, client);
    }
    return client;
  }
}

/**
 * Wraps the stock BotFrameworkAuthentication: validation is untouched (every request still goes
 * through botbuilder's JWT checks), but connector clients are cached per service URL and user
 * token clients per app id instead of being rebuilt on every turn.
 */
export class CachingBotFrameworkAuthentication extends BotFrameworkAuthentication {
  private readonly clients = new Map<string, Promise<ConnectorClient>>();
  private readonly tokenClients = new Map<string, Promise<UserTokenClient>>();

  constructor(private readonly inner: BotFrameworkAuthentication) {
    super();
  }

  async authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    const result = await this.inner.authenticateRequest(activity, authHeader);
    if (!result.connectorFactory) return result;
    return {
      ...result,
      connectorFactory: new CachingConnectorFactory(
        result.connectorFactory,
        appIdOf(result.claimsIdentity),
        this.clients,
      ),
    };
  }

  authenticateStreamingRequest(
    authHeader: string,
    channelIdHeader: string,
  ): Promise<AuthenticateRequestResult> {
    return this.inner.authenticateStreamingRequest(authHeader, channelIdHeader);
  }

  createConnectorFactory(claimsIdentity: ClaimsIdentity): ConnectorFactory {
    return new CachingConnectorFactory(
      this.inner.createConnectorFactory(claimsIdentity),
      appIdOf(claimsIdentity),
      this.clients,
    );
  }

  createUserTokenClient(claimsIdentity: ClaimsIdentity): Promise<UserTokenClient> {
    const key = appIdOf(claimsIdentity) ?? "";
    let client = this.tokenClients.get(key);
    if (!client) {
      client = this.inner.createUserTokenClient(claimsIdentity);
      client.catch(() => this.tokenClients.delete(key));
      this.tokenClients.set(key, client);
    }
    return client;
  }

  override createBotFrameworkClient(): BotFrameworkClient {
    return this.inner.createBotFrameworkClient();
  }

  override getOriginatingAudience(): string {
    return this.inner.getOriginatingAudience();
  }

  override authenticateChannelRequest(authHeader: string): Promise<ClaimsIdentity> {
    return this.inner.authenticateChannelRequest(authHeader);
  }
}

interface Jwk {
  kid?: string;
  n?: string;
  e?: string;
  endorsements?: string[];
}

/** What botbuilder's JwtTokenExtractor reads from its OpenID metadata (`key` goes to jsonwebtoken's verify). */
interface MetadataKey {
  key: KeyObject;
  endorsements?: string[];
}

const HOUR_MS = 60 * 60 * 1000;

/**
 * botbuilder's OpenIdMetadata with the verification keys kept as `KeyObject`s: the stock class
 * rebuilds a PEM from the JWK's modulus and exponent on every request, and jsonwebtoken parses
 * that PEM again. The refresh rules are botbuilder's: keys older than the refresh interval are
 * refetched first; an unknown key id triggers a refetch at most once an hour; a failed fetch
 * throws (the request is rejected). Non-RSA keys are not usable (null), as in the stock class.
 */
export class KeyCachingOpenIdMetadata {
  private jwks: Jwk[] | undefined;
  private readonly keyObjects = new Map<string, MetadataKey>();
  private lastUpdated = 0;
  private refreshing: Promise<void> | undefined;

  constructor(
    private readonly url: string,
    private readonly refreshIntervalHours = 24,
    /**
     * Longest wait for each metadata fetch. Requests arriving during a refresh share it, so a
     * fetch that never ends would hold every later request too; timed out, the request is
     * rejected and the next one fetches again.
     */
    private readonly fetchTimeoutMs = 10_000,
  ) {}

  async getKey(keyId: string): Promise<MetadataKey | null> {
    if (this.lastUpdated < Date.now() - this.refreshIntervalHours * HOUR_MS) {
      await this.refresh();
      return this.findKey(keyId);
    }
    const key = this.findKey(keyId);
    if (!key && this.lastUpdated < Date.now() - HOUR_MS) {
      await this.refresh();
      return this.findKey(keyId);
    }
    return key;
  }

  /** One fetch at a time: requests arriving during a refresh wait for it. */
  private refresh(): Promise<void> {
    this.refreshing ??= this.fetchKeys().finally(() => (this.refreshing = undefined));
    return this.refreshing;
  }

  private async fetchKeys(): Promise<void> {
    const get = async (url: string, what: string) => {
      try {
        const res = await fetch(url, { signal: AbortSignal.timeout(this.fetchTimeoutMs) });
        if (!res.ok) throw new AuthenticationError(`Failed to load ${what}: ${res.status}`, 500);
        return (await res.json()) as unknown;
      } catch (err) {
        if (err instanceof AuthenticationError) throw err;
        throw new AuthenticationError(`Failed to load ${what}: ${(err as Error).name}`, 500);
      }
    };
    const config = (await get(this.url, "openID config")) as { jwks_uri: string };
    this.jwks = ((await get(config.jwks_uri, "Keys")) as { keys: Jwk[] }).keys;
    this.keyObjects.clear();
    this.lastUpdated = Date.now();
  }

  private findKey(keyId: string): MetadataKey | null {
    const cached = this.keyObjects.get(keyId);
    if (cached) return cached;
    const jwk = this.jwks?.find((k) => k.kid === keyId);
    if (!jwk?.n || !jwk.e) return null;
    const key = {
      key: createPublicKey({ key: { kty: "RSA", n: jwk.n, e: jwk.e }, format: "jwk" }),
      endorsements: jwk.endorsements,
    };
    this.keyObjects.set(keyId, key);
    return key;
  }
}

/**
 * Makes botbuilder validate tokens from these OpenID metadata URLs with {@link KeyCachingOpenIdMetadata}.
 * botbuilder keeps one metadata object per URL in a static map of JwtTokenExtractor (private
 * API): installing ours there changes how keys are held, not what is checked. Returns false when
 * that map is not there (a botbuilder upgrade): validation then stays stock.
 */
export function installKeyCache(metadataUrls: readonly string[]): boolean {
  const cache = (JwtTokenExtractor as unknown as { openIdMetadataCache?: unknown }).openIdMetadataCache;
  if (!(cache instanceof Map)) return false;
  for (const url of metadataUrls) {
    if (!(cache.get(url) instanceof KeyCachingOpenIdMetadata))
      cache.set(url, new KeyCachingOpenIdMetadata(url));
  }
  return true;
}
