import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createNormalizer, mapRange } from './normalize.js';
import { loadDetectData } from './data.js';

const normalize = createNormalizer(loadDetectData().homoglyphs);

test('plain ASCII is returned as is, without a map', () => {
  const n = normalize('card 4111 1111 1111 1111');
  assert.equal(n.text, 'card 4111 1111 1111 1111');
  assert.equal(n.starts, null);
});

test('zero-width and bidi controls are removed and offsets map back', () => {
  const original = 'pa\u200bss\u202eword';
  const n = normalize(original);
  assert.equal(n.text, 'password');
  assert.deepEqual(mapRange(n, 0, 8, original.length), [0, original.length]);
  assert.deepEqual(mapRange(n, 2, 4, original.length), [3, 5]);
});

test('fullwidth digits fold to ASCII (NFKC) and Cyrillic look-alikes to Latin', () => {
  const n = normalize('４１１１ раss');
  assert.equal(n.text, '4111 pass');
  const original = 'x ｆｉ\u{1D41A}';
  const m = normalize(original);
  assert.equal(m.text, 'x fia');
  // "a" came from a surrogate pair: its range is both code units.
  assert.deepEqual(mapRange(m, 4, 5, original.length), [4, 6]);
});

test('a ligature expanding to two letters maps both to the one original character', () => {
  const original = 'ﬁle';
  const n = normalize(original);
  assert.equal(n.text, 'file');
  assert.deepEqual(mapRange(n, 0, 1, original.length), [0, 1]);
  assert.deepEqual(mapRange(n, 1, 4, original.length), [0, 3]);
});
