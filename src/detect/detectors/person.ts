// PERSON, best effort and precision first: capitalised names after a title or a lead-in phrase
// ("Dr. Jane Doe", "my name is Jane Doe"), or a common given name followed by a capitalised surname.
import type { DetectData } from '../data.js';
import type { Detector, DetectorFactory, LiteralSetBuilder, RawFinding, ScanContext } from '../types.js';

// Up to four name words (capitalised words or initials), separated by single spaces.
const NAME_AT = /[ \t]{0,2}((?:\p{Lu}[\p{Ll}'’]+(?:-\p{Lu}[\p{Ll}'’]+)?|\p{Lu}\.?)(?:[ \t](?:\p{Lu}[\p{Ll}'’]+(?:-\p{Lu}[\p{Ll}'’]+)?|\p{Lu}\.)){0,3})/uy;
const SURNAME_AT = /[ \t]((?:\p{Lu}\.?[ \t])?\p{Lu}[\p{Ll}'’]+(?:-\p{Lu}[\p{Ll}'’]+)?)/uy;
const VERSION = '1';
const LETTER = /\p{L}/u;
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
    selfGated: true,
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

      const upperAt = /\p{Lu}/uy;
      const isUpper = (text: string, i: number): boolean => {
        upperAt.lastIndex = i;
        return upperAt.test(text);
      };
      const wordEnd = (text: string, from: number, end: number): number => {
        for (let i = from; i < end; i++) {
          const c = text.charCodeAt(i);
          if (c === 32 || c === 9) return i;
        }
        return end;
      };
      const bare = (w: string) => (w.endsWith('.') ? w.slice(0, -1) : w);

      /** Trims stop words (and a trailing initial) off both ends of a name; returns [start, end, words] or null. */
      const trimName = (text: string, start: number, end: number): [number, number, number] | null => {
        let a = start;
        for (;;) {
          const we = wordEnd(text, a, end);
          if (!stop.has(bare(text.slice(a, we)))) break;
          if (we >= end) return null;
          a = we + 1;
        }
        let e = end;
        for (;;) {
          let ws = e;
          while (ws > a && text.charCodeAt(ws - 1) !== 32 && text.charCodeAt(ws - 1) !== 9) ws--;
          const w = bare(text.slice(ws, e));
          if (!stop.has(w) && w.length > 1) break;
          if (ws <= a) return null;
          e = ws - 1;
        }
        let words = 1;
        for (let i = a; i < e; i++) if (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9) words++;
        return [a, e, words];
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
            const start = pos + m[0].length - m[1].length;
            const span = trimName(text, start, start + m[1].length);
            if (!span || span[2] < minWords) return;
            push(span[0], span[1], span[2] >= 2 ? scoreMulti : score);
          };
          for (const i of ctx.hitsOf(titleSet)) {
            const s = ctx.hits.start[i];
            let e = ctx.hits.end[i];
            if (!isUpper(text, s)) continue;
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
            if (!isUpper(text, s) || isUpper(text, s + 1)) continue;
            if (LETTER.test(text[e] ?? '')) continue;
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
