import { ServiceClientCredentialsFactory } from "botframework-connector";

/** Token the bot attaches to outbound connector calls in tests. */
export const TEST_OUTBOUND_TOKEN = "test-outbound-token";

/**
 * Outbound credentials for tests: accepts the configured app id and signs connector calls
 * with a fixed token instead of fetching one from Entra ID (which is unreachable here).
 */
export class StubCredentialsFactory extends ServiceClientCredentialsFactory {
  /**
   * @param onSign runs while a request is being signed (a test's stand-in for a token fetch that
   * takes time).
   */
  constructor(
    private readonly appId: string | undefined,
    private readonly onSign?: () => Promise<void>,
  ) {
    super();
  }
  async isValidAppId(appId: string): Promise<boolean> {
    return appId === this.appId;
  }
  async isAuthenticationDisabled(): Promise<boolean> {
    return !this.appId;
  }
  async createCredentials() {
    const onSign = this.onSign;
    return {
      async signRequest<T extends { headers: { set(name: string, value: string): void } }>(
        webResource: T,
      ): Promise<T> {
        await onSign?.();
        webResource.headers.set("authorization", `Bearer ${TEST_OUTBOUND_TOKEN}`);
        return webResource;
      },
    } as never;
  }
}
