// The admin API under /api: one Fastify plugin. Each request is authenticated before its body is
// parsed, checked against the permission table, its input checked against the route's schemas;
// every change is an admin record in the audit log before the answer goes out.
import type { FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { WardenError } from '../../core/errors.js';
import { openStore } from '../../audit/read.js';
import type { LogStore } from '../../audit/store.js';
import { adminDefaults, type AdminConfig } from '../../config/admin.js';
import { accountRoutes } from './accounts.js';
import { auditRoutes } from './audit.js';
import { complianceRoutes } from './compliance.js';
import { evidenceRoutes } from './evidence.js';
import { overviewRoutes } from './overview.js';
import { authRoutes } from './auth.js';
import { AdminAuthenticator } from './authenticate.js';
import { AdminError, errorBody, makeCall, parseInput, route, toAdminError, type AdminDeps, type AdminPrincipal, type AdminRoute } from './context.js';
import { keyRoutes } from './keys.js';
import { killRoutes } from './kill.js';
import { mcpRoutes } from './mcp.js';
import { openApiDocument } from './openapi.js';
import { PERMISSIONS, allows } from './permissions.js';
import { policyRoutes } from './policies.js';
import { registryRoutes } from './registry.js';
import { reviewRoutes } from './reviews.js';
import { checkCsrf } from './session-cookie.js';
import { consolePlugin } from '../console.js';

declare module 'fastify' {
  interface FastifyRequest {
    adminPrincipal: AdminPrincipal | null;
  }
}

export const API_VERSION = '1.0.0';
/**
 * The admin API's own body limit, apart from the gateway's `server.body_limit`: an attestation
 * document of 5 MiB is 6.67 MiB in base64, inside its JSON body.
 */
export const ADMIN_BODY_LIMIT = 8 * 1024 * 1024;
/** Fastify's limit on one path parameter (an id); a longer one is answered 414. */
const MAX_PARAM_LENGTH = 100;
export type AdminApiOptions = Omit<AdminDeps, 'auditStore'>;

const ANONYMOUS: AdminPrincipal = { user: 'anonymous', roles: [], via: 'api-token' };

/** Every route of the admin API, the OpenAPI document's own route included. */
export function adminRoutes(auth: AdminAuthenticator): AdminRoute[] {
  const routes = [...authRoutes(auth), ...accountRoutes(), ...keyRoutes(), ...reviewRoutes(), ...killRoutes(), ...mcpRoutes(), ...policyRoutes(), ...registryRoutes(), ...auditRoutes(), ...complianceRoutes(), ...evidenceRoutes(), ...overviewRoutes()];
  let doc: unknown;
  routes.unshift(
    route({
      method: 'GET',
      path: '/openapi.json',
      tag: 'meta',
      summary: 'This OpenAPI 3.1 document',
      public: true,
      handler: () => (doc ??= openApiDocument(routes, API_VERSION)),
    }),
  );
  return routes;
}

/** Framework errors (body parsing, limits) and module errors as admin errors. */
function asAdminError(err: unknown): WardenError {
  const mapped = toAdminError(err);
  if (mapped) return mapped;
  switch ((err as { code?: string }).code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new WardenError('WARDEN_BODY_TOO_LARGE');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new WardenError('WARDEN_UNSUPPORTED_MEDIA_TYPE');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new AdminError('WARDEN_ADMIN_INVALID', 'the request body is empty; send a JSON object or no Content-Type');
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new AdminError('WARDEN_ADMIN_INVALID', 'invalid Content-Length');
    default:
      return new WardenError('WARDEN_INTERNAL');
  }
}

/** The admin API as a Fastify plugin; register it with prefix /api. */
export const adminApiPlugin: FastifyPluginAsync<AdminApiOptions> = async (app, opts) => {
  let logStore: LogStore | undefined;
  const deps: AdminDeps = {
    ...opts,
    auditStore: () => (logStore ??= openStore(opts.dataDir)),
  };
  const auth = new AdminAuthenticator(opts.store.accounts, opts.config);
  app.decorateRequest('adminPrincipal', null);
  app.addHook('onClose', async () => logStore?.close());
  app.addHook('onSend', async (_req, reply) => {
    reply.header('cache-control', 'no-store');
    // Admin requests are not gateway decisions: no decision id to quote.
    reply.removeHeader('x-warden-decision-id');
  });

  app.setErrorHandler(async (err, req, reply) => {
    const e = asAdminError(err);
    if (e.code === 'WARDEN_INTERNAL') opts.log.error({ err, url: req.url.split('?')[0], method: req.method }, 'admin API error');
    reply.code(e.status).send(errorBody(e));
  });
  const noRoute = async (req: FastifyRequest, reply: FastifyReply) => {
    const path = req.url.split('?')[0];
    // The router skips a route whose id is too long and lands here: say so, in our own format.
    const e = path.split('/').some((part) => part.length > MAX_PARAM_LENGTH)
      ? new AdminError('WARDEN_ADMIN_URL_TOO_LONG', `a part of the path is longer than ${MAX_PARAM_LENGTH} characters`)
      : new AdminError('WARDEN_ADMIN_NOT_FOUND', `no route ${req.method} ${path.length > 200 ? `${path.slice(0, 200)}…` : path}`);
    return reply.code(e.status).send(errorBody(e));
  };
  app.setNotFoundHandler(noRoute);
  // Every other path under /api, so that Fastify's own answers (414 for an over-long id) never
  // reach a client; answered before any body is read.
  app.all('/*', { onRequest: noRoute }, noRoute);

  for (const r of adminRoutes(auth)) {
    const key = `${r.method} /api${r.path}`;
    if (PERMISSIONS[key] === undefined) throw new Error(`admin API route ${key} has no entry in permissions.ts`);
    app.route({
      method: r.method,
      url: r.path,
      bodyLimit: ADMIN_BODY_LIMIT,
      // Authenticated and authorised before the body is read.
      onRequest: async (req: FastifyRequest) => {
        if (r.public) return;
        const principal = await auth.authenticateRequest(req.headers);
        // Changes made with the console's cookie must prove they come from the console.
        if (principal.csrfToken) checkCsrf(req, principal.csrfToken);
        if (!allows(key, principal.roles)) throw new AdminError('WARDEN_ADMIN_FORBIDDEN', `your role (${principal.roles.join(', ')}) may not ${key}`);
        req.adminPrincipal = principal;
      },
      handler: async (req: FastifyRequest, reply: FastifyReply) => {
        const query = r.query ? parseInput(r.query, req.query, 'query') : {};
        const body = r.body ? parseInput(r.body, req.body, 'body') : undefined;
        const call = makeCall(deps, req.adminPrincipal ?? ANONYMOUS, (req.params ?? {}) as Record<string, string>, query, body);
        const result = await r.handler(call, reply);
        // Keys, kill switches and registry changes reach this gateway's request path at once.
        if (r.method !== 'GET') opts.refreshLive?.();
        reply.code(r.status ?? 200);
        return result;
      },
    });
  }
};

/** Registers the admin API on the app under /api, and the web console under /console, unless `admin.enabled` is false. */
export async function registerAdminApi(app: FastifyInstance, opts: Omit<AdminApiOptions, 'config'> & { config?: AdminConfig; consoleDir?: string }): Promise<void> {
  const { consoleDir, ...rest } = opts;
  const config = opts.config ?? adminDefaults();
  if (!config.enabled) return;
  await app.register(adminApiPlugin, { ...rest, config, prefix: '/api' });
  await app.register(consolePlugin, { root: consoleDir });
}
