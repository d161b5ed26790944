import type { Principal } from "./directory";

/** A development sign-in persona (offered outside production). */
export interface Persona {
  id: string;
  name: string;
  description: string;
}

/** Where users get help: a mailbox and a site (configured by the deployment). */
export interface SupportContact {
  email: string;
  url: string;
}

/** `GET /api/auth/config`: what the tab needs before sign-in. */
export interface AuthConfig {
  clientId: string | null;
  devSignIn: boolean;
  personas: Persona[];
  /** Support contact for the footer and the accessibility statement's feedback address. */
  support: SupportContact;
}

/** `POST /api/auth/dev-signin`. */
export interface DevSignInResult {
  token: string;
  principal: Principal;
}
