// Leaf bytes: the RFC 8785 (JCS) canonical JSON of one record. Hand-written for speed on the
// append path; leaf.test.ts checks it against the `canonicalize` package.
import type { AuditRecord } from '../core/types.js';

export class LeafError extends Error {}

// A lone surrogate cannot be encoded as UTF-8; RFC 8785 (I-JSON) forbids it. JSON.stringify
// writes one as a \udXXX escape (and a paired one as the character itself), so one look at the
// output finds them: an escape not itself escaped by a preceding backslash.
const ESCAPED_SURROGATE = /(?<!\\)(?:\\\\)*\\ud[89a-f][0-9a-f]{2}/;

// Record keys repeat on every record: quote each once. Bounded so odd inputs cannot grow it forever.
const quotedKeys = new Map<string, string>();

function quoteKey(k: string): string {
  let q = quotedKeys.get(k);
  if (q === undefined) {
    q = JSON.stringify(k);
    if (quotedKeys.size < 10_000) quotedKeys.set(k, q);
  }
  return q;
}

function write(v: unknown): string | undefined {
  switch (typeof v) {
    case 'string':
      return JSON.stringify(v);
    case 'number':
      if (!Number.isFinite(v)) throw new LeafError('numbers must be finite');
      return JSON.stringify(v);
    case 'boolean':
      return v ? 'true' : 'false';
    case 'undefined':
    case 'function':
    case 'symbol':
      return undefined;
    case 'bigint':
      throw new LeafError('bigint is not JSON');
  }
  if (v === null) return 'null';
  if (Array.isArray(v)) {
    let s = '[';
    for (let i = 0; i < v.length; i++) s += (i ? ',' : '') + (write(v[i]) ?? 'null');
    return s + ']';
  }
  const o = v as Record<string, unknown>;
  if (typeof (o as { toJSON?: unknown }).toJSON === 'function') return write((o as { toJSON(): unknown }).toJSON());
  // Default sort compares UTF-16 code units, which is what RFC 8785 §3.2.3 asks for.
  const keys = Object.keys(o).sort();
  let s = '{';
  let first = true;
  for (const k of keys) {
    const w = write(o[k]);
    if (w === undefined) continue;
    s += (first ? '' : ',') + quoteKey(k) + ':' + w;
    first = false;
  }
  return s + '}';
}

/** RFC 8785 canonical JSON of any JSON value. */
export function canonicalJson(value: unknown): string {
  const s = write(value);
  if (s === undefined) throw new LeafError('value has no JSON form');
  if (s.includes('\\ud') && ESCAPED_SURROGATE.test(s)) throw new LeafError('string with a lone surrogate');
  return s;
}

/** The leaf text of a record (its UTF-8 bytes are what the tree hashes). */
export function leafOf(rec: AuditRecord): string {
  return canonicalJson(rec);
}
