// Sign-in, sign-out and "who am I".
import { z } from 'zod';
import { AdminError, route, type AdminRoute } from './context.js';
import type { AdminAuthenticator } from './authenticate.js';
import { PERMISSIONS, allows } from './permissions.js';
import { sessionSchema } from './schemas.js';

export const loginSchema = z.object({ user: z.string().min(1).max(200), password: z.string().min(1).max(1024) }).strict();

export function authRoutes(auth: AdminAuthenticator): AdminRoute[] {
  return [
    route<z.infer<typeof loginSchema>>({
      method: 'POST',
      path: '/auth/login',
      tag: 'auth',
      summary: 'Sign in with a local account; returns a short-lived session token (shown once)',
      public: true,
      body: loginSchema,
      response: sessionSchema,
      async handler(call) {
        const { user, password } = call.body;
        const { deps } = call;
        const outcome = await auth.checkPassword(user, password);
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
