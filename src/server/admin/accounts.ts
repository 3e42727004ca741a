// Local accounts and API tokens. Passwords are stored as scrypt hashes, tokens as SHA-256;
// neither ever appears in an answer (but a new token, once), a log line or an audit record.
import { z } from 'zod';
import { ROLES } from '../../store/accounts.js';
import { AdminError, notFound, route, type AdminRoute } from './context.js';
import { hashPassword, passwordProblems } from './passwords.js';
import { accountSchema, newTokenSchema, tokenSchema } from './schemas.js';

const userName = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._@+-]{0,199}$/, 'letters, digits and . _ @ + - (1-200)');
const role = z.enum(ROLES);
const password = z.string().superRefine((p, ctx) => {
  for (const m of passwordProblems(p)) ctx.addIssue({ code: 'custom', message: `password needs ${m}` });
});

export const accountCreateSchema = z.object({ user: userName, role, password: password.optional() }).strict();
export const accountPatchSchema = z
  .object({ role: role.optional(), disabled: z.boolean().optional(), password: password.optional() })
  .strict()
  .refine((o) => Object.keys(o).length > 0, 'name at least one of role, disabled, password');
export const tokenCreateSchema = z
  .object({
    user: userName,
    role,
    name: z.string().max(200).optional(),
    /** Days until the token expires; omit for no expiry. */
    expiresInDays: z.number().int().positive().max(3650).optional(),
  })
  .strict();
export const tokenListQuery = z.object({ user: z.string().optional(), kind: z.enum(['api', 'session']).optional(), all: z.enum(['true', 'false']).optional() }).strict();

export function accountRoutes(): AdminRoute[] {
  return [
    route({
      method: 'GET',
      path: '/accounts',
      tag: 'accounts',
      summary: 'List local accounts (never password hashes)',
      response: z.array(accountSchema),
      handler: (call) => call.deps.store.accounts.list(),
    }),
    route<z.infer<typeof accountCreateSchema>>({
      method: 'POST',
      path: '/accounts',
      tag: 'accounts',
      summary: 'Create a local account; without a password it can only use API tokens',
      body: accountCreateSchema,
      response: accountSchema,
      status: 201,
      async handler(call) {
        const { user, role, password } = call.body;
        const accounts = call.deps.store.accounts;
        if (accounts.get(user)) throw new AdminError('WARDEN_ADMIN_CONFLICT', `account ${user} exists`);
        const rec = accounts.create({ user, role, passwordHash: password ? await hashPassword(password) : null });
        if (!rec) throw new AdminError('WARDEN_ADMIN_CONFLICT', `account ${user} exists`);
        try {
          await call.record('account.create', user, null, rec);
        } catch (err) {
          accounts.remove(user);
          throw err;
        }
        return rec;
      },
    }),
    route<z.infer<typeof accountPatchSchema>>({
      method: 'PATCH',
      path: '/accounts/:user',
      tag: 'accounts',
      summary: 'Change an account: role, disabled, or password (disabling or a new password ends its sessions)',
      body: accountPatchSchema,
      response: accountSchema,
      async handler(call) {
        const user = call.params.user;
        const { role, disabled, password } = call.body;
        const accounts = call.deps.store.accounts;
        const current = accounts.get(user);
        if (!current) throw notFound(`account ${user}`);
        // Keep one way in: the last enabled admin account cannot be disabled or demoted here.
        const leavesAdmin = current.role === 'admin' && !current.disabled && (disabled === true || (role !== undefined && role !== 'admin'));
        if (leavesAdmin && !accounts.list().some((a) => a.user !== user && a.role === 'admin' && !a.disabled))
          throw new AdminError('WARDEN_ADMIN_CONFLICT', `${user} is the last enabled admin account; make another admin first (or use \`warden accounts\` on the server)`);
        const r = accounts.update(user, { role, disabled, ...(password !== undefined ? { passwordHash: await hashPassword(password) } : {}) });
        if (!r) throw notFound(`account ${user}`);
        // Disabling an account or setting a new password ends its sessions.
        const ended = disabled || password !== undefined ? accounts.revokeTokensOf(user, 'session') : 0;
        await call.record('account.update', user, r.before, r.after, {
          fields: Object.keys(call.body),
          ...(ended ? { sessionsEnded: ended } : {}),
        });
        return r.after;
      },
    }),
    route<unknown, z.infer<typeof tokenListQuery>>({
      method: 'GET',
      path: '/tokens',
      tag: 'accounts',
      summary: 'List API and session tokens (ids and metadata, never secrets); revoked and expired ones with ?all=true',
      query: tokenListQuery,
      response: z.array(tokenSchema),
      handler(call) {
        const now = new Date().toISOString();
        return call.deps.store.accounts
          .listTokens({ user: call.query.user, kind: call.query.kind })
          .filter((t) => call.query.all === 'true' || (!t.revokedAt && (!t.expiresAt || t.expiresAt > now)));
      },
    }),
    route<z.infer<typeof tokenCreateSchema>>({
      method: 'POST',
      path: '/tokens',
      tag: 'accounts',
      summary: 'Create an API token for a user and role; the token is in this answer only',
      body: tokenCreateSchema,
      response: newTokenSchema,
      status: 201,
      async handler(call) {
        const { user, role, name, expiresInDays } = call.body;
        const accounts = call.deps.store.accounts;
        const account = accounts.get(user);
        if (account?.disabled) throw new AdminError('WARDEN_ADMIN_CONFLICT', `account ${user} is disabled`);
        const expiresAt = expiresInDays ? new Date(Date.now() + expiresInDays * 86_400_000).toISOString() : null;
        const { token, record } = accounts.createToken({ kind: 'api', user, role, name, createdBy: call.actor, expiresAt });
        try {
          await call.record('token.create', record.id, null, record);
        } catch (err) {
          accounts.revokeToken(record.id);
          throw err;
        }
        return { token, ...record };
      },
    }),
    route({
      method: 'DELETE',
      path: '/tokens/:id',
      tag: 'accounts',
      summary: 'Revoke an API or session token; it stops working on the next request',
      response: tokenSchema,
      async handler(call) {
        const r = call.deps.store.accounts.revokeToken(call.params.id);
        if (!r) throw notFound(`token ${call.params.id}`);
        if (r.before.revokedAt) throw new AdminError('WARDEN_ADMIN_CONFLICT', `token ${call.params.id} was revoked at ${r.before.revokedAt}`);
        await call.record('token.revoke', r.after.id, r.before, r.after);
        return r.after;
      },
    }),
  ];
}
