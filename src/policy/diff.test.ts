// The policy version diff: output as GNU `diff -u` prints it (vectors below were checked against
// it), and edit scripts that turn one text into the other with the fewest changed lines.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diffPolicyFiles, lineDiff, splitLines, unifiedDiff } from './diff.js';

const lines = (n: number) => Array.from({ length: n }, (_, i) => String.fromCharCode(97 + i) + '\n').join('');

test('two hunks, a change and a line without a final newline, as diff -u prints them', () => {
  const a = lines(11);
  const b = 'a\nB\nc\nd\ne\nf\ng\nh\ni\nk\nl';
  assert.equal(
    unifiedDiff('a/x.yaml', 'b/x.yaml', a, b),
    [
      '--- a/x.yaml',
      '+++ b/x.yaml',
      '@@ -1,5 +1,5 @@',
      ' a',
      '-b',
      '+B',
      ' c',
      ' d',
      ' e',
      '@@ -7,5 +7,5 @@',
      ' g',
      ' h',
      ' i',
      '-j',
      ' k',
      '+l',
      '\\ No newline at end of file',
      '',
    ].join('\n'),
  );
});

test('changes closer than twice the context share one hunk; equal texts give nothing', () => {
  const a = lines(10);
  const b = a.replace('c\n', 'C\n').replace('i\n', 'I\n');
  assert.equal(unifiedDiff('a', 'b', a, b).split('\n').filter((l) => l.startsWith('@@')).length, 1);
  assert.equal(unifiedDiff('a', 'b', a, a), '');
});

test('added and removed files against /dev/null, in name order', () => {
  const d = diffPolicyFiles([{ name: 'old.yaml', content: 'x\n' }, { name: 'same.yaml', content: 's\n' }], [{ name: 'new.yaml', content: 'y\nz\n' }, { name: 'same.yaml', content: 's\n' }]);
  assert.equal(d, '--- /dev/null\n+++ b/new.yaml\n@@ -0,0 +1,2 @@\n+y\n+z\n--- a/old.yaml\n+++ /dev/null\n@@ -1 +0,0 @@\n-x\n');
});

/** Length of the longest common subsequence, the plain way. */
function lcsLength(a: string[], b: string[]): number {
  const t = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = 1; i <= a.length; i++) for (let j = 1; j <= b.length; j++) t[i][j] = a[i - 1] === b[j - 1] ? t[i - 1][j - 1] + 1 : Math.max(t[i - 1][j], t[i][j - 1]);
  return t[a.length][b.length];
}

test('random texts: the script rebuilds both sides and keeps a longest common subsequence', () => {
  let seed = 7;
  const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
  for (let k = 0; k < 300; k++) {
    const a = Array.from({ length: rnd(12) }, () => 'xyzw'[rnd(4)] + '\n');
    const b = Array.from({ length: rnd(12) }, () => 'xyzw'[rnd(4)] + '\n');
    const ops = lineDiff(a, b);
    assert.deepEqual(ops.filter((o) => o.op !== '+').map((o) => o.line), a);
    assert.deepEqual(ops.filter((o) => o.op !== '-').map((o) => o.line), b);
    assert.equal(ops.filter((o) => o.op === ' ').length, lcsLength(a, b));
  }
});

test('splitLines keeps each newline and a last line without one', () => {
  assert.deepEqual(splitLines('a\nb'), ['a\n', 'b']);
  assert.deepEqual(splitLines('a\n'), ['a\n']);
  assert.deepEqual(splitLines(''), []);
});
