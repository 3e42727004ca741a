import { it } from 'node:test';
import assert from 'node:assert/strict';
import { parseConfig } from '../config/load.js';
import { Router } from './routing.js';
import { WardenError } from '../core/errors.js';

const config = parseConfig(`
suppliers:
  - { id: oa, type: openai, base_url: 'http://x/v1', models: [gpt-4o, gpt-4o-mini] }
  - { id: an, type: anthropic, base_url: 'http://y', models: [claude] }
  - { id: az, type: azure-openai, base_url: 'http://z', api_version: v, deployments: { gpt-4o: dep } }
systems:
  - { id: s, suppliers: [oa, an], models: [gpt-4o, claude, fast] }
  - { id: any, suppliers: [az], models: ['*'] }
aliases:
  fast: { supplier: oa, model: gpt-4o-mini }
`);
const r = new Router(config);

it('resolves a model to a supplier that serves it for the API', () => {
  assert.equal(r.resolve(r.system('s')!, 'gpt-4o', 'chat').supplier.id, 'oa');
  assert.equal(r.resolve(r.system('s')!, 'claude', 'messages').supplier.id, 'an');
  assert.deepEqual(r.resolve(r.system('s')!, 'fast', 'chat').model, 'gpt-4o-mini');
  assert.equal(r.resolve(r.system('any')!, 'gpt-4o', 'chat').supplier.id, 'az');
});

it('refuses models outside the system and APIs the supplier does not serve', () => {
  const notAllowed = (e: unknown) => e instanceof WardenError && e.code === 'WARDEN_MODEL_NOT_ALLOWED';
  assert.throws(() => r.resolve(r.system('s')!, 'gpt-4o-mini', 'chat'), notAllowed);
  assert.throws(() => r.resolve(r.system('s')!, 'claude', 'chat'), notAllowed);
  assert.throws(() => r.resolve(r.system('any')!, 'gpt-4o', 'responses'), notAllowed);
});

it('lists what a system may use', () => {
  assert.deepEqual(r.modelsFor(r.system('s')!), ['claude', 'fast', 'gpt-4o']);
});
