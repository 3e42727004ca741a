// Warden keys of the gateway (each bound to a user, groups and one AI system).
import { z } from 'zod';
import { AdminError, notFound, route, type AdminRoute } from './context.js';
import { keySchema, newKeySchema } from './schemas.js';

export const keyCreateSchema = z
  .object({
    user: z.string().min(1).max(200),
    system: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'an AI system id'),
    groups: z.array(z.string().min(1).max(100)).max(100).default([]),
  })
  .strict();
export const keyListQuery = z.object({ all: z.enum(['true', 'false']).optional() }).strict();

export function keyRoutes(): AdminRoute[] {
  return [
    route<unknown, z.infer<typeof keyListQuery>>({
      method: 'GET',
      path: '/keys',
      tag: 'keys',
      summary: 'List Warden keys (never the secrets); revoked ones with ?all=true',
      query: keyListQuery,
      response: z.array(keySchema),
      handler: (call) => call.deps.store.keys.list().filter((k) => call.query.all === 'true' || !k.revokedAt),
    }),
    route<z.infer<typeof keyCreateSchema>>({
      method: 'POST',
      path: '/keys',
      tag: 'keys',
      summary: 'Create a Warden key; the key is in this answer only',
      body: keyCreateSchema,
      response: newKeySchema,
      status: 201,
      async handler(call) {
        const keys = call.deps.store.keys;
        const { key, record } = keys.create(call.body);
        try {
          await call.record('key.create', record.id, null, record);
        } catch (err) {
          keys.revoke(record.id);
          throw err;
        }
        return { key, ...record };
      },
    }),
    route({
      method: 'DELETE',
      path: '/keys/:id',
      tag: 'keys',
      summary: 'Revoke a Warden key; every gateway on the same data refuses it within a second',
      response: keySchema,
      async handler(call) {
        const r = call.deps.store.keys.revoke(call.params.id);
        if (!r) throw notFound(`key ${call.params.id}`);
        if (r.before.revokedAt) throw new AdminError('WARDEN_ADMIN_CONFLICT', `key ${call.params.id} was revoked at ${r.before.revokedAt}`);
        await call.record('key.revoke', r.after.id, r.before, r.after);
        return r.after;
      },
    }),
  ];
}
