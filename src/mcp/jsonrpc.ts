// JSON-RPC 2.0 as MCP uses it: one message per body, parsed strictly (src/gateway/json.ts: no
// duplicate key, bounded depth), checked for shape, and errors that are always well-formed.
import { WardenError, type ErrorCode } from '../core/errors.js';
import { JsonInputError, parseStrictJson } from '../gateway/json.js';

export type RpcId = string | number;

export const PARSE_ERROR = -32700;
export const INVALID_REQUEST = -32600;
export const METHOD_NOT_FOUND = -32601;
export const INVALID_PARAMS = -32602;
export const INTERNAL_ERROR = -32603;
/** Warden's own server errors, in the range JSON-RPC reserves for servers, apart from codes MCP and its SDK use (-32000 closed, -32001 timeout, -32002 resource not found, -32042). */
export const REFUSED = -32011;
export const HELD = -32012;
export const UPSTREAM_FAILED = -32013;

export type RpcMessage =
  | { kind: 'request'; id: RpcId; method: string; params: Record<string, unknown> }
  | { kind: 'notification'; method: string; params: Record<string, unknown> }
  | { kind: 'response'; id: RpcId };

export interface RpcErrorBody {
  jsonrpc: '2.0';
  id: RpcId | null;
  error: { code: number; message: string; data?: Record<string, unknown> };
}

/** A message that cannot be answered normally: its JSON-RPC error, the id when one could be read, and the HTTP status. */
export class RpcError extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly id: RpcId | null = null,
    readonly status = 400,
  ) {
    super(message);
  }
}

/**
 * Parses one JSON-RPC message. Batches are refused: MCP 2025-06-18 removed JSON-RPC batching and
 * the current revision (2025-11-25) has none, so an array is an invalid request, answered once.
 */
export function parseMessage(text: string): RpcMessage {
  let v: unknown;
  try {
    v = parseStrictJson(text);
  } catch (err) {
    const why = err instanceof JsonInputError && err.reason !== 'invalid' ? `: ${err.message}${err.path ? ` (at ${err.path})` : ''}` : '';
    throw new RpcError(PARSE_ERROR, `Parse error${why}`);
  }
  if (Array.isArray(v)) throw new RpcError(INVALID_REQUEST, 'Invalid Request: JSON-RPC batches are not supported (removed in MCP 2025-06-18)');
  if (v === null || typeof v !== 'object') throw new RpcError(INVALID_REQUEST, 'Invalid Request: a JSON-RPC message is an object');
  const m = v as Record<string, unknown>;
  const rawId = m.id;
  const idOk = typeof rawId === 'string' || (typeof rawId === 'number' && Number.isInteger(rawId));
  const id = idOk ? (rawId as RpcId) : null;
  if (m.jsonrpc !== '2.0') throw new RpcError(INVALID_REQUEST, 'Invalid Request: jsonrpc must be "2.0"', id);
  if (rawId !== undefined && !idOk) throw new RpcError(INVALID_REQUEST, 'Invalid Request: id must be a string or an integer (MCP forbids null)');
  if (m.method === undefined) {
    // An answer to a request of ours (Warden sends none but ping) or an error: accepted, never forwarded.
    if (id === null || ('result' in m) === ('error' in m)) throw new RpcError(INVALID_REQUEST, 'Invalid Request: neither a request nor a response', id);
    return { kind: 'response', id };
  }
  if (typeof m.method !== 'string' || m.method.length === 0 || m.method.length > 200) throw new RpcError(INVALID_REQUEST, 'Invalid Request: method must be a string', id);
  if (m.params !== undefined && (m.params === null || typeof m.params !== 'object' || Array.isArray(m.params)))
    throw new RpcError(INVALID_PARAMS, 'Invalid params: MCP params are an object', id);
  const params = (m.params ?? {}) as Record<string, unknown>;
  return id === null ? { kind: 'notification', method: m.method, params } : { kind: 'request', id, method: m.method, params };
}

export function rpcResult(id: RpcId, result: unknown): { jsonrpc: '2.0'; id: RpcId; result: unknown } {
  return { jsonrpc: '2.0', id, result };
}

export function rpcError(id: RpcId | null, code: number, message: string, data?: Record<string, unknown>): RpcErrorBody {
  return { jsonrpc: '2.0', id, error: data ? { code, message, data } : { code, message } };
}

const CODE_OF: Partial<Record<ErrorCode, number>> = {
  WARDEN_POLICY_HELD: HELD,
  WARDEN_MCP_INVALID: INVALID_REQUEST,
  WARDEN_BAD_REQUEST: INVALID_PARAMS,
  WARDEN_UPSTREAM_UNAVAILABLE: UPSTREAM_FAILED,
  WARDEN_UPSTREAM_TIMEOUT: UPSTREAM_FAILED,
  WARDEN_UPSTREAM_ERROR: UPSTREAM_FAILED,
  WARDEN_INSPECT_FAILED: INTERNAL_ERROR,
  WARDEN_POLICY_FAILED: INTERNAL_ERROR,
  WARDEN_AUDIT_FAILED: INTERNAL_ERROR,
  WARDEN_INTERNAL: INTERNAL_ERROR,
};

/** A Warden error as the JSON-RPC error a client gets: Warden's code, the decision id and any review id in `data`. */
export function wardenRpcError(id: RpcId | null, err: WardenError, decisionId: string): RpcErrorBody {
  const code = CODE_OF[err.code] ?? (err.status >= 500 ? INTERNAL_ERROR : REFUSED);
  return rpcError(id, code, err.message, { warden_code: err.code, decision_id: decisionId, ...(err.extra ?? {}) });
}
