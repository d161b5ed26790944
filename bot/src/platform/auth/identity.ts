// Who a request or turn comes from. Platform types: authentication yields an Identity, the
// directory's roles turn it into a Principal that every feature's authorisation checks.

/** Who the token says the caller is (before directory roles are applied). */
export interface Identity {
  userId: string;
  tenantId: string;
  name: string;
  email?: string;
  /** Entra group object ids from the token's `groups` claim. */
  groups?: string[];
  /** Development sign-in: the persona's grants come with the (locally signed) token. */
  dev?: { coordinator: boolean; staffOf: string[] };
}

/** Who may do what in the directory, resolved per request. */
export interface Principal {
  userId: string;
  tenantId: string;
  name: string;
  email?: string;
  coordinator: boolean;
  /** Organisation ids whose entries this user may add and edit. */
  staffOf: string[];
  /** Set for development sign-in tokens only. */
  dev?: boolean;
}
