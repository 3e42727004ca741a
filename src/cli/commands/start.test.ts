// The start banner's example fits the configuration: a model an AI system may use, not the demo's.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { banner, exampleCall } from './start.js';

test('the example names the first AI system with a concrete chat model', () => {
  const config = {
    systems: [
      { id: 'search', models: ['*'] },
      { id: 'support', models: ['text-embedding-3-small', 'gpt-4o-mini'] },
    ],
    aliases: {},
  };
  assert.deepEqual(exampleCall(config), { system: 'support', model: 'gpt-4o-mini' });
  const text = banner('http://127.0.0.1:8080', undefined, 'sha256:abc', '/data', exampleCall(config));
  assert.match(text, /"model":"gpt-4o-mini"/);
  assert.match(text, /model: 'gpt-4o-mini'/);
  assert.match(text, /warden keys create --system support/);
  assert.doesNotMatch(text, /demo-1/);
});

test('an alias serves when no system names a model; no example when there is none', () => {
  assert.deepEqual(exampleCall({ systems: [{ id: 'a', models: ['*'] }], aliases: { fast: {} } }), { system: 'a', model: 'fast' });
  assert.equal(exampleCall({ systems: [], aliases: {} }), undefined);
  const text = banner('http://127.0.0.1:8080', undefined, 'sha256:abc', '/data', undefined);
  assert.doesNotMatch(text, /curl|demo-1/);
  assert.match(text, /add one under systems:/);
});

test('the demo banner keeps the demo key and demo-1', () => {
  const text = banner('http://127.0.0.1:8080', 'wdn_k_x', 'sha256:abc', '/data', { system: 'demo-assistant', model: 'demo-1' });
  assert.match(text, /Demo key \(AI system demo-assistant, user demo\): wdn_k_x/);
  assert.match(text, /"model":"demo-1"/);
  assert.match(text, /Bearer wdn_k_x/);
});
