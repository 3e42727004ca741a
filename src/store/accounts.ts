// Types of admin-API accounts and tokens. Only src/store/ knows how they are kept.

/** The admin API's roles; what each may do is in src/server/admin/permissions.ts. */
export const ROLES = ['admin', 'policy-author', 'reviewer', 'auditor', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

/** A local account of the admin API. The password hash never leaves the store except to be checked. */
export interface AccountRecord {
  user: string;
  role: Role;
  disabled: boolean;
  createdAt: string;
  updatedAt: string;
  /** When the password was last set (null: no password, the account signs in with tokens only). */
  passwordSetAt: string | null;
}

export interface AccountCredentials {
  passwordHash: string | null;
  failedLogins: number;
  lockedUntil: string | null;
}

export type TokenKind = 'api' | 'session';

/** An API or session token; the secret is kept only as its SHA-256. */
export interface TokenRecord {
  /** Public id, safe to log and show. */
  id: string;
  kind: TokenKind;
  user: string;
  role: Role;
  name: string | null;
  createdAt: string;
  createdBy: string;
  expiresAt: string | null;
  revokedAt: string | null;
  /**
   * Only on a session from the identity provider (browser sign-in with OIDC): the roles its id
   * token mapped to at sign-in. Such a session acts with these roles and needs no local account;
   * `role` is the first of them.
   */
  roles?: Role[];
}

export interface AccountStore {
  /** Creates an account; undefined when the user exists. */
  create(input: { user: string; role: Role; passwordHash: string | null }): AccountRecord | undefined;
  get(user: string): AccountRecord | undefined;
  /** Removes an account and its tokens (undoing a creation the audit log could not record). */
  remove(user: string): boolean;
  list(): AccountRecord[];
  /** Changes role, disabled flag or password hash; undefined when the user is unknown. */
  update(user: string, change: { role?: Role; disabled?: boolean; passwordHash?: string | null }): { before: AccountRecord; after: AccountRecord } | undefined;
  credentials(user: string): AccountCredentials | undefined;
  /** Counts a failed sign-in; locks the account until `lockUntil` once `maxFailures` is reached. Returns the new count. */
  loginFailed(user: string, maxFailures: number, lockUntil: Date): number;
  /** Clears the failure count after a good sign-in. */
  loginSucceeded(user: string): void;
  /** Creates a token; the secret is returned once. */
  createToken(input: { kind: TokenKind; user: string; role: Role; roles?: Role[]; name?: string; createdBy: string; expiresAt: string | null }): { token: string; record: TokenRecord };
  /** The token with this SHA-256 hex, if it is neither revoked nor expired at `now`. */
  activeToken(hash: string, now: Date): TokenRecord | undefined;
  getToken(id: string): TokenRecord | undefined;
  listTokens(filter?: { kind?: TokenKind; user?: string }): TokenRecord[];
  /** Revokes a token; undefined when unknown. */
  revokeToken(id: string): { before: TokenRecord; after: TokenRecord } | undefined;
  /** Takes back a revocation the audit log could not record. */
  unrevokeToken(id: string): void;
  /** The account's whole stored state (credentials included), to put back with `restoreState`. */
  saveState(user: string): unknown;
  /** Puts an account back as `saveState` found it (undoing a change the audit log could not record). */
  restoreState(state: unknown): void;
  /** Revokes every active token of a user (a disabled account's sessions); returns how many. */
  revokeTokensOf(user: string, kind?: TokenKind): number;
}
