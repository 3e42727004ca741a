// `warden init` in a folder that already has warden.yaml or policies/: nothing is written, and the
// error names each file --force would overwrite.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from './init.js';
import { CliError } from '../../core/errors.js';

const io = () => {
  const o = { out: '', io: { out: (s: string) => void (o.out += s), err: () => {}, stdin: process.stdin } };
  return o;
};

test('init with an existing policies/ lists what --force would overwrite and writes nothing', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'warden-init-'));
  try {
    mkdirSync(join(dir, 'policies'));
    writeFileSync(join(dir, 'policies', 'secrets.yaml'), 'mine\n');
    writeFileSync(join(dir, 'policies', 'local.yaml'), 'mine too\n');
    const err = await run({ dir }, io().io).then(() => null, (e) => e);
    assert.ok(err instanceof CliError);
    assert.equal(err.exitCode, 1);
    const [overwrite, add] = err.message.split('and add:');
    assert.match(overwrite, /--force would overwrite:\n/);
    assert.ok(overwrite.includes(join(dir, 'policies', 'secrets.yaml')));
    assert.ok(!overwrite.includes('warden.yaml'), 'warden.yaml does not exist yet');
    assert.ok(add.includes(join(dir, 'warden.yaml')) && add.includes(join(dir, 'policies', 'health.yaml')));
    assert.ok(!err.message.includes('local.yaml'), 'a file not in the pack is kept, so not listed');
    assert.equal(readFileSync(join(dir, 'policies', 'secrets.yaml'), 'utf8'), 'mine\n');
    // --force overwrites exactly those.
    const o = io();
    await run({ dir, force: true }, o.io);
    assert.notEqual(readFileSync(join(dir, 'policies', 'secrets.yaml'), 'utf8'), 'mine\n');
    assert.equal(readFileSync(join(dir, 'policies', 'local.yaml'), 'utf8'), 'mine too\n');
    // Now warden.yaml exists too.
    const again = await run({ dir }, io().io).then(() => null, (e) => e);
    assert.ok(again.message.split('and add:')[0].includes(join(dir, 'warden.yaml')));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the starter config and the test config name no model the installed Anthropic SDK calls deprecated', async () => {
  const { STARTER_CONFIG } = await import('./init.js');
  const { createRequire } = await import('node:module');
  const { dirname } = await import('node:path');
  const sdk = dirname(createRequire(import.meta.url).resolve('@anthropic-ai/sdk'));
  const table = readFileSync(join(sdk, 'internal', 'data', 'deprecated-models.js'), 'utf8');
  const deprecated = [...table.matchAll(/'([^']+)':\s*'/g)].map((m) => m[1]);
  assert.ok(deprecated.length > 0, 'the SDK still ships its deprecation table');
  const testConfig = readFileSync(new URL('../../../test/helpers/warden.ts', import.meta.url), 'utf8');
  for (const model of deprecated) {
    assert.ok(!new RegExp(`\\b${model}\\b(?!-)`).test(STARTER_CONFIG), `init template names ${model}`);
    assert.ok(!new RegExp(`\\b${model}\\b(?!-)`).test(testConfig), `test config names ${model}`);
  }
});
