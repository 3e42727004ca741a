import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createDetectorSet, customDetectorSchema } from './index.js';

test('keyword lists match whole words, case-insensitively by default', () => {
  const set = createDetectorSet({ custom: [{ id: 'project_codenames', keywords: ['Bluebird', 'Project Falcon'] }] });
  const text = 'Status of project falcon and BLUEBIRD; bluebirds are birds.';
  const fs = set.scan(text).filter((f) => f.type === 'project_codenames');
  assert.deepEqual(fs.map((f) => text.slice(f.start, f.end)), ['project falcon', 'BLUEBIRD']);
  assert.equal(fs[0].detector, 'project_codenames');
});

test('regular expressions run in RE2; type, subtype, score and case sensitivity are honoured', () => {
  const set = createDetectorSet({
    custom: [{ id: 'employee_id', type: 'EMPLOYEE_ID', subtype: 'hr', patterns: ['EMP-\\d{6}'], caseSensitive: true, score: 0.7 }],
  });
  const fs = set.scan('ids EMP-123456 and emp-654321');
  assert.deepEqual(fs.map((f) => [f.type, f.subtype, f.start, f.end, f.score]), [['EMPLOYEE_ID', 'hr', 4, 14, 0.7]]);
});

test('custom detectors see the normalised text: a zero-width character does not hide a keyword', () => {
  const set = createDetectorSet({ custom: [{ id: 'codename', keywords: ['Bluebird'] }] });
  const text = 'about Blue\u200bbird today';
  const f = set.scan(text).find((x) => x.type === 'codename')!;
  assert.equal(text.slice(f.start, f.end), 'Blue\u200bbird');
});

test('patterns RE2 cannot run (look-behind, back-references) are refused with the detector named', () => {
  const bad = customDetectorSchema.safeParse({ id: 'acct', patterns: ['(?<=acct )\\d+'] });
  assert.equal(bad.success, false);
  assert.match(bad.error!.issues[0].message, /custom detector "acct".*not valid RE2/);
  assert.throws(() => createDetectorSet({ custom: [{ id: 'rep', patterns: ['(a)\\1'] }] }), /custom detector "rep"/);
  assert.equal(customDetectorSchema.safeParse({ id: 'empty' }).success, false, 'keywords or patterns required');
  assert.equal(customDetectorSchema.safeParse({ id: 'x', keywords: ['a'], extra: 1 }).success, false, 'unknown keys refused');
  assert.throws(() => createDetectorSet({ custom: [{ id: 'pci.credit_card', keywords: ['x'] }] }), /already in use/);
});

test('a configured pattern that would backtrack catastrophically in a backtracking engine runs linearly in RE2', () => {
  const set = createDetectorSet({ custom: [{ id: 'evil', patterns: ['(a+)+$'] }] });
  // In a backtracking engine this input takes exponential time; RE2 answers at once.
  const fs = set.scan('a'.repeat(5000) + '!');
  assert.deepEqual(fs.filter((f) => f.type === 'evil'), []);
});
