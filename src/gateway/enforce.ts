// The one place where a decision changes what crosses Warden: the request, the plain answer, each
// stream event and the excerpt a reviewer sees all go through these functions.
import type { Finding, Path, RedactionMethod } from '../core/types.js';
import type { Redactor } from './deps.js';
import { getAt, setAt, writeField, type Field } from './walk.js';
import { compileRe2 } from '../policy/re2.js';

export interface Rewrite {
  /** Findings with `segment` indexing `fields`. */
  findings: readonly Finding[];
  /** Which findings to redact (none when undefined). */
  wanted?: (f: Finding) => boolean;
  method?: RedactionMethod;
  /** Vault for tokenising (request) or restoring placeholders (answers). */
  vault?: unknown;
  /** Put the originals back for placeholders the vault issued (answers). */
  restore?: boolean;
}

/** The text a field should carry after the rewrite, or undefined when it stays as it is. */
export function rewrittenText(field: Field, list: readonly Finding[] | undefined, r: Rewrite, redactor: Redactor): string | undefined {
  let text = field.text;
  if (list && list.length > 0 && r.method) text = redactor.redact(text, list as Finding[], r.method, r.vault);
  if (r.restore && r.vault !== undefined) text = redactor.restore(text, r.vault);
  return text === field.text ? undefined : text;
}

/**
 * Applies redaction and restoring to the fields of a body in place. Values are written first,
 * then renamed keys from the deepest up, so no edit moves another's path. Returns the indexes of
 * the fields that changed.
 */
export function rewriteFields(root: unknown, fields: readonly Field[], r: Rewrite, redactor: Redactor): number[] {
  const bySegment = new Map<number, Finding[]>();
  if (r.wanted && r.method) {
    for (const f of r.findings) {
      if (!r.wanted(f)) continue;
      const seg = f.segment ?? 0;
      let list = bySegment.get(seg);
      if (!list) bySegment.set(seg, (list = []));
      list.push(f);
    }
  }
  if (bySegment.size === 0 && !(r.restore && r.vault !== undefined)) return [];
  const changed: number[] = [];
  const keys: Array<{ field: Field; text: string }> = [];
  for (let i = 0; i < fields.length; i++) {
    const text = rewrittenText(fields[i], bySegment.get(i), r, redactor);
    if (text === undefined) continue;
    changed.push(i);
    if (fields[i].kind === 'key') keys.push({ field: fields[i], text });
    else writeField(root, fields[i], text);
  }
  keys.sort((a, b) => b.field.path.length - a.field.path.length);
  for (const k of keys) writeField(root, k.field, k.text);
  if (changed.length) dropLogprobs(root, changed.map((i) => fields[i].path));
  return changed;
}

/**
 * Token-level data repeats the text it belongs to: when a text changed, the `logprobs` of the
 * nearest enclosing object that has them (a choice) are removed rather than left in clear.
 */
export function dropLogprobs(root: unknown, paths: readonly Path[]): void {
  for (const path of paths) {
    for (let n = path.length - 1; n >= 0; n--) {
      const node = getAt(root, path.slice(0, n));
      if (node !== null && typeof node === 'object' && !Array.isArray(node) && 'logprobs' in node) {
        if ((node as Record<string, unknown>).logprobs !== null) setAt(root, [...path.slice(0, n), 'logprobs'], null);
        break;
      }
    }
  }
}

export interface ExcerptOptions {
  maskDigits: boolean;
  terms: readonly string[];
  patterns: readonly string[];
}

/**
 * Masking of what reviewers see beyond the findings: every digit (a card written with dots that no
 * detector took, a house number) and the configured terms and patterns. Compiled once.
 */
export function createExcerptMasker(o: ExcerptOptions): (text: string) => string {
  const res: RegExp[] = [];
  const esc = (t: string) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  if (o.terms.length) res.push(compileRe2(`(?:${o.terms.map(esc).join('|')})`, 'gi') as unknown as RegExp);
  for (const p of o.patterns) res.push(compileRe2(p, 'g') as unknown as RegExp);
  return (text) => {
    let out = text;
    for (const re of res) out = out.replace(re, '[MASKED]');
    return o.maskDigits ? out.replace(/[0-9]/g, '#') : out;
  };
}

/** A reviewer's excerpt: the conversation text with every finding masked (then `mask`), at most `max` characters. */
export function maskedExcerpt(fields: readonly Field[], findings: readonly Finding[], redactor: Redactor, mask: (text: string) => string = (t) => t, max = 500): string {
  const bySegment = new Map<number, Finding[]>();
  for (const f of findings) {
    const seg = f.segment ?? 0;
    let list = bySegment.get(seg);
    if (!list) bySegment.set(seg, (list = []));
    list.push(f);
  }
  let out = '';
  for (let i = 0; i < fields.length && out.length < max; i++) {
    if (fields[i].structural) continue;
    const list = bySegment.get(i);
    const text = list ? redactor.redact(fields[i].text, list, 'mask', undefined) : fields[i].text;
    out += (out ? '\n' : '') + mask(text);
  }
  return out.slice(0, max);
}
