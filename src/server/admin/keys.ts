// Warden keys of the gateway (each bound to a user, groups and one AI system).
import { z } from 'zod';
import { keyCreateSchema } from '../../changes/schemas.js';
import { route, type AdminRoute } from './context.js';
import { keySchema, newKeySchema } from './schemas.js';

export { keyCreateSchema };
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
        const { key, record } = await call.changes.createKey(call.body);
        return { key, ...record };
      },
    }),
    route({
      method: 'DELETE',
      path: '/keys/:id',
      tag: 'keys',
      summary: 'Revoke a Warden key; every gateway on the same data refuses it within a second',
      response: keySchema,
      handler: (call) => call.changes.revokeKey(call.params.id),
    }),
  ];
}
