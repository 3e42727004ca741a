import { test } from 'node:test';
import assert from 'node:assert/strict';
import canonicalize from 'canonicalize';
import { canonicalJson, leafOf } from './leaf.js';
import type { GatewayRecord } from '../core/types.js';

const samples: unknown[] = [
  { b: 1, a: [true, false, null, 'x'], c: { z: 1e21, y: 1e-7, x: -0, w: 0.1 + 0.2 } },
  { '\u20ac': 'euro', '\r': 'cr', '\ufb33': 1, '1': 2, '\u0080': 3, '\ud83d\ude00': 'smile', 'a\u0000b': 'nul\u001f' },
  { n: [1, 10, 100, 333333333.33333329, 4.5e-324, 9007199254740993, -1.5e300] },
  { nested: { deep: [{ k: undefined, j: 'v' }, [undefined]] } },
  'plain',
  [],
  {},
];

test('canonical JSON equals the canonicalize package (RFC 8785) on tricky values', () => {
  for (const s of samples) assert.equal(canonicalJson(s), canonicalize(s));
});

test('RFC 8785 §3.2.3 sort order example', () => {
  const input = { '\u20ac': 'Euro Sign', '\r': 'Carriage Return', '\ufb33': 'Hebrew Letter Dalet With Dagesh', '1': 'One', '\ud83d\ude00': 'Emoji: Grinning Face', '\u0080': 'Control', '\u00f6': 'Latin Small Letter O With Diaeresis' };
  const values = [...canonicalJson(input).matchAll(/:"([^"]*)"/g)].map((m) => m[1]);
  assert.deepEqual(values, ['Carriage Return', 'One', 'Control', 'Latin Small Letter O With Diaeresis', 'Euro Sign', 'Emoji: Grinning Face', 'Hebrew Letter Dalet With Dagesh']);
});

test('lone surrogates and non-finite numbers are refused', () => {
  assert.throws(() => canonicalJson({ a: '\ud800' }));
  assert.throws(() => canonicalJson({ ['x\udc00']: 1 }));
  assert.throws(() => canonicalJson(['ok', 'a\\\udbff']));
  // A literal backslash followed by "ud800" is text, not a surrogate.
  assert.equal(canonicalJson({ a: '\\ud800' }), '{"a":"\\\\ud800"}');
  assert.equal(canonicalJson({ a: '\ud83d\ude00' }), '{"a":"\ud83d\ude00"}');
  assert.throws(() => canonicalJson({ a: NaN }));
  assert.throws(() => canonicalJson({ a: Infinity }));
});

test('a record leaf is stable and drops undefined fields', () => {
  const rec: GatewayRecord = {
    kind: 'decision', id: '01J0000000000000000000000', time: '2026-01-01T00:00:00.000Z', instance: 'i1',
    principal: { user: 'ana', groups: ['eng'], keyId: 'k1' }, system: 's', supplier: 'p', model: 'm', api: 'openai.chat',
    direction: 'request', action: 'allow', mode: 'enforce', rules: [], controls: [], findings: [], policyVersion: 'v1',
    latency: { gatewayMs: 1.5, upstreamMs: undefined },
  };
  const leaf = leafOf(rec);
  assert.equal(leaf, canonicalize(rec));
  assert.ok(!leaf.includes('upstreamMs'));
  assert.equal(leafOf(JSON.parse(leaf)), leaf);
});
