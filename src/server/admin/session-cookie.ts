// The console's session in the browser: the same session token as `POST /api/auth/login` gives
// scripts, kept in an HttpOnly cookie page script cannot read; a CSRF token derived from it
// (so nothing more is stored, and it dies with the session); and the same-origin check a change
// made with the cookie must pass.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AdminError } from './context.js';

export const SESSION_COOKIE = 'warden_session';
export const CSRF_HEADER = 'x-warden-csrf';

/** The value of one cookie of a `Cookie` header (the first of that name). */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq).trim() !== name) continue;
    const v = part.slice(eq + 1).trim();
    return v ? v : undefined;
  }
  return undefined;
}

/** The host name of a `Host` header, without the port (`[::1]:8080` → `[::1]`). */
function hostName(host: string | undefined): string {
  if (!host) return '';
  if (host.startsWith('[')) return host.slice(0, host.indexOf(']') + 1);
  const colon = host.indexOf(':');
  return (colon < 0 ? host : host.slice(0, colon)).toLowerCase();
}

const LOCAL = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Whether the browser reached Warden on this machine (plain http is then normal). */
export function isLocalRequest(req: FastifyRequest): boolean {
  return LOCAL.has(hostName(req.headers.host));
}

export interface CookieOptions {
  secure: boolean;
  maxAgeSeconds: number;
  path?: string;
  sameSite?: 'Strict' | 'Lax';
}

/** A `Set-Cookie` value; the cookie values Warden sets are base64url and need no quoting. */
export function cookieHeader(name: string, value: string, o: CookieOptions): string {
  return `${name}=${value}; Path=${o.path ?? '/'}; Max-Age=${o.maxAgeSeconds}; HttpOnly; SameSite=${o.sameSite ?? 'Strict'}${o.secure ? '; Secure' : ''}`;
}

/** Whether a cookie set on this request gets `Secure`: always, but on localhost or with `admin.cookie_secure: false`. */
export function secureCookie(req: FastifyRequest, configured: boolean): boolean {
  return configured && !isLocalRequest(req);
}

/** Sets the session cookie for a session that ends at `expiresAt`. */
export function setSessionCookie(reply: FastifyReply, token: string, expiresAt: string, secure: boolean): void {
  const maxAge = Math.max(0, Math.floor((Date.parse(expiresAt) - Date.now()) / 1000));
  appendCookie(reply, cookieHeader(SESSION_COOKIE, token, { secure, maxAgeSeconds: maxAge }));
}

/** Tells the browser to forget the session cookie. */
export function clearSessionCookie(reply: FastifyReply, secure: boolean): void {
  appendCookie(reply, cookieHeader(SESSION_COOKIE, '', { secure, maxAgeSeconds: 0 }));
}

/** Adds a Set-Cookie header next to any already set. */
export function appendCookie(reply: FastifyReply, value: string): void {
  const prev = reply.getHeader('set-cookie');
  const list = prev === undefined ? [] : Array.isArray(prev) ? prev.map(String) : [String(prev)];
  reply.header('set-cookie', [...list, value]);
}

/**
 * The CSRF token of a session: an HMAC of a fixed label under the session's own secret. Only
 * someone who holds the session token can compute it, and page script gets it from
 * `GET /api/auth/me`, which another site cannot read.
 */
export function csrfTokenFor(sessionToken: string): string {
  return createHmac('sha256', sessionToken).update('warden console csrf v1').digest('base64url');
}

/** Whether `presented` is the session's CSRF token `expected`, compared in constant time. */
export function csrfMatches(expected: string, presented: string | string[] | undefined): boolean {
  if (typeof presented !== 'string') return false;
  const want = Buffer.from(expected);
  const got = Buffer.from(presented);
  return got.length === want.length && timingSafeEqual(got, want);
}

/**
 * Whether an `Origin` header names the origin the request came to. Compared by host and port
 * (the `Host` header) so Warden behind a TLS-terminating proxy that keeps `Host` still matches;
 * `Origin: null` (sandboxed frames, some redirects) never does.
 */
export function sameOrigin(origin: string, host: string | undefined): boolean {
  if (!host) return false;
  let u: URL;
  try {
    u = new URL(origin);
  } catch {
    return false;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return false;
  const defaultPort = u.protocol === 'https:' ? '443' : '80';
  const h = host.toLowerCase();
  const withPort = `${u.hostname}:${u.port || defaultPort}`;
  return h === u.host || h === withPort;
}

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Refuses a cross-origin change: an `Origin` header, when present, must be this origin. */
export function checkOrigin(req: FastifyRequest): void {
  if (SAFE.has(req.method)) return;
  const origin = req.headers.origin;
  if (origin !== undefined && !sameOrigin(origin, req.headers.host)) throw new AdminError('WARDEN_ADMIN_CSRF', 'the request comes from another origin');
}

/** Checks a change made with the session cookie: same origin and the session's CSRF header. */
export function checkCsrf(req: FastifyRequest, csrfToken: string): void {
  if (SAFE.has(req.method)) return;
  checkOrigin(req);
  if (!csrfMatches(csrfToken, req.headers[CSRF_HEADER]))
    throw new AdminError('WARDEN_ADMIN_CSRF', `a change made with the session cookie needs the ${CSRF_HEADER} header from GET /api/auth/me`);
}
