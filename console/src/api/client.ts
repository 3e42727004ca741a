// The one client of the admin API: types generated from Warden's OpenAPI document
// (src/api/schema.d.ts, `npm run gen:api`), the session cookie, the CSRF header on changes, and
// one place that notices a lapsed session.
import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from './schema';
import { toApiError } from './errors';

export type { paths };

/** The header the server checks against the session's CSRF token on every change. */
export const CSRF_HEADER = 'x-warden-csrf';

let csrfToken: string | null = null;
const unauthenticatedListeners = new Set<() => void>();

/** Set by the auth context from `GET /api/auth/me`. */
export function setCsrfToken(token: string | null | undefined): void {
  csrfToken = token ?? null;
}

/** Called when any request but sign-in answers 401: the session is gone. Returns an unsubscribe. */
export function onUnauthenticated(listener: () => void): () => void {
  unauthenticatedListeners.add(listener);
  return () => unauthenticatedListeners.delete(listener);
}

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);
// Sign-in answers 401 for a wrong password and `me` answers 401 when nobody is signed in: those are
// answers for the screen, not a session that lapsed.
const NOT_A_LAPSE = ['/api/auth/login', '/api/auth/me'];

const session: Middleware = {
  onRequest({ request }) {
    if (!SAFE.has(request.method) && csrfToken) request.headers.set(CSRF_HEADER, csrfToken);
    return request;
  },
  onResponse({ request, response }) {
    if (response.status === 401 && !NOT_A_LAPSE.some((p) => new URL(request.url).pathname.endsWith(p))) {
      for (const l of unauthenticatedListeners) l();
    }
    return response;
  },
};

/** The typed client. Prefer `call(api.GET(...))`, which throws ApiError for non-2xx answers. */
export const api = createClient<paths>({
  // Absolute, so requests are the same in the browser and under jsdom in tests.
  baseUrl: typeof location === 'undefined' ? '' : location.origin,
  credentials: 'same-origin',
  // Looked up per request so tests can replace globalThis.fetch.
  fetch: (request) => globalThis.fetch(request),
});
api.use(session);

/** Awaits an openapi-fetch result and returns its data, or throws the API's error as ApiError. */
export async function call<T>(pending: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await pending;
  if (!response.ok || error !== undefined) throw toApiError(response.status, error, response.headers.get('retry-after'));
  return data as T;
}

/** A URL under /api with query parameters (for downloads the browser fetches itself). */
export function apiUrl(path: string, query: Record<string, string | number | undefined | null> = {}): string {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') qs.set(k, String(v));
  const s = qs.toString();
  return s ? `${path}?${s}` : path;
}
