// Unified text diffs of policy versions (the admin API's version compare): a longest-common-
// subsequence line diff, printed as `diff -u` / git print it.
import type { PolicyFile } from './source.js';

export interface DiffOp {
  op: ' ' | '-' | '+';
  /** The line with its newline, when it has one. */
  line: string;
}

/** Past this many cells the middle of two texts is shown as all removed, then all added. */
const MAX_CELLS = 16_000_000;

/** Lines of a text, each with its newline (the last may have none). */
export function splitLines(text: string): string[] {
  const out = text.split('\n').map((l) => l + '\n');
  const last = out.pop()!;
  if (last !== '\n') out.push(last.slice(0, -1));
  return out;
}

/** The edit script from `a` to `b`: shared lines kept, the fewest lines removed and added. */
export function lineDiff(a: readonly string[], b: readonly string[]): DiffOp[] {
  let pre = 0;
  while (pre < a.length && pre < b.length && a[pre] === b[pre]) pre++;
  let suf = 0;
  while (suf < a.length - pre && suf < b.length - pre && a[a.length - 1 - suf] === b[b.length - 1 - suf]) suf++;
  const x = a.slice(pre, a.length - suf);
  const y = b.slice(pre, b.length - suf);
  const mid: DiffOp[] = [];
  if (x.length * y.length > MAX_CELLS) {
    for (const line of x) mid.push({ op: '-', line });
    for (const line of y) mid.push({ op: '+', line });
  } else {
    // lcs[i][j]: length of the LCS of x[i..] and y[j..], one flat array.
    const w = y.length + 1;
    const lcs = new Uint32Array((x.length + 1) * w);
    for (let i = x.length - 1; i >= 0; i--)
      for (let j = y.length - 1; j >= 0; j--) lcs[i * w + j] = x[i] === y[j] ? lcs[(i + 1) * w + j + 1] + 1 : Math.max(lcs[(i + 1) * w + j], lcs[i * w + j + 1]);
    let i = 0;
    let j = 0;
    while (i < x.length || j < y.length) {
      if (i < x.length && j < y.length && x[i] === y[j]) {
        mid.push({ op: ' ', line: x[i] });
        i++;
        j++;
      } else if (j < y.length && (i === x.length || lcs[i * w + j + 1] >= lcs[(i + 1) * w + j])) mid.push({ op: '+', line: y[j++] });
      else mid.push({ op: '-', line: x[i++] });
    }
    // Removals before additions inside each changed run, as diff -u prints them.
    for (let s = 0; s < mid.length; ) {
      if (mid[s].op === ' ') {
        s++;
        continue;
      }
      let e = s;
      while (e < mid.length && mid[e].op !== ' ') e++;
      const run = mid.slice(s, e);
      mid.splice(s, e - s, ...run.filter((o) => o.op === '-'), ...run.filter((o) => o.op === '+'));
      s = e;
    }
  }
  return [...a.slice(0, pre).map((line) => ({ op: ' ' as const, line })), ...mid, ...b.slice(b.length - suf).map((line) => ({ op: ' ' as const, line }))];
}

const range = (start: number, count: number) => (count === 1 ? `${start}` : `${count === 0 ? start - 1 : start},${count}`);

function printLine(o: DiffOp): string {
  return o.line.endsWith('\n') ? `${o.op}${o.line}` : `${o.op}${o.line}\n\\ No newline at end of file\n`;
}

/** A unified diff of two texts with `context` lines around each change; '' when they are equal. */
export function unifiedDiff(fromName: string, toName: string, from: string, to: string, context = 3): string {
  if (from === to) return '';
  const ops = lineDiff(splitLines(from), splitLines(to));
  let out = `--- ${fromName}\n+++ ${toName}\n`;
  const changed = ops.map((o, k) => (o.op !== ' ' ? k : -1)).filter((k) => k >= 0);
  let k = 0;
  while (k < changed.length) {
    const start = Math.max(0, changed[k] - context);
    let end = changed[k];
    while (k + 1 < changed.length && changed[k + 1] - end <= 2 * context + 1) end = changed[++k];
    end = Math.min(ops.length, end + context + 1);
    k++;
    // Line numbers at the hunk's start on each side.
    let aLine = 1;
    let bLine = 1;
    for (let n = 0; n < start; n++) {
      if (ops[n].op !== '+') aLine++;
      if (ops[n].op !== '-') bLine++;
    }
    const hunk = ops.slice(start, end);
    const aCount = hunk.filter((o) => o.op !== '+').length;
    const bCount = hunk.filter((o) => o.op !== '-').length;
    out += `@@ -${range(aLine, aCount)} +${range(bLine, bCount)} @@\n` + hunk.map(printLine).join('');
  }
  return out;
}

/** A unified diff of two policy versions' files, file by file in name order (added and removed files against /dev/null). */
export function diffPolicyFiles(from: readonly PolicyFile[], to: readonly PolicyFile[]): string {
  const a = new Map(from.map((f) => [f.name, f.content]));
  const b = new Map(to.map((f) => [f.name, f.content]));
  const names = [...new Set([...a.keys(), ...b.keys()])].sort();
  return names
    .map((n) => unifiedDiff(a.has(n) ? `a/${n}` : '/dev/null', b.has(n) ? `b/${n}` : '/dev/null', a.get(n) ?? '', b.get(n) ?? ''))
    .join('');
}
