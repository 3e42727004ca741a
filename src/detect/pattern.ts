// The common shape of most detectors: a regular expression run only where the prefilter says it
// can match (near digits, or near a trigger literal), a validator, and context-word scoring.
import { toGatePattern } from './gate.js';
import type { Detector, DetectorFactory, LiteralSetBuilder, RawFinding, ScanContext } from './types.js';

export interface PatternSpec {
  id: string;
  type: string;
  subtype?: string;
  version?: string;
  /** Must be global; written without nested quantifiers so it runs in linear time. */
  pattern: RegExp;
  /** Capture group holding the value (0 = the whole match). */
  group?: number;
  /** Where to run: windows around digit runs, around trigger literals, or on long tokens. */
  gate: 'digits' | 'triggers' | 'tokens' | 'char';
  /** For gate 'char': the character whose occurrences open windows (e.g. '@'). */
  char?: string;
  /** For gate 'tokens': a cheap test of the token text before the pattern runs. */
  tokenTest?: RegExp;
  triggers?: string[];
  /** Window around a trigger hit, in characters. */
  before?: number;
  after?: number;
  baseScore: number;
  /** Context words (literal lists) that raise the score when near. */
  context?: string[];
  contextBoost?: number;
  /** Drop candidates with no context word near. */
  requireContext?: boolean;
  /** Words that lower the score when near (order, invoice, version …). */
  negative?: string[];
  negativePenalty?: number;
  /** How far before the value negative words count (default 40). */
  negativeBefore?: number;
  /** How far before/after the value context words count. */
  contextBefore?: number;
  contextAfter?: number;
  /** RE2 gate patterns; by default the pattern itself without its look-arounds. */
  gatePatterns?: string[];
  /** Returns an adjusted score, or false to reject the candidate. */
  validate?: (value: string, score: number, m: RegExpExecArray, text: string) => number | false;
}

const ALNUM = /[A-Za-z0-9]/;

/** Builds a detector factory from a pattern spec. */
export function patternDetector(spec: PatternSpec): DetectorFactory {
  if (!spec.pattern.global) throw new Error(`detector ${spec.id}: pattern must be global`);
  const literals = [...(spec.triggers ?? []), ...(spec.context ?? []), ...(spec.negative ?? [])];
  return {
    id: spec.id,
    types: [spec.type],
    literals,
    gates: spec.gatePatterns ?? [toGatePattern(spec.pattern)],
    selfGated: true,
    build(set: LiteralSetBuilder): Detector {
      const triggerSet = set(spec.triggers ?? []);
      const contextSet = spec.context?.length ? set(spec.context) : null;
      const negativeSet = spec.negative?.length ? set(spec.negative) : null;
      const version = spec.version ?? '1';
      const group = spec.group ?? 0;
      const before = spec.before ?? 0;
      const after = spec.after ?? 64;
      const cBefore = spec.contextBefore ?? 80;
      const cAfter = spec.contextAfter ?? 40;
      const boost = spec.contextBoost ?? 0.15;
      const penalty = spec.negativePenalty ?? 0.35;
      const negBefore = spec.negativeBefore ?? 40;
      const re = new RegExp(spec.pattern.source, spec.pattern.flags);

      const consider = (ctx: ScanContext, m: RegExpExecArray, offset: number, out: RawFinding[]): void => {
        const value = m[group];
        if (value === undefined) return;
        const start = offset + m.index + (group === 0 ? 0 : m[0].indexOf(value));
        const end = start + value.length;
        // Validate first (cheap, and most candidates fail it); validators adjust the score additively.
        let score = spec.baseScore;
        if (spec.validate) {
          const v = spec.validate(value, score, m, ctx.text);
          if (v === false) return;
          score = v;
        }
        if (contextSet) {
          const near = ctx.literalNear(contextSet, start - cBefore, end + cAfter);
          if (near) score += boost;
          else if (spec.requireContext) return;
        }
        if (negativeSet && ctx.literalNear(negativeSet, start - negBefore, end + 8)) score -= penalty;
        if (score <= 0) return;
        out.push({
          type: spec.type,
          subtype: spec.subtype,
          start,
          end,
          score: Math.min(0.99, Math.round(score * 100) / 100),
          detector: spec.id,
          detectorVersion: version,
        });
      };

      const runWindow = (ctx: ScanContext, from: number, to: number, out: RawFinding[]): void => {
        const text = ctx.text;
        const whole = from <= 0 && to >= text.length;
        const slice = whole ? text : text.slice(from, to);
        const offset = whole ? 0 : from;
        re.lastIndex = 0;
        let m: RegExpExecArray | null;
        while ((m = re.exec(slice)) !== null) {
          if (m[0].length === 0) {
            re.lastIndex++;
            continue;
          }
          // A window may cut a word: a match at its very start counts only at a real word start.
          if (m.index === 0 && offset > 0 && ALNUM.test(text[offset - 1]) && ALNUM.test(slice[0])) continue;
          consider(ctx, m, offset, out);
        }
      };

      return {
        id: spec.id,
        types: [spec.type],
        version,
        scan(ctx: ScanContext, out: RawFinding[]): void {
          if (spec.gate === 'digits') {
            const w = ctx.digitWindows();
            for (let i = 0; i < w.length; i += 2) runWindow(ctx, w[i], w[i + 1], out);
            return;
          }
          if (spec.gate === 'char') {
            const text = ctx.text;
            let ws = -1;
            let we = -1;
            for (let p = text.indexOf(spec.char!); p >= 0; p = text.indexOf(spec.char!, p + 1)) {
              const s = Math.max(0, p - before);
              const e = Math.min(text.length, p + 1 + after);
              if (ws >= 0 && s <= we) we = e;
              else {
                if (ws >= 0) runWindow(ctx, ws, we, out);
                ws = s;
                we = e;
              }
            }
            if (ws >= 0) runWindow(ctx, ws, we, out);
            return;
          }
          if (spec.gate === 'tokens') {
            const t = ctx.tokens();
            const test = spec.tokenTest;
            for (let i = 0; i < t.length; i += 2) {
              const s = Math.max(0, t[i] - before);
              if (test) {
                test.lastIndex = 0;
                if (!test.test(ctx.text.slice(s, t[i + 1]))) continue;
              }
              runWindow(ctx, s, Math.min(ctx.text.length, t[i + 1] + after), out);
            }
            return;
          }
          const idx = ctx.hitsOf(triggerSet);
          if (idx.length === 0) return;
          // Merge the windows of nearby hits so each stretch of text is searched once.
          let ws = -1;
          let we = -1;
          for (const i of idx) {
            const s = Math.max(0, ctx.hits.start[i] - before);
            const e = Math.min(ctx.text.length, ctx.hits.end[i] + after);
            if (ws >= 0 && s <= we) {
              ws = Math.min(ws, s);
              we = Math.max(we, e);
            }
            else {
              if (ws >= 0) runWindow(ctx, ws, we, out);
              ws = s;
              we = e;
            }
          }
          if (ws >= 0) runWindow(ctx, ws, we, out);
        },
      };
    },
  };
}
