import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { JsonInputError, MAX_JSON_DEPTH, parseRequestJson, parseStrictJson } from './json.js';

function rejects(text: string, reason: JsonInputError['reason'], path?: string, opts?: { maxDepth?: number }, parse = parseStrictJson): JsonInputError {
  try {
    parse(text, opts);
  } catch (e) {
    assert.ok(e instanceof JsonInputError, `not a JsonInputError: ${e}`);
    assert.equal(e.reason, reason, `${text.slice(0, 80)}: ${e.message}`);
    if (path !== undefined) assert.equal(e.path, path);
    return e;
  }
  assert.fail(`accepted: ${text.slice(0, 80)}`);
}

test('a duplicate key at the top level is rejected, naming the key but not the values', () => {
  const e = rejects('{"role":"user","content":"key AKIAIOSFODNN7EXAMPLE","content":"hi"}', 'duplicate_key', 'content');
  assert.doesNotMatch(e.message, /AKIA|hi/);
});

test('a duplicate key in a nested object or in an array of objects is rejected with its path', () => {
  rejects('{"messages":[{"role":"user","content":"key AKIA","content":"hi"}]}', 'duplicate_key', 'messages.0.content');
  rejects('{"messages":[{"role":"a"},{"role":"b"},{"role":"c","role":"d"}]}', 'duplicate_key', 'messages.2.role');
  rejects('{"a":{"b":{"c":1,"c":2}}}', 'duplicate_key', 'a.b.c');
  rejects('[[{"x":1}],[{"x":1,"y":[1,{"z":0,"z":0}]}]]', 'duplicate_key', '1.0.y.1.z');
  rejects('{"a":1,"b":2,"a":3}', 'duplicate_key', 'a');
});

test('keys are compared after unescaping', () => {
  rejects('{"a":1,"\\u0061":2}', 'duplicate_key', 'a');
  rejects('{"\\u0061":1,"a":2}', 'duplicate_key', 'a');
  rejects('{"a\\"":1,"a\\u0022":2}', 'duplicate_key', 'a"');
  rejects('{"\\/":1,"/":2}', 'duplicate_key', '/');
  assert.deepEqual(parseStrictJson('{"a\\"":1,"a":2,"a\\\\":3}'), { 'a"': 1, a: 2, 'a\\': 3 });
  assert.deepEqual(parseStrictJson('{"a\\nb":1,"ab":2}'), { 'a\nb': 1, ab: 2 });
});

test('__proto__ is an ordinary key, for duplicates too', () => {
  rejects('{"__proto__":{"x":1},"__proto__":{"x":2}}', 'duplicate_key', '__proto__');
  const v = parseRequestJson('{"__proto__":{"admin":true}}');
  assert.equal(Object.getPrototypeOf(v), Object.prototype);
  assert.deepEqual(Object.keys(v), ['__proto__']);
});

test('the same key in sibling or nested objects is fine', () => {
  assert.deepEqual(parseStrictJson('[{"a":1},{"a":2}]'), [{ a: 1 }, { a: 2 }]);
  assert.deepEqual(parseStrictJson('{"a":{"a":1},"b":{"a":2,"b":{"a":3}}}'), { a: { a: 1 }, b: { a: 2, b: { a: 3 } } });
  assert.deepEqual(parseStrictJson('{"a":"a","b":["a","a"]}'), { a: 'a', b: ['a', 'a'] });
});

test('objects with many keys: duplicates found past the linear search, siblings independent', () => {
  const keys = (n: number, prefix = 'k') => Array.from({ length: n }, (_, i) => `"${prefix}${i}":${i}`).join(',');
  assert.equal(Object.keys(parseRequestJson(`{${keys(500)}}`)).length, 500);
  rejects(`{${keys(500)},"k250":0}`, 'duplicate_key', 'k250');
  rejects(`{${keys(12)},"k0":0}`, 'duplicate_key', 'k0');
  rejects(`{${keys(13)},"k12":0}`, 'duplicate_key', 'k12');
  const siblings = `[${Array.from({ length: 5 }, () => `{${keys(20)},"inner":{${keys(15)}}}`).join(',')}]`;
  assert.equal((parseStrictJson(siblings) as unknown[]).length, 5);
  rejects(`[{${keys(20)}},{${keys(14)},"k3":1}]`, 'duplicate_key', '1.k3');
});

test('depth exactly at the limit passes; one more level fails', () => {
  const arrays = (d: number) => '['.repeat(d) + ']'.repeat(d);
  const objects = (d: number) => '{"a":'.repeat(d - 1) + '{}' + '}'.repeat(d - 1);
  assert.doesNotThrow(() => parseStrictJson(arrays(MAX_JSON_DEPTH)));
  assert.doesNotThrow(() => parseRequestJson(objects(MAX_JSON_DEPTH)));
  rejects(arrays(MAX_JSON_DEPTH + 1), 'too_deep', Array(MAX_JSON_DEPTH).fill('0').join('.'));
  rejects(objects(MAX_JSON_DEPTH + 1), 'too_deep', Array(MAX_JSON_DEPTH).fill('a').join('.'));
  assert.doesNotThrow(() => parseStrictJson(arrays(3), { maxDepth: 3 }));
  rejects('{"m":[{"c":[1]}]}', 'too_deep', 'm.0.c', { maxDepth: 3 });
  // Brackets inside strings are not nesting.
  assert.deepEqual(parseStrictJson('{"a":"[[[{{{","b":"}}]]"}', { maxDepth: 1 }), { a: '[[[{{{', b: '}}]]' });
});

test('100,000 levels of nesting are rejected quickly, without a stack overflow', () => {
  const n = 100_000;
  for (const text of ['['.repeat(n) + ']'.repeat(n), '{"a":'.repeat(n) + '1' + '}'.repeat(n), '['.repeat(n)]) {
    const t0 = performance.now();
    rejects(text, 'too_deep');
    assert.ok(performance.now() - t0 < 100, `took ${performance.now() - t0} ms`);
  }
});

test('invalid JSON is rejected with reason invalid and a message without content', () => {
  for (const text of ['', ' ', '{', '{"a":}', '{"a":1,}', '[1,]', '{"a" 1}', '{a:1}', "{'a':1}", '{"a":1}x', '{"a":1}{}', 'tru', 'nul', '01', '{"a":"\u0001"}', '"\\x"', '{"a\\q":1}', '{"s":"unterminated}', '[1 2]', '{"a":1 "b":2}', '}', ']', '{"a":[}]', '{"a":1]', '/* c */{}', '{"a":NaN}', '{"a":"secret AKIA']) {
    const e = rejects(text, 'invalid');
    assert.doesNotMatch(e.message, /AKIA|unterminated|secret/);
  }
});

test('parseRequestJson wants an object at the top', () => {
  for (const text of ['[]', '[{"a":1}]', '"hi"', '1', 'null', 'true']) rejects(text, 'not_object', undefined, undefined, parseRequestJson);
  rejects('[', 'invalid', undefined, undefined, parseRequestJson);
  assert.deepEqual(parseRequestJson(' \n{"model":"gpt-4o","messages":[]}\t'), { model: 'gpt-4o', messages: [] });
});

test('parseStrictJson takes any JSON value at the top, with whitespace anywhere JSON allows it', () => {
  for (const v of [1, -2.5e-3, 'x', null, true, [], {}, [1, 'two', { three: [3] }]]) assert.deepEqual(parseStrictJson(JSON.stringify(v, null, 2)), v);
  assert.deepEqual(parseStrictJson(' { "a" : [ 1 , { "b" : null } ] , "c" : "\\"}" } '), { a: [1, { b: null }], c: '"}' });
  assert.deepEqual(parseStrictJson('"\\\\"'), '\\');
});

test('a path key is cut to 64 characters and cleaned of control characters', () => {
  const long = 'k'.repeat(200);
  const e = rejects(`{"${long}":1,"${long}":2}`, 'duplicate_key');
  assert.equal(e.path, `${'k'.repeat(64)}…`);
  assert.equal(rejects('{"a\\nb":1,"a\\nb":2}', 'duplicate_key').path, 'a?b');
});

test('property: strict parsing of any serialised JSON value equals JSON.parse', () => {
  fc.assert(
    fc.property(fc.jsonValue(), fc.boolean(), (v, pretty) => {
      const text = pretty ? JSON.stringify(v, null, 2) : JSON.stringify(v);
      assert.deepStrictEqual(parseStrictJson(text), JSON.parse(text));
    }),
    { numRuns: 500 },
  );
});

/** Serialises `v` with one object (the target-th in document order) given a second copy of one of its keys. */
function withDuplicate(v: unknown, target: number, keyPick: number, escape: boolean): string {
  let seen = 0;
  const key = (k: string) => (escape ? `"${[...k].map((ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`).join('')}"` : JSON.stringify(k));
  const write = (x: unknown): string => {
    if (Array.isArray(x)) return `[${x.map(write).join(',')}]`;
    if (x === null || typeof x !== 'object') return JSON.stringify(x);
    const entries = Object.entries(x);
    const mine = seen++ === target;
    const parts = entries.map(([k, e]) => `${JSON.stringify(k)}:${write(e)}`);
    if (mine) {
      if (entries.length === 0) parts.push('"k":1', `${key('k')}:2`);
      else parts.splice(keyPick % (parts.length + 1), 0, `${key(entries[keyPick % entries.length][0])}:null`);
    }
    return `{${parts.join(',')}}`;
  };
  return write(v);
}

function countObjects(v: unknown): number {
  if (Array.isArray(v)) return v.reduce((n: number, e) => n + countObjects(e), 0);
  if (v === null || typeof v !== 'object') return 0;
  return 1 + Object.values(v).reduce((n: number, e) => n + countObjects(e), 0);
}

test('property: a duplicated key injected into any object is always detected', () => {
  fc.assert(
    fc.property(fc.jsonValue(), fc.nat(), fc.nat(), fc.boolean(), (generated, t, keyPick, escape) => {
      const v = countObjects(generated) > 0 ? generated : { v: generated };
      const text = withDuplicate(v, t % countObjects(v), keyPick, escape);
      assert.throws(() => parseStrictJson(text), (e) => e instanceof JsonInputError && e.reason === 'duplicate_key');
    }),
    { numRuns: 500 },
  );
});

test('property: mangled JSON is rejected whenever JSON.parse rejects it, and never parsed differently', () => {
  const mangle = fc.tuple(fc.jsonValue(), fc.nat(), fc.constantFrom('{', '}', '[', ']', ',', ':', '"', '\\', ' ', 'x', ''), fc.boolean());
  fc.assert(
    fc.property(mangle, ([v, at, ch, insert]) => {
      const json = JSON.stringify(v);
      const p = at % (json.length + 1);
      const text = json.slice(0, p) + ch + json.slice(insert ? p : p + 1);
      let expected: unknown;
      let plainOk = true;
      try {
        expected = JSON.parse(text);
      } catch {
        plainOk = false;
      }
      try {
        assert.deepStrictEqual(parseStrictJson(text), expected);
        assert.ok(plainOk, 'accepted what JSON.parse rejects');
      } catch (e) {
        if (!(e instanceof JsonInputError)) throw e;
        if (!plainOk) assert.ok(e.reason === 'invalid' || e.reason === 'duplicate_key' || e.reason === 'too_deep');
        else assert.ok(e.reason === 'duplicate_key' || e.reason === 'too_deep', `${e.reason} for ${text}`);
      }
    }),
    { numRuns: 2000 },
  );
});
