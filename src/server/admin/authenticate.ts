// Who is calling: an API token, a session token from sign-in, or an OIDC JWT, all as
// `Authorization: Bearer …`; or, from the console, a session token in the `warden_session`
// cookie (session-cookie.ts; its changes need the CSRF header). Tokens are looked up by their SHA-256 on every request, so a
// revocation or a disabled account takes effect on the next request.
import type { AdminConfig } from '../../config/admin.js';
import type { AccountStore, TokenRecord } from '../../store/types.js';
import { hashToken } from '../../store/sqlite-accounts.js';
import { AdminError, type AdminPrincipal } from './context.js';
import { OidcVerifier } from './oidc.js';
import { OidcDiscovery } from './oidc-discovery.js';
import { csrfTokenFor, readCookie, SESSION_COOKIE } from './session-cookie.js';
import { burnPasswordCheck, verifyPassword } from './passwords.js';

const unauthenticated = () => new AdminError('WARDEN_ADMIN_UNAUTHENTICATED');

/** The bearer credential of a request, if any. */
export function bearer(header: string | string[] | undefined): string | undefined {
  if (typeof header !== 'string' || header.length < 8 || header.slice(0, 7).toLowerCase() !== 'bearer ') return undefined;
  const t = header.slice(7).trim();
  return t || undefined;
}

export interface LoginOutcome {
  ok: boolean;
  /** For the operator's log only, never for the client. */
  reason?: 'unknown' | 'no-password' | 'locked' | 'wrong-password' | 'disabled';
  /** Set when this failure locked the account. */
  locked?: boolean;
}

export class AdminAuthenticator {
  readonly oidc?: OidcVerifier;
  /** The provider's discovery document, when browser sign-in or the keys need it. */
  readonly discovery?: OidcDiscovery;

  constructor(
    private readonly accounts: AccountStore,
    readonly config: AdminConfig,
    private readonly now: () => Date = () => new Date(),
  ) {
    if (config.oidc) {
      if (config.oidc.client_id) this.discovery = new OidcDiscovery(config.oidc.issuer);
      this.oidc = new OidcVerifier(config.oidc, this.discovery);
    }
  }

  /**
   * The caller of a request: its bearer credential, else its session cookie (then with the
   * session's CSRF token, which the caller's changes must present). A 401/403 error otherwise.
   */
  async authenticateRequest(headers: { authorization?: string | string[]; cookie?: string }): Promise<AdminPrincipal> {
    if (headers.authorization !== undefined) return this.authenticate(headers.authorization);
    const token = readCookie(headers.cookie, SESSION_COOKIE);
    // Only a session token lives in the cookie: an API token planted there is not accepted.
    if (!token?.startsWith('wds_')) throw unauthenticated();
    return { ...this.fromToken(token), csrfToken: csrfTokenFor(token) };
  }

  /** The caller of a request, or a 401/403 error. */
  async authenticate(authorization: string | string[] | undefined): Promise<AdminPrincipal> {
    const token = bearer(authorization);
    if (!token) throw unauthenticated();
    if (token.startsWith('wda_') || token.startsWith('wds_')) return this.fromToken(token);
    if (this.oidc && token.split('.').length === 3) return this.oidc.verify(token);
    throw unauthenticated();
  }

  private fromToken(token: string): AdminPrincipal {
    const rec: TokenRecord | undefined = this.accounts.activeToken(hashToken(token), this.now());
    if (!rec) throw unauthenticated();
    const account = this.accounts.get(rec.user);
    if (rec.kind === 'session' && rec.roles) {
      // A session from the identity provider acts with the roles it mapped to at sign-in.
      return { user: rec.user, roles: rec.roles, via: 'oidc', tokenId: rec.id };
    }
    if (rec.kind === 'session') {
      // A session acts with the account's current role.
      if (!account || account.disabled) throw unauthenticated();
      return { user: rec.user, roles: [account.role], via: 'session', tokenId: rec.id };
    }
    // An API token may belong to a service without an account; a disabled account stops its tokens.
    if (account?.disabled) throw unauthenticated();
    return { user: rec.user, roles: [rec.role], via: 'api-token', tokenId: rec.id };
  }

  /** Checks a user's password, counting failures and locking after too many. */
  async checkPassword(user: string, password: string): Promise<LoginOutcome> {
    const account = this.accounts.get(user);
    const creds = this.accounts.credentials(user);
    if (!account || !creds?.passwordHash) {
      await burnPasswordCheck(password);
      return { ok: false, reason: account ? 'no-password' : 'unknown' };
    }
    const now = this.now();
    if (creds.lockedUntil && Date.parse(creds.lockedUntil) > now.getTime()) {
      await burnPasswordCheck(password);
      return { ok: false, reason: 'locked' };
    }
    if (!(await verifyPassword(password, creds.passwordHash))) {
      const n = this.accounts.loginFailed(user, this.config.max_failed_logins, new Date(now.getTime() + this.config.lockout_minutes * 60_000));
      return { ok: false, reason: 'wrong-password', locked: n >= this.config.max_failed_logins };
    }
    if (account.disabled) return { ok: false, reason: 'disabled' };
    this.accounts.loginSucceeded(user);
    return { ok: true };
  }
}
