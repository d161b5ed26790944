import { ServiceClientCredentialsFactory } from "botframework-connector";

/** Token the bot attaches to outbound connector calls in tests. */
export const TEST_OUTBOUND_TOKEN = "test-outbound-token";

/**
 * Outbound credentials for tests: accepts the configured app id and signs connector calls
 * with a fixed token instead of fetching one from Entra ID (which is unreachable here).
 */
export class StubCredentialsFactory extends ServiceClientCredentialsFactory {
  constructor(private readonly appId: string | undefined) {
    super();
  }
  async isValidAppId(appId: string): Promise<boolean> {
    return appId === this.appId;
  }
  async isAuthenticationDisabled(): Promise<boolean> {
    return !this.appId;
  }
  async createCredentials() {
    return {
      async signRequest<T extends { headers: { set(name: string, value: string): void } }>(
        webResource: T,
      ): Promise<T> {
        webResource.headers.set("authorization", `Bearer ${TEST_OUTBOUND_TOKEN}`);
        return webResource;
      },
    } as never;
  }
}
