// Classification markings (CONFIDENTIAL, ATTORNEY-CLIENT PRIVILEGED, MNPI …) from data/detect/labels.yaml.
import type { DetectData } from '../data.js';
import type { Detector, DetectorFactory, LiteralSetBuilder, RawFinding, ScanContext } from '../types.js';

const WORD = /[A-Za-z0-9]/;
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\\/]/g, '\\$&').replace(/ /g, '\\s+');

export function labelDetector(data: DetectData): DetectorFactory {
  const entries = data.labels.flatMap((l) => l.phrases.map((p) => ({ subtype: l.subtype, phrase: p, caseSensitive: !!l.caseSensitive })));
  return {
    id: 'label.classification',
    types: ['DATA_LABEL'],
    literals: entries.map((e) => e.phrase.toLowerCase()),
    selfGated: true,
    gates: [
      `\\b(?:${entries.filter((e) => e.caseSensitive).map((e) => escapeRe(e.phrase)).join('|')})`,
      `(?i)\\b(?:${entries.filter((e) => !e.caseSensitive).map((e) => escapeRe(e.phrase)).join('|')})`,
    ],
    build(set: LiteralSetBuilder): Detector {
      const sets = entries.map((e) => ({ ...e, set: set([e.phrase.toLowerCase()]) }));
      const any = set(entries.map((e) => e.phrase.toLowerCase()));
      return {
        id: 'label.classification',
        types: ['DATA_LABEL'],
        version: '1',
        scan(ctx: ScanContext, out: RawFinding[]): void {
          if (ctx.hitsOf(any).length === 0) return;
          const text = ctx.text;
          const found: RawFinding[] = [];
          for (const e of sets) {
            for (const i of ctx.hitsOf(e.set)) {
              const s = ctx.hits.start[i];
              const en = ctx.hits.end[i];
              if (e.caseSensitive && text.slice(s, en) !== e.phrase) continue;
              if (WORD.test(text[en] ?? '') && WORD.test(e.phrase[e.phrase.length - 1])) continue;
              found.push({ type: 'DATA_LABEL', subtype: e.subtype, start: s, end: en, score: 0.9, detector: 'label.classification', detectorVersion: '1' });
            }
          }
          // "STRICTLY CONFIDENTIAL" is one marking, not two: keep only the longest of nested phrases.
          for (const f of found) {
            if (!found.some((g) => g !== f && g.start <= f.start && g.end >= f.end && g.end - g.start > f.end - f.start)) out.push(f);
          }
        },
      };
    },
  };
}
