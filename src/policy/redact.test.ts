import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import type { Finding } from '../core/types.js';
import { MAX_PLACEHOLDER_LENGTH, redactText, restoreText, StreamRestorer, TokenVault } from './redact.js';

/** Findings for each occurrence of each [type, value] in text. */
function find(text: string, ...items: Array<[string, string, string?]>): Finding[] {
  const out: Finding[] = [];
  for (const [type, value, subtype] of items) {
    let at = text.indexOf(value);
    while (at >= 0) {
      out.push({ type, ...(subtype ? { subtype } : {}), start: at, end: at + value.length, score: 1, detector: 't', detectorVersion: '1' });
      at = text.indexOf(value, at + 1);
    }
  }
  return out;
}

const TEXT = 'Patient Ana Lima, SSN 123-45-6789, mail ana@example.org. Ana again.';
const F = find(TEXT, ['PERSON', 'Ana Lima'], ['US_SSN', '123-45-6789'], ['EMAIL_ADDRESS', 'ana@example.org']);

test('mask replaces each span with its type', () => {
  const r = redactText(TEXT, F, 'mask');
  assert.equal(r.text, 'Patient [PERSON], SSN [US_SSN], mail [EMAIL_ADDRESS]. Ana again.');
  assert.equal(r.applied, 3);
});

test('hash gives a keyed token: equal values equal tokens, another key another token', () => {
  const text = 'a 123-45-6789 b 123-45-6789 c 987-65-4321';
  const f = find(text, ['US_SSN', '123-45-6789'], ['US_SSN', '987-65-4321']);
  const r = redactText(text, f, 'hash', { hashKey: 'k1' });
  const want = createHmac('sha256', 'k1').update('123-45-6789').digest('hex').slice(0, 16);
  assert.equal(r.text.split(' ')[1], `[US_SSN:${want}]`);
  assert.equal(r.text.split(' ')[1], r.text.split(' ')[3]);
  assert.notEqual(r.text.split(' ')[1], r.text.split(' ')[5]);
  assert.notEqual(redactText(text, f, 'hash', { hashKey: 'k2' }).text, r.text);
  assert.ok(!r.text.includes('6789'));
});

test('tokenize replaces with placeholders and restore brings the originals back', () => {
  const vault = new TokenVault();
  const r = redactText(TEXT, F, 'tokenize', { vault });
  assert.equal(r.text, 'Patient «PERSON_1», SSN «US_SSN_1», mail «EMAIL_ADDRESS_1». Ana again.');
  assert.equal(restoreText(r.text, vault), TEXT);
  // The same value gets the same placeholder in later turns; a new one gets the next number.
  const t2 = 'Is 123-45-6789 the same as 111-22-3333?';
  const r2 = redactText(t2, find(t2, ['US_SSN', '123-45-6789'], ['US_SSN', '111-22-3333']), 'tokenize', { vault });
  assert.equal(r2.text, 'Is «US_SSN_1» the same as «US_SSN_2»?');
  assert.equal(restoreText('Yes: «US_SSN_1» ≠ «US_SSN_2»; «US_SSN_9» is unknown', vault), 'Yes: 123-45-6789 ≠ 111-22-3333; «US_SSN_9» is unknown');
});

test('placeholders already in the text are never issued, so restore cannot confuse them', () => {
  const vault = new TokenVault();
  const text = 'quote «US_SSN_1» then 123-45-6789';
  const r = redactText(text, find(text, ['US_SSN', '123-45-6789']), 'tokenize', { vault });
  assert.equal(r.text, 'quote «US_SSN_1» then «US_SSN_2»');
  assert.equal(restoreText(r.text, vault), text);
});

test('ordinary text with guillemets is left alone', () => {
  const vault = new TokenVault();
  vault.tokenize('PERSON', 'Ana');
  for (const s of ['« Bonjour »', '«PERSON»', '«person_1»', '«PERSON_1 »', 'a » b « c']) assert.equal(restoreText(s, vault), s);
});

test('overlapping findings merge into one span; filters by type and segment apply', () => {
  const text = 'card 4111 1111 1111 1111 end';
  const f: Finding[] = [
    { type: 'CREDIT_CARD', start: 5, end: 24, score: 1, detector: 'x', detectorVersion: '1', segment: 0 },
    { type: 'US_BANK_NUMBER', start: 10, end: 19, score: 0.5, detector: 'y', detectorVersion: '1', segment: 0 },
  ];
  assert.deepEqual(redactText(text, f, 'mask'), { text: 'card [CREDIT_CARD] end', applied: 1 });
  assert.deepEqual(redactText(text, f, 'mask', { types: ['US_BANK_NUMBER'] }), { text: 'card 4111 [US_BANK_NUMBER] 1111 end', applied: 1 });
  assert.deepEqual(redactText(text, f, 'mask', { segment: 1 }), { text, applied: 0 });
  const s: Finding[] = [{ type: 'SECRET', subtype: 'jwt', start: 0, end: 4, score: 1, detector: 'x', detectorVersion: '1' }];
  assert.equal(redactText('eyJh rest', s, 'mask', { types: ['SECRET:jwt'] }).text, '[SECRET] rest');
  assert.equal(redactText('eyJh rest', s, 'mask', { types: ['SECRET:aws'] }).text, 'eyJh rest');
});

test('a finding outside the text throws (the caller fails closed)', () => {
  const f: Finding[] = [{ type: 'US_SSN', start: 5, end: 50, score: 1, detector: 'x', detectorVersion: '1' }];
  assert.throws(() => redactText('short', f, 'mask'), RangeError);
  assert.throws(() => redactText('short', [], 'hash'), /hashKey/);
  assert.throws(() => redactText('short', [], 'tokenize'), /vault/);
});

test('custom types become safe placeholder labels', () => {
  const vault = new TokenVault();
  assert.equal(vault.tokenize('employee-id', 'E123'), '«EMPLOYEE_ID_1»');
  assert.equal(vault.tokenize('9lives', 'x'), '«LIVES_1»');
  assert.equal(restoreText('«EMPLOYEE_ID_1»', vault), 'E123');
});

test('a vault survives JSON and keeps numbering', () => {
  const v = new TokenVault();
  v.tokenize('PERSON', 'Ana');
  v.tokenize('PERSON', 'Bo');
  const w = TokenVault.fromJSON(JSON.parse(JSON.stringify(v)));
  assert.equal(restoreText('«PERSON_2» and «PERSON_1»', w), 'Bo and Ana');
  assert.equal(w.tokenize('PERSON', 'Ana'), '«PERSON_1»');
  assert.equal(w.tokenize('PERSON', 'Cy'), '«PERSON_3»');
});

test('stream restorer restores placeholders split at every possible point', () => {
  const vault = new TokenVault();
  const answer = redactText(TEXT, F, 'tokenize', { vault }).text + ' «NOT_ISSUED_1» end «';
  const expected = restoreText(answer, vault);
  for (let a = 0; a <= answer.length; a++) {
    for (let b = a; b <= answer.length; b += 7) {
      const r = new StreamRestorer(vault);
      const out = r.push(answer.slice(0, a)) + r.push(answer.slice(a, b)) + r.push(answer.slice(b)) + r.end();
      assert.equal(out, expected, `split at ${a},${b}`);
    }
  }
  // One character at a time.
  const r = new StreamRestorer(vault);
  let out = '';
  for (const ch of answer) out += r.push(ch);
  assert.equal(out + r.end(), expected);
});

test('stream restorer holds back only a possible placeholder, at most its maximum length', () => {
  const vault = new TokenVault();
  vault.tokenize('US_SSN', '123-45-6789');
  const r = new StreamRestorer(vault);
  assert.equal(r.push('hello '), 'hello ');
  assert.equal(r.held, 0);
  assert.equal(r.push('your number is «US_'), 'your number is ');
  assert.equal(r.held, 4);
  assert.equal(r.push('SSN_1», ok'), '123-45-6789, ok');
  // Text after « that cannot start a placeholder is delivered at once.
  assert.equal(r.push('« Bonjour'), '« Bonjour');
  assert.equal(r.held, 0);
  // A placeholder-like run longer than any placeholder is released too.
  const long = '«' + 'X'.repeat(MAX_PLACEHOLDER_LENGTH);
  assert.equal(r.push(long), long);
  assert.equal(r.held, 0);
});
