// Redaction of text by findings: mask, keyed hash token, or reversible tokenisation through a
// TokenVault, and restoring placeholders in answers, streamed or not. Pure apart from the vault.
import { createHmac } from 'node:crypto';
import type { Finding, RedactionMethod } from '../core/types.js';

/**
 * Placeholders look like «US_SSN_1»: guillemets, an upper-case type and a counter. Models copy
 * them intact, and the shape does not occur in ordinary prose (French quotes hold words with
 * spaces and lower case, not TYPE_N). Only placeholders a vault issued are ever restored.
 */
const OPEN = '«';
const CLOSE = '»';
const PLACEHOLDER = /«([A-Z][A-Z0-9_]{0,47}_\d{1,7})»/g;
/** What the start of a placeholder can look like: only such a tail is held back. */
const PLACEHOLDER_PREFIX = /^«(?:[A-Z][A-Z0-9_]*)?$/;
/** Longest placeholder in characters: a stream restorer holds back at most this much. */
export const MAX_PLACEHOLDER_LENGTH = 1 + 48 + 1 + 7 + 1;

function typeLabel(type: string): string {
  const t = type.toUpperCase().replace(/[^A-Z0-9]+/g, '_').replace(/^[^A-Z]+/, '').slice(0, 40);
  return t || 'VALUE';
}

/** Per interaction (or per caller's conversation): placeholder ↔ original. Same value, same placeholder. */
export class TokenVault {
  private readonly byValue = new Map<string, string>();
  private readonly byPlaceholder = new Map<string, { type: string; value: string }>();
  private readonly counters = new Map<string, number>();
  private readonly reserved = new Set<string>();

  /** The placeholder for a value, issuing a new one on first sight. */
  tokenize(type: string, value: string): string {
    const label = typeLabel(type);
    const key = label + '\0' + value;
    const known = this.byValue.get(key);
    if (known) return known;
    let n = this.counters.get(label) ?? 0;
    let placeholder: string;
    do placeholder = `${OPEN}${label}_${++n}${CLOSE}`;
    while (this.reserved.has(placeholder) || this.byPlaceholder.has(placeholder));
    this.counters.set(label, n);
    this.byValue.set(key, placeholder);
    this.byPlaceholder.set(placeholder, { type, value });
    return placeholder;
  }

  /** Marks placeholder-shaped text already present in input as taken, so no issued placeholder equals it. */
  reserveFrom(text: string): void {
    if (!text.includes(OPEN)) return;
    for (const m of text.matchAll(PLACEHOLDER)) if (!this.byPlaceholder.has(m[0])) this.reserved.add(m[0]);
  }

  /** The original behind a placeholder this vault issued. */
  original(placeholder: string): string | undefined {
    return this.byPlaceholder.get(placeholder)?.value;
  }

  get size(): number {
    return this.byPlaceholder.size;
  }

  /** Entries for storing a conversation's vault (encrypted, by the caller) and rebuilding it. */
  toJSON(): Array<{ placeholder: string; type: string; value: string }> {
    return [...this.byPlaceholder].map(([placeholder, e]) => ({ placeholder, type: e.type, value: e.value }));
  }

  static fromJSON(entries: Array<{ placeholder: string; type: string; value: string }>): TokenVault {
    const v = new TokenVault();
    for (const e of entries) {
      const m = /^«([A-Z][A-Z0-9_]*)_(\d+)»$/.exec(e.placeholder);
      if (!m) throw new Error(`not a placeholder: ${e.placeholder}`);
      v.byPlaceholder.set(e.placeholder, { type: e.type, value: e.value });
      v.byValue.set(m[1] + '\0' + e.value, e.placeholder);
      v.counters.set(m[1], Math.max(v.counters.get(m[1]) ?? 0, Number(m[2])));
    }
    return v;
  }
}

export interface RedactContext {
  /** HMAC key for `hash`. */
  hashKey?: string | Uint8Array;
  /** Vault for `tokenize`. */
  vault?: TokenVault;
  /** Only findings of these types (TYPE or TYPE:subtype, as in Decision.redact.types). */
  types?: readonly string[];
  /** Only findings of this segment (Finding.segment). */
  segment?: number;
}

/** Hex characters of the keyed hash shown in a hash token. */
const HASH_CHARS = 16;

/**
 * Replaces the spans of `findings` in `text` (offsets index this text). Overlapping spans merge
 * and take the type of the first. A finding outside the text throws: redacting the wrong
 * characters would let the real ones through, so the caller fails closed.
 */
export function redactText(text: string, findings: readonly Finding[], method: RedactionMethod, ctx: RedactContext = {}): { text: string; applied: number } {
  if (method === 'hash' && !ctx.hashKey) throw new Error('redact: method hash needs ctx.hashKey');
  if (method === 'tokenize' && !ctx.vault) throw new Error('redact: method tokenize needs ctx.vault');
  const spans: Array<{ start: number; end: number; type: string }> = [];
  for (const f of findings) {
    if (ctx.segment !== undefined && f.segment !== undefined && f.segment !== ctx.segment) continue;
    if (ctx.types && !ctx.types.includes(f.type) && !(f.subtype !== undefined && ctx.types.includes(`${f.type}:${f.subtype}`))) continue;
    if (!(f.start >= 0 && f.end > f.start && f.end <= text.length)) throw new RangeError(`redact: finding ${f.type} [${f.start},${f.end}) is outside the text (length ${text.length})`);
    spans.push({ start: f.start, end: f.end, type: f.type });
  }
  if (spans.length === 0) return { text, applied: 0 };
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  const merged = [spans[0]];
  for (let i = 1; i < spans.length; i++) {
    const last = merged[merged.length - 1];
    if (spans[i].start < last.end) last.end = Math.max(last.end, spans[i].end);
    else merged.push({ ...spans[i] });
  }
  if (method === 'tokenize') ctx.vault!.reserveFrom(text);
  let out = '';
  let pos = 0;
  for (const s of merged) {
    const value = text.slice(s.start, s.end);
    out += text.slice(pos, s.start) + replacement(value, s.type, method, ctx);
    pos = s.end;
  }
  return { text: out + text.slice(pos), applied: merged.length };
}

function replacement(value: string, type: string, method: RedactionMethod, ctx: RedactContext): string {
  const label = typeLabel(type);
  if (method === 'mask') return `[${label}]`;
  if (method === 'hash') return `[${label}:${createHmac('sha256', ctx.hashKey!).update(value).digest('hex').slice(0, HASH_CHARS)}]`;
  return ctx.vault!.tokenize(type, value);
}

/** Puts the originals back for every placeholder the vault issued; other text is untouched. */
export function restoreText(text: string, vault: TokenVault): string {
  if (!text.includes(OPEN) || vault.size === 0) return text;
  return text.replace(PLACEHOLDER, (m) => vault.original(m) ?? m);
}

/**
 * Restores placeholders in a stream of text chunks. A chunk that ends inside what may still be a
 * placeholder («US_SS…) keeps that tail (at most MAX_PLACEHOLDER_LENGTH characters) until the
 * next chunk; any other text is delivered at once.
 */
export class StreamRestorer {
  private pending = '';

  constructor(private readonly vault: TokenVault) {}

  /** Text to deliver now for this chunk (may be shorter than the chunk; never splits a placeholder). */
  push(chunk: string): string {
    const buf = this.pending + chunk;
    const open = buf.lastIndexOf(OPEN);
    if (open >= 0 && buf.length - open < MAX_PLACEHOLDER_LENGTH && PLACEHOLDER_PREFIX.test(buf.slice(open))) {
      this.pending = buf.slice(open);
      return restoreText(buf.slice(0, open), this.vault);
    }
    this.pending = '';
    return restoreText(buf, this.vault);
  }

  /** Characters held back right now. */
  get held(): number {
    return this.pending.length;
  }

  /** The rest, at the end of the stream. */
  end(): string {
    const rest = this.pending;
    this.pending = '';
    return restoreText(rest, this.vault);
  }
}
