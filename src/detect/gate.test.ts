import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileGate, toGatePattern } from './gate.js';
import { builtinFactories } from './engine.js';

test('gate patterns drop look-arounds and relax back-references, keeping the rest', () => {
  assert.equal(toGatePattern(/(?<![\d-])\d{3}([- ]?)\d{2}\1\d{4}(?![\d-])/g), '\\d{3}([- ]?)\\d{2}[- ]?\\d{4}');
  assert.equal(toGatePattern(/(?<![A-Z(])AB(?=[)\]])c/gi), '(?i)ABc');
});

test('every built-in detector has a gate that RE2 compiles', () => {
  const factories = builtinFactories();
  const entries = factories.flatMap((f, d) => (f.gates ?? []).map((pattern) => ({ pattern, detector: d })));
  assert.ok(factories.every((f) => (f.gates ?? []).length > 0), 'a detector without a gate would run on every text');
  const gate = compileGate(entries, factories.length, factories.map((f) => f.id));
  // Ordinary prose opens nothing: the scan ends after the gate.
  const open = gate.open('Thanks for joining the planning call on Tuesday; revenue grew 12% to 4.2 million in Q3.');
  assert.deepEqual([...open].map((x, i) => (x ? factories[i].id : null)).filter(Boolean), []);
  const card = gate.open('card 4111 1111 1111 1111');
  assert.equal(card[factories.findIndex((f) => f.id === 'pci.credit_card')], 1);
});

test('a gate pattern RE2 cannot compile is refused with the detector named', () => {
  assert.throws(() => compileGate([{ pattern: '(a)\\1', detector: 0 }], 1, ['pii.broken']), /pii\.broken/);
});
