// Custom detectors from configuration: keyword lists (project code names, customer lists) and
// regular expressions. Both run in RE2, a linear-time engine, so a configured pattern cannot
// backtrack catastrophically; a pattern RE2 cannot compile is refused with the detector named.
import { createRequire } from 'node:module';
import { z } from 'zod';
import type { Detector, DetectorFactory, RawFinding, ScanContext } from './types.js';

/** A custom detector as written in configuration. */
export interface CustomDetectorConfig {
  /** Detector id; also the reported type unless `type` is given. */
  id: string;
  type?: string;
  subtype?: string;
  /** Words or phrases, matched at word boundaries. */
  keywords?: string[];
  /** Regular expressions in RE2 syntax (no look-around, no back-references). */
  patterns?: string[];
  /** Keywords and patterns match case-sensitively (default false). */
  caseSensitive?: boolean;
  /** Score of a match, 0..1 (default 0.9). */
  score?: number;
}

interface Re2Like {
  lastIndex: number;
  exec(text: string): RegExpExecArray | null;
}
type Re2Ctor = new (pattern: string, flags?: string) => Re2Like;

let re2: Re2Ctor | undefined;
/** Loads the RE2 binding on first use (it is native code, not needed without custom detectors). */
function loadRe2(): Re2Ctor {
  if (!re2) re2 = createRequire(import.meta.url)('re2') as Re2Ctor;
  return re2;
}

const RE2_META = /[.*+?^${}()|[\]\\]/g;

/** Compiles one pattern with RE2, or throws an error that names the detector. */
function compile(id: string, source: string, caseSensitive: boolean): Re2Like {
  const RE2 = loadRe2();
  try {
    return new RE2(source, caseSensitive ? 'gu' : 'giu');
  } catch (err) {
    throw new Error(`custom detector "${id}": pattern ${JSON.stringify(source)} is not valid RE2 syntax (${(err as Error).message})`);
  }
}

function keywordPattern(keywords: string[]): string {
  const alts = [...keywords].sort((a, b) => b.length - a.length).map((k) => k.replace(RE2_META, '\\$&'));
  return `(?:^|[^\\p{L}\\p{N}_])(${alts.join('|')})(?:$|[^\\p{L}\\p{N}_])`;
}

export const customDetectorSchema: z.ZodType<CustomDetectorConfig> = z
  .object({
    id: z.string().regex(/^[A-Za-z][A-Za-z0-9_.:-]{0,63}$/, 'id: letters, digits, _ . : - (max 64), starting with a letter'),
    type: z.string().regex(/^[A-Z][A-Z0-9_]{0,63}$/, 'type: upper case, digits and _').optional(),
    subtype: z.string().max(64).optional(),
    keywords: z.array(z.string().trim().min(1).max(200)).max(100000).optional(),
    patterns: z.array(z.string().min(1).max(2000)).max(100).optional(),
    caseSensitive: z.boolean().optional(),
    score: z.number().min(0).max(1).optional(),
  })
  .strict()
  .superRefine((c, ctx) => {
    if (!c.keywords?.length && !c.patterns?.length) {
      ctx.addIssue({ code: 'custom', message: `custom detector "${c.id}": give keywords or patterns` });
    }
    for (const p of c.patterns ?? []) {
      try {
        compile(c.id, p, !!c.caseSensitive);
      } catch (err) {
        ctx.addIssue({ code: 'custom', path: ['patterns'], message: (err as Error).message });
      }
    }
  });

/** Builds one custom detector; throws (naming it) when a pattern does not compile. */
export function customDetector(config: CustomDetectorConfig): DetectorFactory {
  const parsed = customDetectorSchema.safeParse(config);
  if (!parsed.success) throw new Error(parsed.error.issues.map((i) => i.message).join('; '));
  const c = parsed.data;
  const type = c.type ?? c.id;
  const score = c.score ?? 0.9;
  const regexes: Array<{ re: Re2Like; group: number }> = (c.patterns ?? []).map((p) => ({ re: compile(c.id, p, !!c.caseSensitive), group: 0 }));
  if (c.keywords?.length) regexes.push({ re: compile(c.id, keywordPattern(c.keywords), !!c.caseSensitive), group: 1 });
  const detector: Detector = {
    id: c.id,
    types: [type],
    version: 'custom',
    scan(ctx: ScanContext, out: RawFinding[]): void {
      for (const { re, group } of regexes) {
        re.lastIndex = 0;
        let m: RegExpExecArray | null;
        while ((m = re.exec(ctx.text)) !== null) {
          const value = m[group];
          if (!value) {
            if (m[0].length === 0) re.lastIndex++;
            continue;
          }
          const start = m.index + (group === 0 ? 0 : m[0].indexOf(value));
          out.push({ type, subtype: c.subtype, start, end: start + value.length, score, detector: c.id, detectorVersion: 'custom' });
          // Keywords consume the boundary character after them: step back so adjacent keywords match.
          if (group !== 0 && m[0].length > 0) re.lastIndex = Math.max(start + value.length, re.lastIndex - 1);
        }
      }
    },
  };
  return { id: c.id, types: [type], literals: [], build: () => detector };
}
