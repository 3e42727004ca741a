import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { WardenError } from '../core/errors.js';
import { newId } from '../core/ids.js';
import type { ModelApiKind } from '../core/types.js';
import { ADAPTERS } from '../providers/index.js';
import { anthropicErrorBody, openaiErrorBody } from '../providers/errors.js';
import { keyFromHeaders } from './auth.js';
import { Exchange } from '../gateway/exchange.js';
import { JsonInputError, parseRequestJson } from '../gateway/json.js';
import { builtinDecision, type Gateway } from '../gateway/gateway.js';
import { forward, wardenHeaders } from '../gateway/forward.js';

declare module 'fastify' {
  interface FastifyRequest {
    decisionId: string;
  }
  interface FastifyContextConfig {
    api?: ModelApiKind;
  }
}

export interface AppOptions {
  bodyLimit: number;
  /** Readiness: false while starting or shutting down. */
  ready: () => boolean;
}

const ROUTES: Array<{ url: string; api: ModelApiKind }> = [
  { url: '/v1/chat/completions', api: 'openai.chat' },
  { url: '/v1/responses', api: 'openai.responses' },
  { url: '/v1/embeddings', api: 'openai.embeddings' },
  { url: '/v1/messages', api: 'anthropic.messages' },
  { url: '/openai/deployments/:deployment/chat/completions', api: 'azure.chat' },
];

/** Maps framework errors (body parsing, limits) to Warden errors. */
function toWardenError(err: unknown): WardenError {
  if (err instanceof WardenError) return err;
  const code = (err as { code?: string }).code;
  switch (code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new WardenError('WARDEN_BODY_TOO_LARGE');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new WardenError(code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' ? 'WARDEN_UNSUPPORTED_MEDIA_TYPE' : 'WARDEN_BAD_REQUEST');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new WardenError('WARDEN_INVALID_JSON', 'The request body is empty');
    default:
      return new WardenError('WARDEN_INTERNAL');
  }
}

/** A body the strict parser refused, as the client's error. */
function jsonError(err: unknown): WardenError {
  if (!(err instanceof JsonInputError)) return new WardenError('WARDEN_INVALID_JSON');
  // The path names where (a key name at most), never a value.
  const where = err.path ? ` (at ${err.path})` : '';
  switch (err.reason) {
    case 'duplicate_key':
      return new WardenError('WARDEN_JSON_DUPLICATE_KEY', err.message + where);
    case 'too_deep':
      return new WardenError('WARDEN_JSON_TOO_DEEP', err.message + where);
    case 'not_object':
      return new WardenError('WARDEN_BAD_REQUEST', 'The request body must be a JSON object');
    default:
      return new WardenError('WARDEN_INVALID_JSON');
  }
}

function styleFor(url: string): 'openai' | 'anthropic' {
  return url.startsWith('/v1/messages') ? 'anthropic' : 'openai';
}

/** The HTTP layer: routes, parsing, error format. All decisions happen in the Gateway. */
export function buildApp(gw: Gateway, opts: AppOptions): FastifyInstance {
  const app = Fastify({ logger: false, bodyLimit: opts.bodyLimit, return503OnClosing: true, forceCloseConnections: 'idle' });
  app.decorateRequest('decisionId', '');
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (req, body, done) => {
    // Parsed once, strictly: a duplicate key or excess nesting is refused, never passed on.
    try {
      done(null, parseRequestJson(body as string));
    } catch (err) {
      done(jsonError(err), undefined);
    }
  });

  app.addHook('onRequest', (req, reply, done) => {
    req.decisionId = newId();
    reply.header('x-warden-decision-id', req.decisionId);
    done();
  });

  /** Errors before the handler (parsing, limits, unknown routes) still get a durable decision record. */
  async function refuse(req: FastifyRequest, reply: FastifyReply, err: WardenError): Promise<void> {
    const api = req.routeOptions.config?.api;
    const style = api ? ADAPTERS[api].errorStyle : styleFor(req.url);
    const ex = new Exchange(req.decisionId, ADAPTERS[api ?? (style === 'anthropic' ? 'anthropic.messages' : 'openai.chat')], {}, req.headers);
    const key = keyFromHeaders(req.headers);
    ex.principal = key ? (gw.deps.live.principal(key) ?? null) : null;
    let final = err;
    try {
      await gw.recordDecision(ex, builtinDecision(err, gw.deps.decider.version()), []);
    } catch (e) {
      final = e as WardenError;
    }
    gw.count(api ?? 'unknown', final.status, 'block', ex);
    const body = style === 'anthropic' ? anthropicErrorBody(final, ex.id) : openaiErrorBody(final, ex.id);
    reply.code(final.status).headers(wardenHeaders(ex, 'block')).send(body);
  }

  app.setErrorHandler(async (err, req, reply) => {
    const we = toWardenError(err);
    if (we.code === 'WARDEN_INTERNAL') gw.deps.log.error({ err, decision: req.decisionId }, 'unexpected error');
    await refuse(req, reply, we);
  });

  app.setNotFoundHandler(async (req, reply) => {
    await refuse(req, reply, new WardenError('WARDEN_NOT_FOUND', `No route ${req.method} ${req.url.split('?')[0]}`));
  });

  for (const r of ROUTES) {
    app.post(r.url, { config: { api: r.api } }, async (req, reply) => {
      const params = req.params as { deployment?: string };
      const ex = new Exchange(req.decisionId, ADAPTERS[r.api], req.body as Record<string, unknown>, req.headers, params.deployment);
      try {
        await gw.admit(ex);
        await forward(gw, ex, reply);
      } catch (err) {
        await gw.fail(ex, reply, err);
      }
      gw.finish(ex);
    });
  }

  app.get('/v1/models', async (req, reply) => {
    const key = keyFromHeaders(req.headers);
    const principal = key ? gw.deps.live.principal(key) : undefined;
    if (!principal) throw new WardenError('WARDEN_UNAUTHENTICATED');
    const system = gw.deps.router.system(principal.system);
    const models = system ? gw.deps.router.modelsFor(system) : [];
    reply.send({ object: 'list', data: models.map((id) => ({ id, object: 'model', created: 0, owned_by: 'warden' })) });
  });

  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_req, reply) => {
    if (!opts.ready()) return reply.code(503).send({ status: 'not ready' });
    return { status: 'ready' };
  });
  app.get('/metrics', async (_req, reply) => {
    reply.type(gw.deps.metrics.registry.contentType).send(await gw.deps.metrics.registry.metrics());
  });
  return app;
}
