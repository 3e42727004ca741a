import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { walkFields, writeField } from './walk.js';
import { dropLogprobs, maskedExcerpt, rewriteFields } from './enforce.js';
import { createRedactor } from '../server/wiring.js';
import { TokenVault } from '../policy/index.js';
import type { Finding } from '../core/types.js';

const redactor = createRedactor(Buffer.alloc(32, 1));
const finding = (segment: number, start: number, end: number, type = 'US_SSN'): Finding => ({ type, start, end, score: 1, detector: 't', detectorVersion: '1', segment });

describe('walkFields', () => {
  it('lists every string, unknown keys and long integers; conversation text before identifiers', () => {
    const body = {
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'hello', name: 'bob' }],
      metadata: { 'AKIAIOSFODNN7EXAMPLE': 'v', n: 536221234, small: 42 },
      future_field: { deep: ['x'] },
    };
    const f = walkFields(body);
    assert.deepEqual(
      f.map((x) => [x.path.join('.'), x.kind, x.text, x.structural]),
      [
        ['messages.0.content', 'value', 'hello', false],
        ['messages.0.name', 'value', 'bob', false],
        ['metadata.AKIAIOSFODNN7EXAMPLE', 'value', 'v', false],
        ['future_field.deep.0', 'value', 'x', false],
        ['model', 'value', 'gpt-4o', true],
        ['messages.0.role', 'value', 'user', true],
        ['metadata.AKIAIOSFODNN7EXAMPLE', 'key', 'AKIAIOSFODNN7EXAMPLE', true],
        ['metadata.n', 'number', '536221234', true],
        ['metadata.small', 'key', 'small', true],
        ['future_field', 'key', 'future_field', true],
        ['future_field.deep', 'key', 'deep', true],
      ],
    );
    assert.equal(f.find((x) => x.text === 'hello')!.role, 'user');
  });

  it('decodes text data: URLs and base64 text sources; binary payloads are inspected as the strings they are', () => {
    const b64 = Buffer.from('SSN 536-22-1234').toString('base64');
    const body = {
      a: `data:text/plain;base64,${b64}`,
      b: 'data:,plain%20536-22-1234',
      c: { type: 'base64', media_type: 'text/plain', data: b64 },
      d: `data:image/png;base64,${b64}`,
      e: { type: 'base64', media_type: 'application/pdf', data: b64 },
    };
    const f = walkFields(body);
    const by = (p: string) => f.find((x) => x.path.join('.') === p && x.kind === 'value');
    assert.equal(by('a')!.text, 'SSN 536-22-1234');
    assert.equal(by('b')!.text, 'plain 536-22-1234');
    assert.equal(by('c.data')!.text, 'SSN 536-22-1234');
    assert.equal(by('d')!.text, body.d);
    assert.equal(by('e.data')!.text, b64);
    // Edits are encoded again.
    writeField(body, by('a')!, 'SSN [US_SSN]');
    writeField(body, by('c.data')!, 'SSN [US_SSN]');
    assert.equal(Buffer.from(body.a.split(',')[1], 'base64').toString(), 'SSN [US_SSN]');
    assert.equal(Buffer.from(body.c.data, 'base64').toString(), 'SSN [US_SSN]');
  });

  it('every string of an arbitrary JSON value is listed (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), fc.string({ minLength: 3 }), (v, planted) => {
        const holder = { wrap: v, planted: [planted] } as Record<string, unknown>;
        const texts = new Set(walkFields(holder).map((f) => f.text));
        const strings: string[] = [];
        const collect = (x: unknown) => {
          if (typeof x === 'string') strings.push(x);
          else if (Array.isArray(x)) x.forEach(collect);
          else if (x && typeof x === 'object') for (const [k, y] of Object.entries(x)) (strings.push(k), collect(y));
        };
        collect(holder);
        for (const s of strings) {
          if (s.length === 0 || s.startsWith('data:')) continue;
          // Keys that are API field names are names, not data.
          if (['wrap', 'planted'].includes(s)) continue;
          if (!texts.has(s) && !/^[a-z_]+$/.test(s)) return false;
        }
        return texts.has(planted) || planted.startsWith('data:');
      }),
      { numRuns: 200 },
    );
  });
});

describe('rewriteFields (the one enforcement)', () => {
  it('masks values, renames keys deepest first, turns long numbers into masked text, drops logprobs of a changed choice', () => {
    const body: any = {
      choices: [{ message: { content: 'ssn 536-22-1234' }, logprobs: { content: [{ token: 'ssn' }] } }],
      metadata: { '536-22-1234': { inner: 'ok 536-22-1234' } },
      n: 536221234,
    };
    const fields = walkFields(body);
    const idx = (p: string, kind = 'value') => fields.findIndex((f) => f.path.join('.') === p && f.kind === kind);
    const findings = [
      finding(idx('choices.0.message.content'), 4, 15),
      finding(idx('metadata.536-22-1234', 'key'), 0, 11),
      finding(idx('metadata.536-22-1234.inner'), 3, 14),
      finding(idx('n', 'number'), 0, 9),
    ];
    const changed = rewriteFields(body, fields, { findings, wanted: () => true, method: 'mask' }, redactor);
    assert.equal(changed.length, 4);
    assert.deepEqual(body, {
      choices: [{ message: { content: 'ssn [US_SSN]' }, logprobs: null }],
      metadata: { '[US_SSN]': { inner: 'ok [US_SSN]' } },
      n: '[US_SSN]',
    });
  });

  it('tokenises, then restores placeholders in an answer, keys included', () => {
    const vault = new TokenVault();
    const req: any = { messages: [{ role: 'user', content: 'mine is 536-22-1234' }] };
    const rf = walkFields(req);
    rewriteFields(req, rf, { findings: [finding(0, 8, 19)], wanted: () => true, method: 'tokenize', vault }, redactor);
    const placeholder = req.messages[0].content.slice(8);
    assert.match(placeholder, /^«US_SSN_1»$/);
    const answer: any = { content: [{ type: 'text', text: `noted ${placeholder}` }], extra: { [placeholder]: 1 } };
    rewriteFields(answer, walkFields(answer), { findings: [], vault, restore: true }, redactor);
    assert.equal(answer.content[0].text, 'noted 536-22-1234');
    assert.deepEqual(Object.keys(answer.extra), ['536-22-1234']);
  });

  it('a renamed key never overwrites a sibling', () => {
    const body: any = { m: { '[US_SSN]': 'kept', '536-22-1234': 'x' } };
    const fields = walkFields(body);
    const k = fields.findIndex((f) => f.kind === 'key' && f.text === '536-22-1234');
    rewriteFields(body, fields, { findings: [finding(k, 0, 11)], wanted: () => true, method: 'mask' }, redactor);
    assert.deepEqual(body.m, { '[US_SSN]': 'kept', '[US_SSN]_2': 'x' });
  });

  it('dropLogprobs finds the nearest enclosing object that has them', () => {
    const body: any = { choices: [{ delta: { content: 'x' }, logprobs: { content: [] } }, { delta: { content: 'y' }, logprobs: { content: [] } }] };
    dropLogprobs(body, [['choices', 1, 'delta', 'content']]);
    assert.notEqual(body.choices[0].logprobs, null);
    assert.equal(body.choices[1].logprobs, null);
  });

  it('a review excerpt masks every finding and leaves identifiers out', () => {
    const body = { model: 'gpt-4o', messages: [{ role: 'user', content: 'call me re 536-22-1234' }] };
    const fields = walkFields(body);
    assert.equal(maskedExcerpt(fields, [finding(0, 11, 22)], redactor), 'call me re [US_SSN]');
  });
});
