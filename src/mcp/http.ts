// Warden as an MCP server at /mcp/{server}: Streamable HTTP (POST answers as JSON or SSE,
// Mcp-Session-Id sessions, GET stream, DELETE) and the HTTP+SSE transport of 2024-11-05
// (GET /mcp/{server}/sse, POST /mcp/{server}/messages). Messages are parsed here and governed in
// src/mcp/govern.ts; this file only carries them.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ServerResponse } from 'node:http';
import { LATEST_PROTOCOL_VERSION, SUPPORTED_PROTOCOL_VERSIONS } from '@modelcontextprotocol/sdk/types.js';
import { WardenError } from '../core/errors.js';
import type { Principal } from '../core/types.js';
import type { Gateway } from '../gateway/gateway.js';
import { keyFromHeaders } from '../server/auth.js';
import type { McpServerConfig } from '../config/mcp.js';
import { GOVERNED, governCall, recordRefusal } from './govern.js';
import { INVALID_REQUEST, METHOD_NOT_FOUND, parseMessage, rpcError, rpcResult, RpcError, wardenRpcError, type RpcId, type RpcMessage } from './jsonrpc.js';
import { mcpScope } from './scope.js';
import type { McpSession, McpSessions } from './sessions.js';
import type { Upstreams } from './upstream.js';

export interface McpHttpOptions {
  gateway: Gateway;
  upstreams: Upstreams;
  sessions: McpSessions;
  servers: readonly McpServerConfig[];
}

const SESSION_HEADER = 'mcp-session-id';
const KEEPALIVE_MS = 25_000;

/** A refusal before any method ran: recorded as a decision, answered with a JSON-RPC error and an HTTP status. */
class Refusal extends Error {
  constructor(
    readonly error: WardenError,
    readonly rpcCode?: number,
    readonly id: RpcId | null = null,
  ) {
    super(error.message);
  }
}

/** Registers the MCP routes under /mcp (an encapsulated plugin: its own body parser and limits). */
export async function registerMcpRoutes(app: FastifyInstance, o: McpHttpOptions): Promise<void> {
  const servers = new Map(o.servers.map((s) => [s.id, s]));
  const limits = new Map(o.servers.map((s) => [s.id, o.upstreams.get(s.id)!.maxBytes]));
  const bodyLimit = Math.max(1024, ...limits.values());
  const gw = o.gateway;

  await app.register(
    async (mcp) => {
      mcp.removeAllContentTypeParsers();
      // Every body is read as text and parsed strictly by parseMessage, after the size check of its server.
      mcp.addContentTypeParser('*', { parseAs: 'string', bodyLimit }, (_req, body, done) => done(null, body));
      mcp.setErrorHandler(async (err, req, reply) => {
        const code = (err as { code?: string }).code;
        const we = code === 'FST_ERR_CTP_BODY_TOO_LARGE' ? new WardenError('WARDEN_BODY_TOO_LARGE', 'The MCP message is larger than max_message_size') : new WardenError('WARDEN_MCP_INVALID');
        await refuse(req, reply, new Refusal(we, INVALID_REQUEST));
      });

      /** Records the refusal and answers it. */
      async function refuse(req: FastifyRequest, reply: FastifyReply, r: Refusal): Promise<void> {
        const server = (req.params as { server?: string }).server ?? '';
        const final = await recordRefusal(gw, req.decisionId, req.headers, server, r.error);
        const body = r.rpcCode !== undefined && final === r.error ? rpcError(r.id, r.rpcCode, final.message, { warden_code: final.code, decision_id: req.decisionId }) : wardenRpcError(r.id, final, req.decisionId);
        if (final.code === 'WARDEN_UNAUTHENTICATED') reply.header('www-authenticate', 'Bearer realm="warden"');
        reply.code(final.status).type('application/json').send(body);
      }

      /** The principal of the request's key, and the server it names. */
      function admitTo(req: FastifyRequest): { principal: Principal; server: McpServerConfig } {
        const server = servers.get((req.params as { server: string }).server);
        if (!server) throw new Refusal(new WardenError('WARDEN_NOT_FOUND', `No MCP server '${(req.params as { server: string }).server}'`));
        const key = keyFromHeaders(req.headers);
        const principal = key ? gw.deps.live.principal(key) : undefined;
        if (!principal) throw new Refusal(new WardenError('WARDEN_UNAUTHENTICATED'));
        return { principal, server };
      }

      /** The body as one message, within its server's size limit. */
      function readMessage(req: FastifyRequest, server: McpServerConfig): RpcMessage {
        const ct = String(req.headers['content-type'] ?? '').toLowerCase();
        if (!ct.startsWith('application/json')) throw new Refusal(new WardenError('WARDEN_UNSUPPORTED_MEDIA_TYPE'), INVALID_REQUEST);
        const text = typeof req.body === 'string' ? req.body : '';
        if (Buffer.byteLength(text) > limits.get(server.id)!) throw new Refusal(new WardenError('WARDEN_BODY_TOO_LARGE', 'The MCP message is larger than max_message_size'), INVALID_REQUEST);
        try {
          return parseMessage(text);
        } catch (err) {
          if (err instanceof RpcError) throw new Refusal(new WardenError('WARDEN_MCP_INVALID', err.message), err.code, err.id);
          throw err;
        }
      }

      const guard = (fn: (req: FastifyRequest, reply: FastifyReply) => Promise<void>) => async (req: FastifyRequest, reply: FastifyReply) => {
        try {
          await fn(req, reply);
        } catch (err) {
          if (err instanceof Refusal) return refuse(req, reply, err);
          throw err;
        }
      };

      /** Answers one request: initialize and ping here, governed methods through the gateway, anything else -32601. */
      async function answer(req: FastifyRequest, server: McpServerConfig, principal: Principal, session: McpSession, msg: Extract<RpcMessage, { kind: 'request' }>, signal: AbortSignal): Promise<unknown> {
        if (msg.method === 'initialize') return initializeResult(server, session, msg);
        if (msg.method === 'ping') return rpcResult(msg.id, {});
        if (!GOVERNED.has(msg.method)) return rpcError(msg.id, METHOD_NOT_FOUND, `Method not found: ${msg.method}`, { decision_id: req.decisionId });
        const g = await governCall(gw, o.upstreams, server, req.headers, req.decisionId, msg.id, msg.method, msg.params, signal);
        return g.body;
      }

      async function initializeResult(server: McpServerConfig, session: McpSession, msg: Extract<RpcMessage, { kind: 'request' }>): Promise<unknown> {
        const asked = msg.params.protocolVersion;
        session.protocolVersion = typeof asked === 'string' && SUPPORTED_PROTOCOL_VERSIONS.includes(asked) ? asked : LATEST_PROTOCOL_VERSION;
        let caps: Record<string, unknown>;
        try {
          caps = (await o.upstreams.get(server.id)!.describe()).capabilities;
        } catch (err) {
          return wardenRpcError(msg.id, err instanceof WardenError ? err : new WardenError('WARDEN_UPSTREAM_UNAVAILABLE'), '');
        }
        // Only what Warden governs is offered; the upstream's instructions are not relayed (uninspected text).
        const capabilities: Record<string, unknown> = {};
        if (caps.tools) capabilities.tools = { listChanged: true };
        if (caps.resources) capabilities.resources = {};
        if (caps.prompts) capabilities.prompts = {};
        return rpcResult(msg.id, { protocolVersion: session.protocolVersion, capabilities, serverInfo: { name: `warden/${server.id}`, version: '0.1.0' } });
      }

      /** Refuses a session-less call from a system that may not use the server at all (recorded). */
      function checkServerScope(principal: Principal, server: McpServerConfig): void {
        const system = gw.systemConfig(principal.system);
        if (!mcpScope(system, server.id)) throw new Refusal(new WardenError('WARDEN_MCP_NOT_ALLOWED', `AI system '${principal.system}' may not use MCP server '${server.id}'`));
      }

      /** Aborts the upstream call when the client goes away before its answer (per response: no listener piles up on a keep-alive socket). */
      function abortOnClose(reply: FastifyReply): AbortController {
        const ac = new AbortController();
        reply.raw.once('close', () => {
          if (!reply.raw.writableFinished) ac.abort();
        });
        return ac;
      }

      // ---- Streamable HTTP ----

      mcp.post('/:server', guard(async (req, reply) => {
        const { principal, server } = admitTo(req);
        const msg = readMessage(req, server);
        const sid = req.headers[SESSION_HEADER] as string | undefined;
        let session: McpSession | undefined;
        if (msg.kind === 'request' && msg.method === 'initialize') {
          if (sid) throw new Refusal(new WardenError('WARDEN_MCP_INVALID', 'Invalid Request: initialize opens a session; send it without Mcp-Session-Id'), INVALID_REQUEST, msg.id);
          checkServerScope(principal, server);
          session = o.sessions.open(server.id, principal.keyId, LATEST_PROTOCOL_VERSION, 'streamable');
        } else {
          if (!sid) throw new Refusal(new WardenError('WARDEN_MCP_INVALID', 'Bad Request: Mcp-Session-Id header is required'), INVALID_REQUEST, msg.kind === 'notification' ? null : msg.id);
          session = o.sessions.find(sid, server.id, principal.keyId);
          if (!session) throw new Refusal(new WardenError('WARDEN_MCP_SESSION'), undefined, msg.kind === 'notification' ? null : msg.id);
          const pv = req.headers['mcp-protocol-version'];
          if (typeof pv === 'string' && !SUPPORTED_PROTOCOL_VERSIONS.includes(pv))
            throw new Refusal(new WardenError('WARDEN_MCP_INVALID', `Bad Request: unsupported MCP-Protocol-Version ${pv}`), INVALID_REQUEST, msg.kind === 'notification' ? null : msg.id);
        }
        reply.header('mcp-session-id', session.id);
        if (msg.kind !== 'request') {
          reply.code(202).send();
          return;
        }
        const ac = abortOnClose(reply);
        const body = await answer(req, server, principal, session, msg, ac.signal);
        if (msg.method === 'initialize' && (body as { error?: unknown }).error) o.sessions.end(session.id);
        const accept = String(req.headers.accept ?? '');
        if (accept.includes('text/event-stream') && !accept.includes('application/json')) {
          reply.code(200).type('text/event-stream').header('cache-control', 'no-cache').send(`event: message\ndata: ${JSON.stringify(body)}\n\n`);
        } else reply.code(200).type('application/json').send(body);
      }));

      mcp.get('/:server', guard(async (req, reply) => {
        const { principal, server } = admitTo(req);
        if (!String(req.headers.accept ?? '').includes('text/event-stream')) {
          reply.code(405).header('allow', 'POST, DELETE').send();
          return;
        }
        const session = o.sessions.find(req.headers[SESSION_HEADER] as string | undefined, server.id, principal.keyId);
        if (!session) throw new Refusal(new WardenError('WARDEN_MCP_SESSION'));
        openStream(reply, session.id, (res) => {
          session.streams.add(res);
          return () => session.streams.delete(res);
        });
      }));

      mcp.delete('/:server', guard(async (req, reply) => {
        const { principal, server } = admitTo(req);
        const session = o.sessions.find(req.headers[SESSION_HEADER] as string | undefined, server.id, principal.keyId);
        if (!session) throw new Refusal(new WardenError('WARDEN_MCP_SESSION'));
        o.sessions.end(session.id);
        reply.code(200).send();
      }));

      // ---- HTTP+SSE (2024-11-05) ----

      mcp.get('/:server/sse', guard(async (req, reply) => {
        const { principal, server } = admitTo(req);
        checkServerScope(principal, server);
        const session = o.sessions.open(server.id, principal.keyId, '2024-11-05', 'sse');
        openStream(reply, session.id, (res) => {
          session.legacy = res;
          res.write(`event: endpoint\ndata: /mcp/${encodeURIComponent(server.id)}/messages?sessionId=${session.id}\n\n`);
          return () => o.sessions.end(session.id);
        });
      }));

      mcp.post('/:server/messages', guard(async (req, reply) => {
        const { principal, server } = admitTo(req);
        const session = o.sessions.find((req.query as { sessionId?: string }).sessionId, server.id, principal.keyId);
        if (!session || !session.legacy) throw new Refusal(new WardenError('WARDEN_MCP_SESSION'));
        const msg = readMessage(req, server);
        reply.code(202).send('Accepted');
        if (msg.kind !== 'request') return;
        const body = await answer(req, server, principal, session, msg, new AbortController().signal);
        session.legacy?.write(`event: message\ndata: ${JSON.stringify(body)}\n\n`);
      }));
    },
    { prefix: '/mcp' },
  );
}

/** Opens a server-sent event stream on the reply; `attach` registers it and returns how to detach. */
function openStream(reply: FastifyReply, sessionId: string, attach: (res: ServerResponse) => () => void): void {
  reply.hijack();
  const res = reply.raw;
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive', 'mcp-session-id': sessionId });
  res.flushHeaders();
  const detach = attach(res);
  const keepalive = setInterval(() => res.write(': keepalive\n\n'), KEEPALIVE_MS);
  keepalive.unref();
  res.on('close', () => {
    clearInterval(keepalive);
    detach();
  });
}

/** Tells every session on a server that its tool list changed (their GET streams, or the HTTP+SSE stream). */
export function notifyListChanged(sessions: McpSessions, server: string): void {
  const line = `event: message\ndata: ${JSON.stringify({ jsonrpc: '2.0', method: 'notifications/tools/list_changed' })}\n\n`;
  for (const s of sessions.onServer(server)) {
    for (const r of s.streams) r.write(line);
    s.legacy?.write(line);
  }
}
