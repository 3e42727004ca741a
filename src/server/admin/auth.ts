// Sign-in, sign-out and "who am I". A session is a `wds_` token: shown once to a script, or kept
// in the console's HttpOnly cookie (`cookie: true`; session-cookie.ts) with a CSRF token instead.
import { z } from 'zod';
import { AdminError, route, type AdminRoute } from './context.js';
import type { AdminAuthenticator, LoginOutcome } from './authenticate.js';
import { allowedFor } from './permissions.js';
import { meSchema, sessionSchema } from './schemas.js';
import { oidcRoutes } from './oidc-routes.js';
import { checkOrigin, clearSessionCookie, csrfTokenFor, secureCookie } from './session-cookie.js';
import { openSession } from './sessions.js';

/**
 * Sign-ins per client address. Each password check costs tens of milliseconds of scrypt on a
 * small shared pool, so one address may have only IN_FLIGHT checks running at once and at most
 * `maxFailures` failures per window; beyond that it is answered 429 at once, before any scrypt
 * work, and a flood from one address no longer queues a real admin's sign-in behind it. The
 * per-account lockout (authenticate.ts) still counts the failures that do get checked.
 */
export class LoginThrottle {
  static readonly IN_FLIGHT = 2;
  /** Addresses remembered at most; past this, ones with nothing running and no recent failure are dropped. */
  static readonly MAX_ADDRESSES = 10_000;
  private readonly byAddress = new Map<string, { running: number; failures: number[] }>();

  constructor(
    readonly maxFailures: number,
    readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** 0 when `address` may sign in now (it then holds a slot until `done`), else seconds to wait. */
  acquire(address: string): number {
    const t = this.now();
    let e = this.byAddress.get(address);
    if (!e) {
      if (this.byAddress.size >= LoginThrottle.MAX_ADDRESSES) this.prune(t);
      e = { running: 0, failures: [] };
      this.byAddress.set(address, e);
    }
    while (e.failures.length && e.failures[0] <= t - this.windowMs) e.failures.shift();
    if (e.failures.length >= this.maxFailures) return Math.max(1, Math.ceil((e.failures[0] + this.windowMs - t) / 1000));
    if (e.running >= LoginThrottle.IN_FLIGHT) return 1;
    e.running++;
    return 0;
  }

  /** Ends a sign-in that `acquire` let through; a failure counts against the address. */
  done(address: string, failed: boolean): void {
    const e = this.byAddress.get(address);
    if (!e) return;
    e.running = Math.max(0, e.running - 1);
    if (failed) e.failures.push(this.now());
  }

  private prune(t: number): void {
    for (const [a, e] of this.byAddress) if (e.running === 0 && (e.failures.length === 0 || e.failures[e.failures.length - 1] <= t - this.windowMs)) this.byAddress.delete(a);
  }
}

export const loginSchema = z
  .object({
    user: z.string().min(1).max(200),
    password: z.string().min(1).max(1024),
    cookie: z.boolean().optional().describe('true: keep the session in the HttpOnly warden_session cookie and answer its CSRF token instead of the token'),
  })
  .strict();

export function authRoutes(auth: AdminAuthenticator): AdminRoute[] {
  let throttle: LoginThrottle | undefined;
  return [
    route<z.infer<typeof loginSchema>>({
      method: 'POST',
      path: '/auth/login',
      tag: 'auth',
      summary: 'Sign in with a local account; returns a short-lived session token (shown once), or with cookie: true sets the console session cookie',
      public: true,
      body: loginSchema,
      response: sessionSchema,
      async handler(call, reply) {
        const { user, password, cookie = false } = call.body;
        const { deps } = call;
        // A cookie sign-in from another site's page would sign the browser in to the attacker's account.
        if (cookie) checkOrigin(reply.request);
        const address = reply.request.ip;
        // An address may fail four times as often as one account before it must wait: several
        // people behind one office proxy still sign in, a flood does not.
        throttle ??= new LoginThrottle(4 * deps.config.max_failed_logins, deps.config.lockout_minutes * 60_000);
        const wait = throttle.acquire(address);
        if (wait > 0) {
          deps.log.warn({ user, address, retryAfterSeconds: wait }, 'admin sign-in throttled for this address');
          reply.header('retry-after', String(wait));
          throw new AdminError('WARDEN_ADMIN_RATE_LIMITED');
        }
        let outcome: LoginOutcome = { ok: false };
        try {
          outcome = await auth.checkPassword(user, password);
        } finally {
          throttle.done(address, !outcome.ok);
        }
        if (!outcome.ok) {
          // The reason goes to the operator's log, never the password and never to the client.
          deps.log.warn({ user, reason: outcome.reason, locked: outcome.locked ?? false }, 'admin sign-in refused');
          if (outcome.locked) await call.recordAs('warden', 'account.lock', user, null, { user, lockedForMinutes: deps.config.lockout_minutes }, { failedLogins: deps.config.max_failed_logins });
          throw new AdminError('WARDEN_ADMIN_LOGIN_FAILED');
        }
        const account = deps.store.accounts.get(user)!;
        const { token, record } = await openSession(call, reply, { user, role: account.role, actor: `api:${user}` }, cookie);
        const answer = { tokenId: record.id, user, role: account.role, roles: [account.role], expiresAt: record.expiresAt! };
        // The cookie's secret never reaches page script; the CSRF token derived from it does.
        return cookie ? { ...answer, csrfToken: csrfTokenFor(token) } : { token, ...answer };
      },
    }),
    route({
      method: 'POST',
      path: '/auth/logout',
      tag: 'auth',
      summary: 'End the session whose token (or console cookie) is presented; clears the cookie',
      response: z.object({ ok: z.literal(true) }),
      async handler(call, reply) {
        const p = call.principal;
        const isSession = p.tokenId !== undefined && (p.via === 'session' || p.via === 'oidc');
        if (!isSession) throw new AdminError('WARDEN_ADMIN_INVALID', 'only a session can be signed out; revoke API tokens with DELETE /api/tokens/{id}');
        const r = call.deps.store.accounts.revokeToken(p.tokenId!);
        if (p.csrfToken) clearSessionCookie(reply, secureCookie(reply.request, call.deps.config.cookie_secure));
        if (r && !r.before.revokedAt) await call.record('session.revoke', p.tokenId!, r.before, r.after);
        return { ok: true };
      },
    }),
    route({
      method: 'GET',
      path: '/auth/me',
      tag: 'auth',
      summary: 'The caller: user, roles, how they signed in, the endpoints they may call, and (console cookie) the CSRF token',
      response: meSchema,
      handler(call) {
        const p = call.principal;
        return {
          user: p.user,
          roles: p.roles,
          via: p.via,
          actor: call.actor,
          ...(p.tokenId ? { tokenId: p.tokenId } : {}),
          allowed: allowedFor(p.roles),
          ...(p.csrfToken ? { csrfToken: p.csrfToken } : {}),
        };
      },
    }),
    ...oidcRoutes(auth),
  ];
}
