import { jwtVerify } from "jose";
import type { Request } from "restify";
import type { Authenticate, Principal } from "./http";

/**
 * Stand-in until the shared auth module (bot/src/api/auth: Teams SSO + dev sign-in) is wired:
 * accepts only dev sign-in tokens (HS256 with config.devTokenSecret, issuer "dialogi-dev"), and
 * only when dev sign-in is enabled — so production without the auth module answers 401, never
 * lets anyone in. Claims: `sub` (AAD object id), `tid`, `name`, `email?`, `coordinator?`, `staffOf?`.
 */
export function createInterimAuthenticate(opts: { devSignIn: boolean; secret: string }): Authenticate {
  const key = new TextEncoder().encode(opts.secret);
  return async (req: Request): Promise<Principal> => {
    if (!opts.devSignIn) throw new Error("no authenticator configured");
    const m = /^Bearer (.+)$/.exec(req.header("authorization") ?? "");
    if (!m) throw new Error("no bearer token");
    const { payload } = await jwtVerify(m[1]!, key, { issuer: "dialogi-dev", algorithms: ["HS256"] });
    if (typeof payload.sub !== "string" || typeof payload.tid !== "string")
      throw new Error("token lacks sub/tid");
    return {
      userId: payload.sub,
      tenantId: payload.tid,
      name: typeof payload.name === "string" ? payload.name : "",
      email: typeof payload.email === "string" ? payload.email : undefined,
      coordinator: payload.coordinator === true,
      staffOf: Array.isArray(payload.staffOf)
        ? payload.staffOf.filter((s): s is string => typeof s === "string")
        : [],
    };
  };
}
