import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { DENSE, DENSE_LIMIT, NOT_PLAIN, PLAIN_SPARSE, denseText, measureText } from './density.js';

/** The literal definition: one walk over every character (the engine's code before the regex jumps). */
function denseReference(text: string): boolean {
  let dense = 0;
  let numRun = 0;
  let numDigits = 0;
  let wordRun = 0;
  let wordDigits = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      numRun++;
      numDigits++;
      wordRun++;
      wordDigits++;
      continue;
    }
    const l = c | 32;
    if (l >= 97 && l <= 122) wordRun++;
    else {
      if (wordRun >= 12 && wordDigits > 0) dense += wordRun;
      wordRun = 0;
      wordDigits = 0;
    }
    if (c === 32 || c === 45 || c === 46 || c === 47 || c === 40 || c === 41 || c === 43 || c === 44 || c === 10) {
      if (numRun > 0) numRun++;
      continue;
    }
    if (numDigits >= 4) dense += numRun;
    numRun = 0;
    numDigits = 0;
  }
  if (numDigits >= 4) dense += numRun;
  if (wordRun >= 12 && wordDigits > 0) dense += wordRun;
  return dense > DENSE_LIMIT;
}

const printable = (t: string) => !/[^\t\n\r\x20-\x7e]/.test(t);

/** What measureText must answer for a text, from the reference. */
function measureReference(text: string): number[] {
  if (!printable(text)) return denseReference(text) ? [NOT_PLAIN, DENSE] : [NOT_PLAIN];
  return [denseReference(text) ? DENSE : PLAIN_SPARSE];
}

// Pieces that build runs of every kind and the characters that end them.
const DIGITS = ['1', '4', '0', '12', '2024', 'x7', '9Z'];
const OTHERS = ['a', 'Q', ' ', '  ', '-', '.', '/', '(', ')', '+', ',', '\n', '\t', '\r', '_', ':', '%', '@', 'word', 'abcdefghijk', 'AKIA'];
const EXOTIC = ['é', '\u200b', '１', '\x7f', '\x00'];
// Texts from nearly all prose to nearly all digits, up to about 1,500 characters.
const texts = fc
  .tuple(fc.integer({ min: 0, max: 12 }), fc.constantFrom(0, 0, 1))
  .chain(([digits, exotic]) =>
    fc.array(
      fc.oneof(
        { weight: digits, arbitrary: fc.constantFrom(...DIGITS) },
        { weight: 24, arbitrary: fc.constantFrom(...OTHERS) },
        { weight: exotic, arbitrary: fc.constantFrom(...EXOTIC) },
      ),
      { maxLength: 600, size: 'max' },
    ),
  )
  .map((pieces) => pieces.join(''));

test('denseText and measureText agree with the literal walk on random texts', () => {
  fc.assert(
    fc.property(texts, (text) => {
      assert.equal(denseText(text), denseReference(text), JSON.stringify(text));
      assert.ok(measureReference(text).includes(measureText(text)), JSON.stringify(text));
    }),
    { numRuns: 3000, seed: 20261208 },
  );
});

test('denseText: floods are dense, prose with figures and short tokens is not', () => {
  const prose = 'In 2024 the 3rd team shipped 12,500 units (up 4.2%) to 140 stores; see ticket AB12 and room 4b. '.repeat(4);
  assert.equal(denseText(prose), denseReference(prose));
  assert.equal(denseText(prose), false);
  for (const flood of ['123456789 '.repeat(100), '1'.repeat(300), 'a1'.repeat(200), 'token9abcdefgh '.repeat(30), '4111 '.repeat(80)]) {
    assert.equal(denseText(flood), true, flood.slice(0, 20));
    assert.equal(measureText(flood), DENSE);
  }
  // Exactly at the limit, and one more.
  assert.equal(denseText('x ' + '1 '.repeat(DENSE_LIMIT / 2) + 'x'), false);
  assert.equal(denseText('x ' + '1 '.repeat(DENSE_LIMIT / 2) + '1x'), true);
  // A run that starts long before its first stop is counted from its start.
  assert.equal(denseText('a'.repeat(300) + '1'), true);
  assert.equal(denseText('- '.repeat(200) + '1 2 3'), false);
});

test('measureText: printable sparse text, text to normalise, dense text', () => {
  assert.equal(measureText('Hello there, how are you?'), PLAIN_SPARSE);
  assert.equal(measureText('Hello there, how are you? '.repeat(20)), PLAIN_SPARSE);
  assert.equal(measureText('Caf\u00e9 '.repeat(100)), NOT_PLAIN);
  assert.equal(measureText('x'.repeat(500) + '\u200b'), NOT_PLAIN);
  assert.equal(measureText('1234 '.repeat(100) + '\u00e9'), DENSE);
});
