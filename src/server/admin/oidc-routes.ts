// The console's sign-in screen asks which ways in there are; the browser then signs in with the
// identity provider through /api/auth/oidc/start and comes back to /api/auth/oidc/callback,
// which opens a session in the console's cookie. Both answer with redirects, never JSON, and no
// code or token ever goes into a URL Warden makes or a line it logs.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AdminError, route, type AdminRoute } from './context.js';
import type { AdminAuthenticator } from './authenticate.js';
import { FLOW_COOKIE, FLOW_COOKIE_PATH, FLOW_TTL_MS, OidcSignIn, SignInError } from './oidc-flow.js';
import { openSession } from './sessions.js';
import { ROLES } from './roles.js';
import { providersSchema } from './schemas.js';
import { appendCookie, cookieHeader, readCookie, secureCookie } from './session-cookie.js';

export const CONSOLE_HOME = '/console/';
const CALLBACK = '/api/auth/oidc/callback';

/** Only a path inside the console: `next` must not send anyone to another site. */
export function safeNext(next: unknown): string {
  if (typeof next !== 'string' || next.length > 1000) return CONSOLE_HOME;
  if (!(next === '/console' || next.startsWith('/console/'))) return CONSOLE_HOME;
  // `/console/..//evil`, backslashes and control characters are refused whole.
  if (/[\\\u0000-\u001f\u007f]/.test(next) || next.includes('//') || next.split(/[/?#]/).includes('..')) return CONSOLE_HOME;
  return next;
}

/** The origin the browser used, from the Host header (checked: it ends up in a URL). */
function requestOrigin(req: FastifyRequest): string | undefined {
  const host = req.headers.host;
  if (!host || !/^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/.test(host)) return undefined;
  return `${req.protocol}://${host}`;
}

function redirect(reply: FastifyReply, location: string): string {
  reply.header('location', location);
  // The next page must not learn this URL (it may carry the provider's code) through Referer.
  reply.header('referrer-policy', 'no-referrer');
  return '';
}

const signInPage = (failure: string) => `${CONSOLE_HOME}signin?error=${failure}`;

const startQuery = z.object({ next: z.string().max(1000).optional() }).strict();
// The provider may add parameters of its own (session_state, iss …): ignore them.
const callbackQuery = z.object({ code: z.string().max(4096).optional(), state: z.string().max(200).optional(), error: z.string().max(200).optional() }).passthrough();

export function oidcRoutes(auth: AdminAuthenticator): AdminRoute[] {
  let flow: OidcSignIn | undefined;
  const signIn = (cfg = auth.config.oidc) => {
    if (!cfg?.client_id || !auth.oidc) throw new AdminError('WARDEN_ADMIN_NOT_FOUND', 'sign-in with an identity provider is not configured (admin.oidc.client_id)');
    return (flow ??= new OidcSignIn({ ...cfg, client_id: cfg.client_id }, auth.oidc, auth.discovery));
  };
  const flowCookie = (req: FastifyRequest, value: string, maxAgeSeconds: number) =>
    // Lax, not Strict: the provider's redirect back is a cross-site navigation that must carry it.
    cookieHeader(FLOW_COOKIE, value, { secure: secureCookie(req, auth.config.cookie_secure), maxAgeSeconds, path: FLOW_COOKIE_PATH, sameSite: 'Lax' });

  return [
    route({
      method: 'GET',
      path: '/auth/providers',
      tag: 'auth',
      summary: 'The ways to sign in, for the sign-in screen',
      public: true,
      response: providersSchema,
      handler() {
        const o = auth.config.oidc;
        const enabled = !!o?.client_id;
        return { password: true, oidc: enabled ? { enabled, ...(o!.name ? { name: o!.name } : {}), start: '/api/auth/oidc/start' } : { enabled } };
      },
    }),
    route<unknown, z.infer<typeof startQuery>>({
      method: 'GET',
      path: '/auth/oidc/start',
      tag: 'auth',
      summary: 'Browser sign-in with the identity provider: redirects there (authorization code with PKCE); ?next=/console/… is where to land',
      public: true,
      query: startQuery,
      status: 302,
      async handler(call, reply) {
        const s = signIn();
        const req = reply.request;
        const origin = requestOrigin(req);
        const redirectUri = auth.config.oidc?.redirect_uri ?? (origin ? origin + CALLBACK : undefined);
        if (!redirectUri) throw new AdminError('WARDEN_ADMIN_INVALID', 'no usable Host header to build the redirect URI from; set admin.oidc.redirect_uri');
        try {
          const { url, state } = await s.start(redirectUri, safeNext(call.query.next));
          appendCookie(reply, flowCookie(req, state, FLOW_TTL_MS / 1000));
          return redirect(reply, url);
        } catch (err) {
          if (!(err instanceof SignInError)) throw err;
          call.deps.log.warn({ failure: err.failure, detail: err.detail }, 'OIDC sign-in could not start');
          return redirect(reply, signInPage(err.failure));
        }
      },
    }),
    route<unknown, z.infer<typeof callbackQuery>>({
      method: 'GET',
      path: '/auth/oidc/callback',
      tag: 'auth',
      summary: 'Where the identity provider sends the browser back: opens a session in the console cookie and redirects to the console',
      public: true,
      query: callbackQuery,
      status: 302,
      async handler(call, reply) {
        const s = signIn();
        const req = reply.request;
        const { code, state, error } = call.query;
        // The binding cookie has done its job whatever happens next.
        appendCookie(reply, flowCookie(req, '', 0));
        const { log } = call.deps;
        if (error !== undefined) {
          s.cancel(state);
          const failure = error === 'access_denied' ? 'oidc_denied' : 'oidc_error';
          log.warn({ failure, idpError: error.slice(0, 64) }, 'OIDC sign-in refused by the identity provider');
          return redirect(reply, signInPage(failure));
        }
        try {
          const { principal, next } = await s.finish(state, readCookie(req.headers.cookie, FLOW_COOKIE), code);
          // Most powerful first: `role`, the one a token listing shows, is the first.
          const roles = ROLES.filter((r) => principal.roles.includes(r));
          await openSession(call, reply, { user: principal.user, role: roles[0], roles, actor: `oidc:${principal.user}` }, true);
          log.info({ user: principal.user, roles: principal.roles }, 'OIDC sign-in');
          return redirect(reply, next);
        } catch (err) {
          const failure = err instanceof SignInError ? err.failure : (err as { code?: string }).code === 'WARDEN_ADMIN_UNAVAILABLE' ? 'unavailable' : undefined;
          if (!failure) throw err;
          log.warn({ failure, detail: err instanceof SignInError ? err.detail : undefined }, 'OIDC sign-in failed');
          return redirect(reply, signInPage(failure));
        }
      },
    }),
  ];
}
