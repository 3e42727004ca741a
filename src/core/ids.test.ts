import { it } from 'node:test';
import assert from 'node:assert/strict';
import { newId } from './ids.js';

it('ids are unique, 26 Crockford characters, and sort by time even within a millisecond', () => {
  const ids = Array.from({ length: 5000 }, () => newId(1_700_000_000_000));
  assert.equal(new Set(ids).size, ids.length);
  for (const id of ids) assert.match(id, /^[0-9A-HJKMNP-TV-Z]{26}$/);
  assert.deepEqual([...ids].sort(), ids);
  assert.ok(newId(1_700_000_000_001) > ids.at(-1)!);
});
