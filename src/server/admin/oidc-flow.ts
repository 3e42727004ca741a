// Browser sign-in with the company's identity provider: the authorization code flow with PKCE
// (RFC 7636, S256). `start` remembers state, nonce and code verifier in this process for ten
// minutes and binds them to the browser with a short-lived cookie; `finish` takes them back once,
// redeems the code and checks the id token (issuer, audience = client_id, nonce, expiry, keys)
// with the same verifier bearer tokens use.
import { createHash, randomBytes } from 'node:crypto';
import type { AdminOidcConfig } from '../../config/admin.js';
import type { AdminPrincipal } from './context.js';
import type { OidcDiscovery } from './oidc-discovery.js';
import type { OidcVerifier } from './oidc.js';

/** Why a browser sign-in failed: the `error` the console's sign-in page is sent back with. */
export type SignInFailure =
  | 'oidc_denied' // the provider or the person said no (error=access_denied)
  | 'oidc_error' // the provider answered with another error
  | 'oidc_state' // no such sign-in in progress here: expired, used, forged, or another browser's
  | 'oidc_unreachable' // the provider's discovery document or token endpoint failed
  | 'oidc_exchange' // the token endpoint refused the code
  | 'oidc_token' // the id token did not verify
  | 'oidc_no_role' // the id token maps to no Warden role
  | 'unavailable'; // the audit log could not record the sign-in

export class SignInError extends Error {
  constructor(
    readonly failure: SignInFailure,
    /** For the operator's log; never a token or code. */
    readonly detail: string,
  ) {
    super(detail);
  }
}

interface Pending {
  nonce: string;
  verifier: string;
  redirectUri: string;
  next: string;
  expires: number;
}

/** The cookie binding a sign-in in progress to the browser that started it. */
export const FLOW_COOKIE = 'warden_oidc';
export const FLOW_COOKIE_PATH = '/api/auth/oidc';
export const FLOW_TTL_MS = 10 * 60_000;

const random = () => randomBytes(32).toString('base64url');
export const s256 = (verifier: string) => createHash('sha256').update(verifier).digest('base64url');

export class OidcSignIn {
  /** Sign-ins in progress, oldest first. */
  private readonly pending = new Map<string, Pending>();
  static readonly MAX_PENDING = 10_000;

  constructor(
    private readonly cfg: AdminOidcConfig & { client_id: string },
    private readonly verifier: OidcVerifier,
    private readonly discovery: OidcDiscovery | undefined,
    private readonly now: () => number = Date.now,
  ) {}

  private async endpoints(): Promise<{ authorization: string; token: string }> {
    if (this.cfg.authorization_endpoint && this.cfg.token_endpoint) return { authorization: this.cfg.authorization_endpoint, token: this.cfg.token_endpoint };
    let doc;
    try {
      doc = await this.discovery!.get();
    } catch (err) {
      throw new SignInError('oidc_unreachable', `discovery failed: ${(err as Error).message}`);
    }
    return { authorization: this.cfg.authorization_endpoint ?? doc.authorization_endpoint, token: this.cfg.token_endpoint ?? doc.token_endpoint };
  }

  /** Where to send the browser, and the state to bind to it. */
  async start(redirectUri: string, next: string): Promise<{ url: string; state: string }> {
    const { authorization } = await this.endpoints();
    const t = this.now();
    this.prune(t);
    const state = random();
    const p: Pending = { nonce: random(), verifier: random(), redirectUri, next, expires: t + FLOW_TTL_MS };
    this.pending.set(state, p);
    const url = new URL(authorization);
    const q = url.searchParams;
    q.set('response_type', 'code');
    q.set('client_id', this.cfg.client_id);
    q.set('redirect_uri', redirectUri);
    q.set('scope', this.cfg.scopes.join(' '));
    q.set('state', state);
    q.set('nonce', p.nonce);
    q.set('code_challenge', s256(p.verifier));
    q.set('code_challenge_method', 'S256');
    return { url: url.toString(), state };
  }

  /**
   * Ends a sign-in: the state must be one this process handed out to this browser (`boundState`,
   * from its cookie), not used and not expired. Returns who signed in and where they were going.
   */
  async finish(state: string | undefined, boundState: string | undefined, code: string | undefined): Promise<{ principal: AdminPrincipal; next: string }> {
    const p = this.take(state);
    if (!p) throw new SignInError('oidc_state', 'unknown, used or expired state');
    if (boundState !== state) throw new SignInError('oidc_state', 'the state is not the one this browser was given');
    if (!code) throw new SignInError('oidc_exchange', 'no code in the callback');
    const idToken = await this.redeem(code, p);
    try {
      return { principal: await this.verifier.verify(idToken, { audience: this.cfg.client_id, nonce: p.nonce }), next: p.next };
    } catch (err) {
      const e = err as { code?: string; message?: string };
      throw new SignInError(e.code === 'WARDEN_ADMIN_FORBIDDEN' ? 'oidc_no_role' : 'oidc_token', e.message ?? 'invalid id token');
    }
  }

  /** Forgets a sign-in in progress (the provider answered with an error). */
  cancel(state: string | undefined): void {
    if (state) this.pending.delete(state);
  }

  private take(state: string | undefined): Pending | undefined {
    if (!state) return undefined;
    const p = this.pending.get(state);
    // One use only: taken out before anything else happens.
    this.pending.delete(state);
    return p && p.expires > this.now() ? p : undefined;
  }

  private prune(t: number): void {
    for (const [k, p] of this.pending) {
      if (p.expires > t && this.pending.size < OidcSignIn.MAX_PENDING) break;
      // Expired ones first; past the cap, the oldest make room (a flood of starts cannot grow memory).
      this.pending.delete(k);
    }
  }

  /** Redeems a code at the token endpoint with the PKCE verifier; returns the id token. */
  private async redeem(code: string, p: Pending): Promise<string> {
    const { token } = await this.endpoints();
    const form = new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: p.redirectUri, code_verifier: p.verifier });
    const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' };
    const secret = this.cfg.client_secret;
    if (secret && this.cfg.client_auth === 'client_secret_basic') {
      // RFC 6749 §2.3.1: both parts form-urlencoded before base64.
      const enc = (s: string) => encodeURIComponent(s).replace(/%20/g, '+');
      headers.authorization = `Basic ${Buffer.from(`${enc(this.cfg.client_id)}:${enc(secret)}`).toString('base64')}`;
    } else {
      form.set('client_id', this.cfg.client_id);
      if (secret) form.set('client_secret', secret);
    }
    let res: Response;
    try {
      res = await fetch(token, { method: 'POST', headers, body: form, redirect: 'error', signal: AbortSignal.timeout(10_000) });
    } catch (err) {
      throw new SignInError('oidc_unreachable', `token endpoint: ${(err as Error).message}`);
    }
    let body: { id_token?: unknown; error?: unknown } = {};
    try {
      body = (await res.json()) as typeof body;
    } catch {
      // Not JSON: the status says enough.
    }
    if (!res.ok) {
      // The provider's error code only: its description may echo what was sent.
      const why = typeof body.error === 'string' ? body.error.slice(0, 64) : 'no error code';
      throw new SignInError('oidc_exchange', `token endpoint answered HTTP ${res.status} (${why})`);
    }
    if (typeof body.id_token !== 'string') throw new SignInError('oidc_exchange', 'the token endpoint answered without an id_token (is the openid scope asked for?)');
    return body.id_token;
  }
}
