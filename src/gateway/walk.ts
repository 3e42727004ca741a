// Every string of a JSON value, with where it sits: the field list inspection works from. Nothing
// is listed by hand, so a field a supplier adds tomorrow is inspected like any other.
import type { Path, TextSegment } from '../core/types.js';

/** How a field's inspected text is stored in the body. */
export type Codec = { kind: 'data-url'; prefix: string } | { kind: 'base64' };

export interface Field extends TextSegment {
  /** A string value, an object key (path = object path + key), or a long integer. */
  kind: 'value' | 'key' | 'number';
  /** The text inspected (`text`): the string itself, or the decoded text of an encoded payload. */
  codec?: Codec;
  /** Conversation text (message content, arguments, descriptions …) as opposed to identifiers and discriminants. */
  structural: boolean;
}

/** Field names whose values are identifiers or discriminants: inspected, but not as conversation text. */
const STRUCTURAL = new Set([
  'role', 'type', 'id', 'object', 'model', 'tool_call_id', 'call_id', 'item_id', 'tool_use_id', 'finish_reason', 'stop_reason',
  'status', 'media_type', 'mime_type', 'detail', 'format', 'encoding_format', 'service_tier', 'system_fingerprint', 'reasoning_effort',
  'effort', 'truncation', 'stop_sequence', 'tool_choice', 'event', 'server_label', 'server_name',
]);

/**
 * Field names of the supported APIs: a key that is one of these is a name, not data, and is not
 * inspected. Any other key (of `metadata`, of a JSON schema's `properties`, of a field that does
 * not exist yet) is inspected as text.
 */
const KNOWN_KEYS = new Set([
  ...STRUCTURAL,
  'messages', 'content', 'text', 'name', 'tools', 'function', 'functions', 'arguments', 'description', 'parameters', 'properties',
  'required', 'items', 'enum', 'default', 'strict', 'stream', 'stream_options', 'include_usage', 'temperature', 'top_p', 'top_k', 'n',
  'max_tokens', 'max_completion_tokens', 'max_output_tokens', 'stop', 'seed', 'user', 'metadata', 'tool_calls', 'image_url', 'url',
  'input', 'instructions', 'output', 'system', 'source', 'data', 'index', 'choices', 'message', 'delta', 'usage', 'logprobs',
  'top_logprobs', 'token', 'bytes', 'logprob', 'refusal', 'prompt_tokens', 'completion_tokens', 'total_tokens', 'input_tokens',
  'output_tokens', 'created', 'created_at', 'response_format', 'json_schema', 'schema', 'additionalProperties', 'title', 'anyOf',
  'input_schema', 'thinking', 'signature', 'budget_tokens', 'cache_control', 'citations', 'store', 'previous_response_id',
  'reasoning', 'summary', 'parallel_tool_calls', 'presence_penalty', 'frequency_penalty', 'logit_bias', 'embedding', 'dimensions',
  'partial_json', 'content_block', 'output_index', 'content_index', 'summary_index', 'sequence_number', 'item', 'part', 'response',
  'error', 'code', 'param', 'annotations', 'prediction', 'modalities', 'audio', 'file', 'file_id', 'file_data', 'filename',
  'input_text', 'output_text', 'completion_tokens_details', 'prompt_tokens_details', 'cached_tokens', 'reasoning_tokens',
  'mcp_servers', 'server_url', 'allowed_tools', 'require_approval', 'headers', 'authorization', 'include', 'context_management',
]);

/** Media types whose payload is text: decoded and inspected as text. */
function isTextMedia(mime: string): boolean {
  const m = mime.toLowerCase().trim();
  return m === '' || m.startsWith('text/') || /^application\/([\w.+-]*\+)?(json|xml|yaml|x-yaml|csv|javascript|x-ndjson)$/.test(m);
}

const DATA_URL = /^data:([^,;]*)((?:;[^,;]*)*?)(;base64)?,/i;

/** Integers this long can carry an identifier (an SSN is nine digits); shorter ones are parameters. */
const MIN_DIGITS_INSPECTED = 7;

function decodeBase64Text(b64: string): string | undefined {
  const text = Buffer.from(b64, 'base64').toString('utf8');
  // A payload that is not valid UTF-8 is not text, whatever its label says.
  return text.includes('\uFFFD') ? undefined : text;
}

function safeDecodeUri(s: string): string | undefined {
  try {
    return decodeURIComponent(s);
  } catch {
    return undefined;
  }
}

/**
 * A string value's field. A text payload (a `data:` URL or a base64 source with a text media
 * type) is inspected decoded and written back encoded. Anything else — binary payloads included —
 * is inspected as the string it is: a label saying "image" does not make a value unreadable.
 */
function valueField(path: Path, s: string, structural: boolean, role: string, siblings: Record<string, unknown> | undefined, key: string | number): Field {
  if (s.length > 5 && (s.charCodeAt(0) === 100 || s.charCodeAt(0) === 68) && s.slice(0, 5).toLowerCase() === 'data:') {
    const m = DATA_URL.exec(s);
    if (m && isTextMedia(m[1])) {
      const payload = s.slice(m[0].length);
      const text = m[3] ? decodeBase64Text(payload) : safeDecodeUri(payload);
      if (text !== undefined) return { path, kind: 'value', text, codec: { kind: 'data-url', prefix: m[0] }, structural, role };
    }
  }
  if (key === 'data' && siblings) {
    const mime = siblings.media_type ?? siblings.mime_type;
    if (typeof mime === 'string' && isTextMedia(mime)) {
      const text = decodeBase64Text(s);
      if (text !== undefined) return { path, kind: 'value', text, codec: { kind: 'base64' }, structural, role };
    }
  }
  return { path, kind: 'value', text: s, structural, role };
}

/** Roles of conversation text, from the nearest enclosing object that names one. */
function roleOf(obj: Record<string, unknown>, inherited: string): string {
  const r = obj.role;
  return typeof r === 'string' && r.length <= 32 ? r : inherited;
}

/**
 * Every inspectable string of `value`: string values, object keys that are not API field names,
 * and long integers. Conversation text comes first in document order, identifiers after it.
 * Depth is bounded by the parser (parseStrictJson), so recursion is safe.
 */
export function walkFields(value: unknown, base: Path = []): Field[] {
  const text: Field[] = [];
  const structural: Field[] = [];
  const push = (f: Field) => (f.structural ? structural : text).push(f);
  const visit = (v: unknown, path: (string | number)[], role: string, key: string | number, parent: Record<string, unknown> | undefined) => {
    if (typeof v === 'string') {
      if (v.length > 0) push(valueField(path.slice(), v, typeof key === 'string' && STRUCTURAL.has(key), role, parent, key));
      return;
    }
    if (typeof v === 'number') {
      if (Number.isInteger(v) && Math.abs(v) >= 10 ** (MIN_DIGITS_INSPECTED - 1)) push({ path: path.slice(), kind: 'number', text: String(v), structural: true, role });
      return;
    }
    if (v === null || typeof v !== 'object') return;
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        path.push(i);
        visit(v[i], path, role, key, undefined);
        path.pop();
      }
      return;
    }
    const obj = v as Record<string, unknown>;
    const r = roleOf(obj, role);
    for (const k in obj) {
      path.push(k);
      if (!KNOWN_KEYS.has(k)) push({ path: path.slice(), kind: 'key', text: k, structural: true, role: r });
      visit(obj[k], path, r, k, obj);
      path.pop();
    }
  };
  visit(value, base.slice(), 'other', '', undefined);
  for (const f of structural) text.push(f);
  return text;
}

/** The value at a path, or undefined. */
export function getAt(root: unknown, path: Path): unknown {
  let node = root;
  for (const k of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string | number, unknown>)[k];
  }
  return node;
}

/** Sets the value at a path whose parent exists. */
export function setAt(root: unknown, path: Path, value: unknown): void {
  const parent = getAt(root, path.slice(0, -1));
  if (parent === null || typeof parent !== 'object') throw new Error(`no container at ${path.slice(0, -1).join('.')}`);
  (parent as Record<string | number, unknown>)[path[path.length - 1]] = value;
}

/** Renames a key in place, keeping the order of the object's keys. */
export function renameKey(root: unknown, path: Path, to: string): void {
  const obj = getAt(root, path.slice(0, -1)) as Record<string, unknown>;
  const from = String(path[path.length - 1]);
  if (from === to || !(from in obj)) return;
  let name = to;
  for (let n = 2; name in obj; n++) name = `${to}_${n}`;
  const entries = Object.entries(obj);
  for (const k of Object.keys(obj)) delete obj[k];
  for (const [k, v] of entries) obj[k === from ? name : k] = v;
}

/** Writes a field's new text back where it came from, encoding it again where it was encoded. */
export function writeField(root: unknown, f: Field, text: string): void {
  if (f.kind === 'key') return renameKey(root, f.path, text);
  if (f.kind === 'number') return setAt(root, f.path, text);
  if (!f.codec) return setAt(root, f.path, text);
  if (f.codec.kind === 'data-url') {
    const base64 = /;base64,$/i.test(f.codec.prefix);
    setAt(root, f.path, f.codec.prefix + (base64 ? Buffer.from(text, 'utf8').toString('base64') : encodeURIComponent(text)));
    return;
  }
  setAt(root, f.path, Buffer.from(text, 'utf8').toString('base64'));
}
