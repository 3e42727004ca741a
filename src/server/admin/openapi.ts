// The OpenAPI 3.1 document of the admin API, made from the same route declarations the server
// registers, with request schemas from the zod schemas that check the input.
import { z } from 'zod';
import type { AdminRoute } from './context.js';
import { PERMISSIONS } from './permissions.js';

type Json = Record<string, unknown>;

function jsonSchema(schema: z.ZodType, io: 'input' | 'output' = 'input'): Json {
  const s = z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as Json;
  delete s.$schema;
  return s;
}

/** `/systems/:id` → `/api/systems/{id}`. */
export function openApiPath(path: string): string {
  return '/api' + path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}

const errorRef = { $ref: '#/components/schemas/Error' };
const errorResponse = (description: string) => ({ description, content: { 'application/json': { schema: errorRef } } });

function operation(r: AdminRoute): Json {
  const key = `${r.method} /api${r.path}`;
  const access = PERMISSIONS[key];
  const params: Json[] = [...r.path.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } }));
  if (r.query) {
    const q = jsonSchema(r.query);
    const required = new Set((q.required as string[] | undefined) ?? []);
    for (const [name, schema] of Object.entries((q.properties as Record<string, Json>) ?? {})) params.push({ name, in: 'query', required: required.has(name), schema });
  }
  const ok = String(r.status ?? 200);
  const produces = r.produces?.split(',').map((s) => s.trim()) ?? ['application/json'];
  const op: Json = {
    operationId: `${r.method.toLowerCase()}${r.path.replace(/[:/{}-]+(\w)?/g, (_m, c: string | undefined) => (c ? c.toUpperCase() : ''))}`,
    summary: r.summary,
    tags: [r.tag],
    'x-warden-roles': access === 'public' || access === 'signed-in' ? access : [...access],
    responses: {
      [ok]: { description: 'OK', content: Object.fromEntries(produces.map((m) => [m, { schema: r.response && m === 'application/json' ? jsonSchema(r.response, 'output') : {} }])) },
      '400': errorResponse('Invalid input (WARDEN_ADMIN_INVALID)'),
      ...(r.public ? {} : { '401': errorResponse('Not signed in (WARDEN_ADMIN_UNAUTHENTICATED)'), '403': errorResponse('Role not allowed (WARDEN_ADMIN_FORBIDDEN)') }),
      '404': errorResponse('No such record (WARDEN_ADMIN_NOT_FOUND)'),
      '409': errorResponse('Conflict (WARDEN_ADMIN_CONFLICT)'),
      '503': errorResponse('The audit log could not record the change (WARDEN_ADMIN_UNAVAILABLE)'),
    },
  };
  if (r.public) op.security = [];
  if (params.length) op.parameters = params;
  if (r.body) op.requestBody = { required: true, content: { 'application/json': { schema: jsonSchema(r.body) } } };
  return op;
}

/** The OpenAPI 3.1 document for a list of routes. */
export function openApiDocument(routes: readonly AdminRoute[], version: string): Json {
  const paths: Record<string, Json> = {};
  for (const r of routes) (paths[openApiPath(r.path)] ??= {})[r.method.toLowerCase()] = operation(r);
  return {
    openapi: '3.1.0',
    info: {
      title: 'Warden admin API',
      version,
      description: 'Admin API of the Warden AI-governance gateway. Roles per endpoint are in x-warden-roles; see docs/ADMIN_API.md.',
    },
    servers: [{ url: '/' }],
    security: [{ bearer: [] }, { cookie: [] }],
    tags: [...new Set(routes.map((r) => r.tag))].map((name) => ({ name })),
    paths,
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'An API token (wda_…), a session token from /api/auth/login (wds_…), or a JWT from the configured identity provider' },
        cookie: {
          type: 'apiKey',
          in: 'cookie',
          name: 'warden_session',
          description: "The console's session (POST /api/auth/login with cookie: true, or OIDC sign-in); changes also need the x-warden-csrf header from GET /api/auth/me",
        },
      },
      schemas: {
        Error: {
          type: 'object',
          required: ['error'],
          properties: {
            error: {
              type: 'object',
              required: ['code', 'message'],
              properties: {
                code: { type: 'string', pattern: '^WARDEN_' },
                message: { type: 'string' },
                problems: { type: 'array', items: { type: 'object', properties: { field: { type: 'string' }, message: { type: 'string' } } } },
              },
            },
          },
        },
      },
    },
  };
}
