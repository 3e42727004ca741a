// Prompt injection and jailbreak cues (data/detect/injection.yaml). The engine's RE2 gate opens this
// detector only when some cue matches; each cue then runs once over the text, and a text whose
// matched cues add up to a weight of 1 or more is reported.
import type { DetectData, InjectionCue } from '../data.js';
import { toGatePattern } from '../gate.js';
import type { Detector, DetectorFactory, LiteralSetBuilder, RawFinding, ScanContext } from '../types.js';

const VERSION = '1';
interface CompiledCue {
  cue: InjectionCue;
  re: RegExp;
}

export function injectionDetector(data: DetectData): DetectorFactory {
  const cues = data.injection;
  return {
    id: 'injection.cues',
    types: ['PROMPT_INJECTION', 'JAILBREAK'],
    literals: [],
    gates: cues.map((c) => toGatePattern(new RegExp(c.pattern, 'gi'))),
    build(_set: LiteralSetBuilder): Detector {
      const compiled: CompiledCue[] = cues.map((cue) => ({ cue, re: new RegExp(cue.pattern, 'gi') }));
      return {
        id: 'injection.cues',
        types: ['PROMPT_INJECTION', 'JAILBREAK'],
        version: VERSION,
        scan(ctx: ScanContext, out: RawFinding[]): void {
          const text = ctx.text;
          let best: { cue: InjectionCue; start: number; end: number } | null = null;
          const weightByType = new Map<string, number>();
          let total = 0;
          for (const c of compiled) {
            c.re.lastIndex = 0;
            const m = c.re.exec(text);
            const found = m && m[0].length > 0 ? { start: m.index, end: m.index + m[0].length } : null;
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
