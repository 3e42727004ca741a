// Floods of values and near-misses: the counts of what is found are fixed for a seed (the speed is
// measured by bench/detect.ts, not here).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createDetectorSet } from './index.js';
import { nineDigitFlood } from './flood.testutil.js';

const set = createDetectorSet();
const countByType = (text: string) => {
  const counts: Record<string, number> = {};
  for (const f of set.scanSegments([text])) counts[f.type] = (counts[f.type] ?? 0) + 1;
  return counts;
};

test('seeded floods of 9-digit numbers: the same findings as before the linear-time work', () => {
  // Counts recorded with the engine before the change (dense texts then went through the fine gate).
  assert.deepEqual(countByType(nineDigitFlood(60000, ' ', 7)), {});
  assert.deepEqual(countByType(nineDigitFlood(60000, '\n', 7)), {});
  assert.deepEqual(countByType(nineDigitFlood(60000, ' SSN ', 7)), { US_SSN: 3806 });
  assert.deepEqual(countByType(nineDigitFlood(60000, '\nrouting number ', 7)), { US_BANK_ROUTING: 71 });
});

test('a flood of chained names resolves to disjoint findings', () => {
  const names = ['John Smith', 'Mary Jones', 'Jane Doe'];
  const text = Array.from({ length: 3000 }, (_, i) => names[i % 3]).join(' ');
  const fs = set.scan(text);
  assert.ok(fs.length > 0);
  for (let i = 1; i < fs.length; i++) assert.ok(fs[i - 1].end <= fs[i].start, 'disjoint');
});
