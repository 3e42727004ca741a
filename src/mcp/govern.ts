// An MCP call as a gateway decision: the same stages as a model call (authenticate, inspect,
// decide, record, enforce) with MCP's parse, resolve and plan, then the answer stages over the
// result. Nothing here speaks HTTP; src/mcp/http.ts carries messages in and out.
import { WardenError } from '../core/errors.js';
import type { Decision } from '../core/types.js';
import type { ProviderAdapter } from '../providers/types.js';
import type { McpServerConfig } from '../config/mcp.js';
import { Exchange } from '../gateway/exchange.js';
import type { Gateway, GatewayDeps, Pipeline } from '../gateway/gateway.js';
import { applyEdits, authenticate, decide, inspect, suspended, systemConfig, type Stage } from '../gateway/request.js';
import { decideAnswer, enforceAnswer, inspectAnswer, type Answer } from '../gateway/response.js';
import { walkFields } from '../gateway/walk.js';
import { rewriteFields } from '../gateway/enforce.js';
import { NO_MCP } from '../policy/input.js';
import { keyFromHeaders } from '../server/auth.js';
import { wardenRpcError, rpcError, rpcResult, type RpcId, UPSTREAM_FAILED, INTERNAL_ERROR } from './jsonrpc.js';
import { filterListResult, mcpScope, METHOD_KIND } from './scope.js';
import { UpstreamRpcError, type Upstreams } from './upstream.js';

/** Methods Warden governs and forwards; anything else is answered -32601 (docs/MCP.md). */
export const GOVERNED = new Set(['tools/list', 'tools/call', 'resources/list', 'resources/templates/list', 'resources/read', 'prompts/list', 'prompts/get']);

/** Arguments named in a record, at most: a call with thousands of keys cannot make a record huge. */
const MAX_ARGUMENT_HASHES = 64;

// Exchanges need an adapter; an MCP exchange only ever uses its `api` (records, metrics) and error body.
const MCP_ADAPTER = {
  api: 'mcp',
  errorStyle: 'openai',
  endpoint: 'chat',
  streams: false,
  errorBody: (err: WardenError, id: string) => wardenRpcError(null, err, id),
} as unknown as ProviderAdapter;

/** The request an McpExchange carries: which server and method, and the message's params. */
interface McpMessage {
  server: McpServerConfig;
  method: string;
  params: Record<string, unknown>;
}

const messages = new WeakMap<Exchange, McpMessage>();

/** Params -> the body Warden forwards (only what it governs: a tool call's name and arguments, a URI, a cursor) and its fields. */
const parse: Stage = (deps, ex) => {
  const m = messages.get(ex)!;
  const k = METHOD_KIND[m.method];
  const p = m.params;
  const body = ex.body;
  let target = '';
  if (m.method === 'tools/call' || m.method === 'prompts/get' || m.method === 'resources/read') {
    const name = p[k!.param];
    if (typeof name !== 'string' || name.length === 0) throw new WardenError('WARDEN_BAD_REQUEST', `Invalid params: ${m.method} needs ${k!.param} (a string)`);
    target = name;
    body[k!.param] = name;
    if (m.method !== 'resources/read') {
      const args = p.arguments ?? {};
      if (args === null || typeof args !== 'object' || Array.isArray(args)) throw new WardenError('WARDEN_BAD_REQUEST', 'Invalid params: arguments must be an object');
      body.arguments = args;
    }
  } else if (p.cursor !== undefined) {
    if (typeof p.cursor !== 'string') throw new WardenError('WARDEN_BAD_REQUEST', 'Invalid params: cursor must be a string');
    body.cursor = p.cursor;
  }
  // The tool name is the call's identity, not content: only arguments, URIs and cursors are inspected and edited.
  const inspected: Record<string, unknown> = {};
  if (body.arguments !== undefined) inspected.arguments = body.arguments;
  if (m.method === 'resources/read') inspected.uri = body.uri;
  if (body.cursor !== undefined) inspected.cursor = body.cursor;
  ex.fields = walkFields(inspected);
  const args = (body.arguments ?? {}) as Record<string, unknown>;
  ex.request = {
    api: 'mcp',
    direction: 'request',
    model: '',
    stream: false,
    segments: ex.fields,
    tools: [],
    toolCalls: m.method === 'tools/call' ? [{ name: target, arguments: JSON.stringify(args) }] : [],
    messageCount: 1,
  };
  const argumentHashes: Record<string, string> = {};
  let n = 0;
  for (const key of Object.keys(args)) {
    if (n++ >= MAX_ARGUMENT_HASHES) break;
    argumentHashes[key] = deps.audit.contentHmac(JSON.stringify(args[key]) ?? 'null');
  }
  ex.mcp = {
    server: m.server.id,
    method: m.method,
    tool: target,
    supplier: { id: m.server.id, type: 'mcp', approved: m.server.approved, public: m.server.public, baa: false },
    view: { ...NO_MCP, server: m.server.id, method: m.method, tool: m.method === 'resources/read' ? '' : target, uri: m.method === 'resources/read' ? target : '', arguments: args },
    record: { server: m.server.id, method: m.method, ...(target ? { target } : {}), ...(n ? { argumentHashes } : {}) },
    holdKey: JSON.stringify([m.method, target, body.arguments ?? null, body.cursor ?? null]),
  };
};

/** The caller's AI system, and whether its scope covers this server and this tool, resource or prompt. */
const resolve: Stage = (deps, ex) => {
  const p = ex.principal!;
  const system = systemConfig(deps, p.system);
  if (!system) {
    deps.discovery.record(deps, ex);
    throw new WardenError('WARDEN_SYSTEM_NOT_ALLOWED', `AI system '${p.system}' is not registered`);
  }
  ex.system = system;
  const mcp = ex.mcp!;
  const scope = mcpScope(system, mcp.server);
  if (!scope) throw new WardenError('WARDEN_MCP_NOT_ALLOWED', `AI system '${p.system}' may not use MCP server '${mcp.server}'`);
  const k = METHOD_KIND[mcp.method];
  if (mcp.tool && k && !scope.allows(k.kind, mcp.tool)) {
    // Worded like an unknown name: a tool outside the scope is not confirmed to exist.
    throw new WardenError('WARDEN_MCP_NOT_ALLOWED', `Unknown ${k.kind.slice(0, -1)}: ${mcp.tool}`);
  }
};

/** Redaction and warnings; route and tool stripping do not apply to MCP calls. */
function planMcp(deps: GatewayDeps, ex: Exchange, d: Decision): void {
  applyEdits(deps, ex, d);
}

const plan: Stage = (deps, ex) => {
  const d = ex.decision!;
  if (d.action === 'block' || d.action === 'hold') return;
  planMcp(deps, ex, d);
};

export const MCP_PIPELINE: Pipeline = { stages: [authenticate, parse, resolve, suspended, inspect, decide, plan], applyPlan: planMcp };

export interface Governed {
  /** The JSON-RPC answer. */
  body: unknown;
  decisionId: string;
}

/**
 * One governed request: admitted like a model call (the decision durable before anything goes
 * upstream), forwarded, the result filtered to the caller's scope, inspected, decided and masked,
 * then recorded. Failures become JSON-RPC errors carrying the decision id.
 */
export async function governCall(
  gw: Gateway,
  upstreams: Upstreams,
  server: McpServerConfig,
  headers: Record<string, string | string[] | undefined>,
  decisionId: string,
  id: RpcId,
  method: string,
  params: Record<string, unknown>,
  signal?: AbortSignal,
): Promise<Governed> {
  const ex = new Exchange(decisionId, MCP_ADAPTER, {}, headers);
  messages.set(ex, { server, method, params });
  const deps = gw.deps;
  let body: unknown;
  try {
    await gw.admit(ex, MCP_PIPELINE);
    ex.gatewayMs = performance.now() - ex.startedAt;
    ex.upstreamStartedAt = performance.now();
    let result: Record<string, unknown>;
    try {
      result = await upstreams.get(server.id)!.request(method, ex.body, signal);
    } finally {
      ex.upstreamMs = performance.now() - ex.upstreamStartedAt;
    }
    if (method.endsWith('/list')) result = filterListResult(mcpScope(ex.system, server.id)!, method, result);
    const a: Answer = { text: '', parsed: result, fields: walkFields(result) };
    a.interaction = { ...ex.request!, direction: 'response', segments: a.fields, tools: [], toolCalls: [] };
    for (const stage of [inspectAnswer, decideAnswer, enforceAnswer]) {
      const pending = stage(deps, ex, a);
      if (pending) await pending;
    }
    const text = JSON.stringify(a.parsed);
    const bytes = Buffer.byteLength(text);
    if (bytes > upstreams.get(server.id)!.maxBytes) throw new WardenError('WARDEN_UPSTREAM_ERROR', `MCP server ${server.id} answered with more than max_message_size bytes`);
    ex.mcp!.record.resultBytes = bytes;
    if (result.isError === true) ex.mcp!.record.isError = true;
    ex.status = 200;
    // The decision id (to find the record) and any policy warnings travel in the result's _meta.
    const out = a.parsed as Record<string, unknown>;
    const meta = out._meta && typeof out._meta === 'object' && !Array.isArray(out._meta) ? (out._meta as Record<string, unknown>) : {};
    out._meta = { ...meta, 'warden/decision_id': ex.id, ...(ex.warnings.length ? { 'warden/warnings': ex.warnings } : {}) };
    body = rpcResult(id, out);
    await gw.recordCompletion(ex, false);
  } catch (err) {
    if (err instanceof UpstreamRpcError) {
      body = await upstreamError(deps, ex, id, err);
      ex.status = 200;
      ex.error = `upstream:${err.code}`;
      await gw.recordCompletion(ex, false);
    } else {
      const { error } = await gw.settleFailure(ex, err);
      body = wardenRpcError(id, error, ex.id);
    }
  }
  gw.finish(ex);
  return { body, decisionId: ex.id };
}

/** The upstream's own JSON-RPC error, its message and data inspected and every finding masked. */
async function upstreamError(deps: GatewayDeps, ex: Exchange, id: RpcId, err: UpstreamRpcError) {
  const e: Record<string, unknown> = { message: err.message };
  if (err.data !== undefined) e.data = err.data;
  const fields = walkFields(e);
  try {
    const findings = fields.length ? await deps.inspector.scanSegments(fields.map((f) => f.text)) : [];
    rewriteFields(e, fields, { findings, wanted: () => true, method: 'mask', vault: ex.vault, restore: ex.tokenized }, deps.redactor);
  } catch {
    return rpcError(id, INTERNAL_ERROR, 'The MCP server answered with an error Warden could not inspect', { warden_code: 'WARDEN_INSPECT_FAILED', decision_id: ex.id });
  }
  const code = Number.isInteger(err.code) ? err.code : UPSTREAM_FAILED;
  return rpcError(id, code, String(e.message), { ...(e.data !== undefined ? { upstream: e.data } : {}), decision_id: ex.id });
}

/**
 * Records a message refused before any method ran (bad key, malformed JSON-RPC, a batch, a
 * session that is not the caller's) as a decision with a `builtin:WARDEN_…` rule, like refused
 * model calls. Returns the error to send (WARDEN_AUDIT_FAILED when the record could not be made).
 */
export async function recordRefusal(gw: Gateway, decisionId: string, headers: Record<string, string | string[] | undefined>, server: string, err: WardenError): Promise<WardenError> {
  const ex = new Exchange(decisionId, MCP_ADAPTER, {}, headers);
  const key = keyFromHeaders(headers);
  ex.principal = key ? (gw.deps.live.principal(key) ?? null) : null;
  if (server) {
    ex.mcp = {
      server,
      method: '',
      tool: '',
      supplier: { id: server, type: 'mcp', approved: false, public: false, baa: false },
      view: NO_MCP,
      record: { server, method: '' },
      holdKey: '',
    };
  }
  const { error } = await gw.settleFailure(ex, err);
  gw.count('mcp', error.status, 'block', ex);
  return error;
}
