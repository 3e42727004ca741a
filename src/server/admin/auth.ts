// Sign-in, sign-out and "who am I".
import { z } from 'zod';
import { AdminError, route, type AdminRoute } from './context.js';
import type { AdminAuthenticator, LoginOutcome } from './authenticate.js';
import { PERMISSIONS, allows } from './permissions.js';
import { sessionSchema } from './schemas.js';

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

export const loginSchema = z.object({ user: z.string().min(1).max(200), password: z.string().min(1).max(1024) }).strict();

export function authRoutes(auth: AdminAuthenticator): AdminRoute[] {
  let throttle: LoginThrottle | undefined;
  return [
    route<z.infer<typeof loginSchema>>({
      method: 'POST',
      path: '/auth/login',
      tag: 'auth',
      summary: 'Sign in with a local account; returns a short-lived session token (shown once)',
      public: true,
      body: loginSchema,
      response: sessionSchema,
      async handler(call, reply) {
        const { user, password } = call.body;
        const { deps } = call;
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
        const expiresAt = new Date(Date.now() + deps.config.session_minutes * 60_000).toISOString();
        const { token, record } = deps.store.accounts.createToken({ kind: 'session', user, role: account.role, createdBy: `api:${user}`, expiresAt });
        try {
          await call.recordAs(`api:${user}`, 'session.create', record.id, null, record);
        } catch (err) {
          deps.store.accounts.revokeToken(record.id);
          throw err;
        }
        return { token, tokenId: record.id, user, role: account.role, expiresAt };
      },
    }),
    route({
      method: 'POST',
      path: '/auth/logout',
      tag: 'auth',
      summary: 'End the session whose token is presented',
      async handler(call) {
        const p = call.principal;
        if (p.via !== 'session' || !p.tokenId) throw new AdminError('WARDEN_ADMIN_INVALID', 'only a session token can be signed out; revoke API tokens with DELETE /api/tokens/{id}');
        const r = call.deps.store.accounts.revokeToken(p.tokenId);
        if (r && !r.before.revokedAt) await call.record('session.revoke', p.tokenId, r.before, r.after);
        return { ok: true };
      },
    }),
    route({
      method: 'GET',
      path: '/auth/me',
      tag: 'auth',
      summary: 'The caller: user, roles, how they signed in, and the endpoints they may call',
      handler(call) {
        const p = call.principal;
        return {
          user: p.user,
          roles: p.roles,
          via: p.via,
          actor: call.actor,
          ...(p.tokenId ? { tokenId: p.tokenId } : {}),
          endpoints: Object.keys(PERMISSIONS).filter((k) => allows(k, p.roles)),
        };
      },
    }),
  ];
}
