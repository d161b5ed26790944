import type { TokenCredential } from "@azure/identity";
import type { Context, Middleware } from "@microsoft/microsoft-graph-client";

/**
 * Adds `Authorization: Bearer <token>` to every request. Used instead of the client's stock
 * AuthenticationHandler, which silently sends no token to a non-https or non-Graph host (so a
 * local emulator, or a sovereign-cloud endpoint not listed in `customHosts`, would get none).
 */
export class BearerTokenHandler implements Middleware {
  private next?: Middleware;

  constructor(
    private readonly credential: TokenCredential,
    private readonly scope: string,
  ) {}

  async execute(context: Context): Promise<void> {
    const token = await this.credential.getToken(this.scope);
    if (!token) throw new Error("graph: the credential returned no token");
    const options = (context.options ??= {});
    const headers = new Headers(options.headers as ConstructorParameters<typeof Headers>[0]);
    headers.set("Authorization", `Bearer ${token.token}`);
    options.headers = Object.fromEntries(headers.entries());
    if (!this.next) throw new Error("graph: BearerTokenHandler must not be the last middleware");
    await this.next.execute(context);
  }

  setNext(next: Middleware): void {
    this.next = next;
  }
}
