import type { AuthConfig, DevSignInResult, Principal } from "@dialogi/contracts";
import { api } from "../api/client";

let config: Promise<AuthConfig> | undefined;

/** The server's public sign-in and support configuration: one request per page load (retried after a failure). */
export function getAuthConfig(): Promise<AuthConfig> {
  if (!config) {
    const loading = api<AuthConfig>("/api/auth/config", { anonymous: true });
    config = loading;
    loading.catch(() => {
      if (config === loading) config = undefined;
    });
  }
  return config;
}

export const devSignIn = (persona: string) =>
  api<DevSignInResult>("/api/auth/dev-signin", {
    method: "POST",
    body: { persona },
    anonymous: true,
  });

export const getMe = () => api<Principal>("/api/me");
