// Local accounts and API tokens. Passwords are stored as scrypt hashes, tokens as SHA-256;
// neither ever appears in an answer (but a new token, once), a log line or an audit record.
import { z } from 'zod';
import { accountCreateSchema, accountPatchSchema, tokenCreateSchema } from '../../changes/schemas.js';
import { route, type AdminRoute } from './context.js';
import { accountSchema, newTokenSchema, tokenSchema } from './schemas.js';

export { accountCreateSchema, accountPatchSchema, tokenCreateSchema };
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
      handler: (call) => call.changes.createAccount(call.body),
    }),
    route<z.infer<typeof accountPatchSchema>>({
      method: 'PATCH',
      path: '/accounts/:user',
      tag: 'accounts',
      summary: 'Change an account: role, disabled, or password (disabling or a new password ends its sessions)',
      body: accountPatchSchema,
      response: accountSchema,
      handler: (call) => call.changes.updateAccount(call.params.user, call.body, { keepAnAdmin: true }),
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
        const { token, record } = await call.changes.createToken(call.body);
        return { token, ...record };
      },
    }),
    route({
      method: 'DELETE',
      path: '/tokens/:id',
      tag: 'accounts',
      summary: 'Revoke an API or session token; it stops working on the next request',
      response: tokenSchema,
      handler: (call) => call.changes.revokeToken(call.params.id),
    }),
  ];
}
