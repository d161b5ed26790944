// Who a request or turn comes from. Platform types: authentication yields an Identity, the
// directory's roles turn it into a Principal that every feature's authorisation checks.

/** Who the token says the caller is (before directory roles are applied). */
export interface Identity {
  userId: string;
  tenantId: string;
  name: string;
  /** For display only: `preferred_username`/`email` can be changed by users and grant nothing. */
  email?: string;
  /** App roles from the token's `roles` claim (assigned in Entra ID; e.g. `Dialogi.Coordinator`). */
  roles?: string[];
  /**
   * Set only when the token proves a member (not a guest) of its tenant: the domain of the `upn`
   * (UPN suffixes must be verified domains of the tenant). Domain rules look only at this, and
   * a grant kept by e-mail binds only to this verified `upn` (lowercase).
   */
  member?: { upnDomain?: string; upn?: string };
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
