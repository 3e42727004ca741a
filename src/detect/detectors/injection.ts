// Prompt injection and jailbreak cues (data/detect/injection.yaml): each cue is evaluated only near
// one of its trigger words; a text whose cues add up to a weight of 1 or more is reported.
import type { DetectData, InjectionCue } from '../data.js';
import { toGatePattern } from '../gate.js';
import type { Detector, DetectorFactory, LiteralSetBuilder, RawFinding, ScanContext } from '../types.js';

const VERSION = '1';
const WINDOW_BEFORE = 160;
const WINDOW_AFTER = 240;

interface CompiledCue {
  cue: InjectionCue;
  re: RegExp;
  triggers: Uint8Array;
}

export function injectionDetector(data: DetectData): DetectorFactory {
  const cues = data.injection;
  return {
    id: 'injection.cues',
    types: ['PROMPT_INJECTION', 'JAILBREAK'],
    literals: cues.flatMap((c) => c.triggers),
    gates: cues.map((c) => toGatePattern(new RegExp(c.pattern, 'gi'))),
    build(set: LiteralSetBuilder): Detector {
      const compiled: CompiledCue[] = cues
        .filter((c) => c.triggers.length > 0)
        .map((cue) => ({ cue, re: new RegExp(cue.pattern, 'gi'), triggers: set(cue.triggers) }));
      const any = set(cues.flatMap((c) => c.triggers));
      return {
        id: 'injection.cues',
        types: ['PROMPT_INJECTION', 'JAILBREAK'],
        version: VERSION,
        scan(ctx: ScanContext, out: RawFinding[]): void {
          if (ctx.hitsOf(any).length === 0) return;
          const text = ctx.text;
          let best: { cue: InjectionCue; start: number; end: number } | null = null;
          const weightByType = new Map<string, number>();
          let total = 0;
          for (const c of compiled) {
            const idx = ctx.hitsOf(c.triggers);
            if (idx.length === 0) continue;
            let found: { start: number; end: number } | null = null;
            let searchedTo = -1;
            for (const i of idx) {
              const from = Math.max(searchedTo, ctx.hits.start[i] - WINDOW_BEFORE, 0);
              const to = Math.min(text.length, ctx.hits.end[i] + WINDOW_AFTER);
              if (from >= to) continue;
              // Cue patterns may anchor on ^ (start of the text): search the real text when the window starts at 0.
              const slice = from === 0 && to === text.length ? text : text.slice(from, to);
              c.re.lastIndex = 0;
              const m = c.re.exec(slice);
              searchedTo = to;
              if (m && m[0].length > 0 && !(from > 0 && m[0].startsWith('^'))) {
                found = { start: from + m.index, end: from + m.index + m[0].length };
                break;
              }
            }
            if (!found) continue;
            total += c.cue.weight;
            weightByType.set(c.cue.type, (weightByType.get(c.cue.type) ?? 0) + c.cue.weight);
            if (!best || c.cue.weight > best.cue.weight) best = { cue: c.cue, ...found };
          }
          if (!best || total < 1) return;
          let type: string = best.cue.type;
          let subtype = best.cue.subtype;
          for (const [t, w] of weightByType) if (w > (weightByType.get(type) ?? 0)) type = t;
          if (type !== best.cue.type) subtype = 'mixed';
          out.push({
            type,
            subtype,
            start: best.start,
            end: best.end,
            score: Math.min(0.99, Math.round((0.5 + total * 0.25) * 100) / 100),
            detector: 'injection.cues',
            detectorVersion: VERSION,
          });
        },
      };
    },
  };
}
