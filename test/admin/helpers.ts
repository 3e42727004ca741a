// Shared by the admin-API tests: a running Warden, a token per role, and a small HTTP client.
import type { TestWarden } from '../helpers/warden.js';
import type { Role } from '../../src/store/types.js';

export const ROLE_LIST: Role[] = ['admin', 'policy-author', 'reviewer', 'auditor', 'viewer'];

/** An API token per role, made straight in the store (as `warden tokens create` would). */
export function roleTokens(t: TestWarden): Record<Role, string> {
  const out = {} as Record<Role, string>;
  for (const role of ROLE_LIST) out[role] = t.warden.store.accounts.createToken({ kind: 'api', user: `${role}-bot`, role, createdBy: 'test', expiresAt: null }).token;
  return out;
}

export interface Answer {
  status: number;
  body: any;
  text: string;
  headers: Headers;
}

/** One request to the admin API; a body is sent as JSON. */
export async function api(t: TestWarden, method: string, path: string, token?: string, body?: unknown): Promise<Answer> {
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const r = await fetch(t.url + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await r.text();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  return { status: r.status, body: parsed, text, headers: r.headers };
}

/** Method and full path of every route Fastify serves under /api (HEAD routes left out), read from printRoutes. */
export function fastifyApiRoutes(t: TestWarden): Set<string> {
  const out = new Set<string>();
  const stack: string[] = [];
  for (const line of t.warden.app.printRoutes({ commonPrefix: false }).split('\n')) {
    const m = /^([│ ]*)[├└]── (\S+)(?: \(([^)]*)\))?/.exec(line);
    if (!m) continue;
    const depth = m[1].length / 4;
    stack.length = depth;
    const path = (depth ? stack[depth - 1] : '') + m[2];
    stack[depth] = path;
    // `/api/*` answers every unknown path in Warden's error format; it is not an endpoint.
    if (!m[3] || !path.startsWith('/api/') || path.endsWith('*')) continue;
    for (const method of m[3].split(',').map((s) => s.trim())) if (method !== 'HEAD') out.add(`${method} ${path}`);
  }
  return out;
}
