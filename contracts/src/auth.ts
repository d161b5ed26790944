import type { Principal } from "./directory";

/** A development sign-in persona (offered outside production). */
export interface Persona {
  id: string;
  name: string;
  description: string;
}

/** `GET /api/auth/config`: what the tab needs before sign-in. */
export interface AuthConfig {
  clientId: string | null;
  devSignIn: boolean;
  personas: Persona[];
}

/** `POST /api/auth/dev-signin`. */
export interface DevSignInResult {
  token: string;
  principal: Principal;
}
