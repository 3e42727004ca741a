// PERSON, best effort and precision first: capitalised names after a title or a lead-in phrase
// ("Dr. Jane Doe", "my name is Jane Doe"), or a common given name followed by a capitalised surname.
import type { DetectData } from '../data.js';
import type { Detector, DetectorFactory, LiteralSetBuilder, RawFinding, ScanContext } from '../types.js';

// Up to four name words (capitalised words or initials), separated by single spaces.
const NAME_AT = /[ \t]{0,2}((?:\p{Lu}[\p{Ll}'’]+(?:-\p{Lu}[\p{Ll}'’]+)?|\p{Lu}\.?)(?:[ \t](?:\p{Lu}[\p{Ll}'’]+(?:-\p{Lu}[\p{Ll}'’]+)?|\p{Lu}\.)){0,3})/uy;
const SURNAME_AT = /[ \t]((?:\p{Lu}\.?[ \t])?\p{Lu}[\p{Ll}'’]+(?:-\p{Lu}[\p{Ll}'’]+)?)/uy;
const VERSION = '1';
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\\/]/g, '\\$&');

export function personDetector(data: DetectData): DetectorFactory {
  const titles = data.person.titles.map((t) => t.toLowerCase());
  const leadIns = data.person.leadIns.map((t) => t.toLowerCase());
  const given = [...data.person.givenNames].map((n) => n.toLowerCase());
  const stop = new Set(data.person.stopWords);
  return {
    id: 'pii.person',
    types: ['PERSON'],
    literals: [...titles, ...leadIns, ...given],
    gates: [
      `\\b(?i:${titles.map(escapeRe).join('|')})\\.?[ \\t]+\\p{Lu}`,
      `(?i:${leadIns.map(escapeRe).join('|')})[ \\t]*\\p{Lu}`,
      `\\b(?:${[...data.person.givenNames].map(escapeRe).join('|')})[ \\t]+\\p{Lu}`,
    ],
    build(set: LiteralSetBuilder): Detector {
      const titleSet = set(titles);
      const leadSet = set(leadIns);
      const givenSet = set(given);
      const nameAt = new RegExp(NAME_AT.source, NAME_AT.flags);
      const surnameAt = new RegExp(SURNAME_AT.source, SURNAME_AT.flags);

      /** Trims stop words off both ends of a name; returns [start, end] or null. */
      const trimName = (text: string, start: number, value: string): [number, number] | null => {
        const words = value.split(/[ \t]/);
        let a = 0;
        let b = words.length;
        while (a < b && stop.has(words[a].replace(/\.$/, ''))) a++;
        while (b > a && (stop.has(words[b - 1].replace(/\.$/, '')) || /^\p{Lu}\.?$/u.test(words[b - 1]))) b--;
        if (a >= b) return null;
        const before = words.slice(0, a).join(' ');
        const s = start + (a ? before.length + 1 : 0);
        const e = s + words.slice(a, b).join(' ').length;
        return [s, e];
      };

      return {
        id: 'pii.person',
        types: ['PERSON'],
        version: VERSION,
        scan(ctx: ScanContext, out: RawFinding[]): void {
          const text = ctx.text;
          // One finding per name start: a title and a given name often point at the same name.
          const starts = new Set<number>();
          const push = (s: number, e: number, score: number) => {
            if (starts.has(s)) return;
            starts.add(s);
            out.push({ type: 'PERSON', start: s, end: e, score, detector: 'pii.person', detectorVersion: VERSION });
          };
          const after = (pos: number, minWords: number, score: number, scoreMulti: number) => {
            nameAt.lastIndex = pos;
            const m = nameAt.exec(text);
            if (!m) return;
            const start = pos + m[0].indexOf(m[1]);
            const span = trimName(text, start, m[1]);
            if (!span) return;
            const words = text.slice(span[0], span[1]).split(' ').length;
            if (words < minWords) return;
            push(span[0], span[1], words >= 2 ? scoreMulti : score);
          };
          for (const i of ctx.hitsOf(titleSet)) {
            const s = ctx.hits.start[i];
            let e = ctx.hits.end[i];
            if (!/\p{Lu}/u.test(text[s])) continue;
            if (text[e] === '.') e++;
            if (text[e] !== ' ') continue;
            after(e, 1, 0.8, 0.9);
          }
          for (const i of ctx.hitsOf(leadSet)) {
            const e = ctx.hits.end[i];
            after(e, 2, 0, 0.75);
          }
          for (const i of ctx.hitsOf(givenSet)) {
            const s = ctx.hits.start[i];
            const e = ctx.hits.end[i];
            if (!/\p{Lu}/u.test(text[s]) || /\p{Lu}/u.test(text[s + 1] ?? '')) continue;
            if (/[\p{L}]/u.test(text[e] ?? '')) continue;
            surnameAt.lastIndex = e;
            const m = surnameAt.exec(text);
            if (!m || stop.has(m[1])) continue;
            push(s, e + m[0].length, 0.7);
          }
        },
      };
    },
  };
}
