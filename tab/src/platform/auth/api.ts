import type { AuthConfig, DevSignInResult, Principal } from "@dialogi/contracts";
import { api } from "../api/client";

export const getAuthConfig = () => api<AuthConfig>("/api/auth/config", { anonymous: true });

export const devSignIn = (persona: string) =>
  api<DevSignInResult>("/api/auth/dev-signin", {
    method: "POST",
    body: { persona },
    anonymous: true,
  });

export const getMe = () => api<Principal>("/api/me");
