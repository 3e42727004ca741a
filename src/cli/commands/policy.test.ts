import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packagePath } from '../../core/paths.js';
import { define } from './policy.js';
import { runInProcess } from '../../../test/helpers/cli.js';

/** `warden policy …`: stdout and stderr together, as a person at a terminal sees them. */
async function run(...args: string[]): Promise<{ code: number; out: string }> {
  const r = await runInProcess([define], ['policy', ...args]);
  return { code: r.code, out: r.out + r.err };
}

function tempPolicy(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'warden-cli-policy-'));
  for (const [n, c] of Object.entries(files)) writeFileSync(join(dir, n), c);
  return dir;
}

const RULES = 'rules:\n  - { id: b, match: { labels: [x] }, action: block, message: no, controls: [iso42001:A.9.3] }\n';

test('policy test passes on the default pack', async () => {
  const r = await run('test', packagePath('policies', 'default'));
  assert.equal(r.code, 0, r.out);
  assert.match(r.out, /^PASS: \d+\/\d+/m);
});

test('policy test exits 2 when a case fails and 1 when files are invalid', async () => {
  const dir = tempPolicy({ 'p.yaml': RULES, 'p.test.yaml': 'tests:\n  - name: wrong\n    input: { labels: [x] }\n    expect: { action: allow }\n' });
  try {
    const failed = await run('test', dir);
    assert.equal(failed.code, 2);
    assert.match(failed.out, /FAIL p\.test\.yaml:2 wrong\n\s+action: want allow, got block/);
    const json = await run('test', dir, '--json');
    assert.equal(JSON.parse(json.out.slice(0, json.out.lastIndexOf('}') + 1)).failed, 1);
    writeFileSync(join(dir, 'p.yaml'), 'rules:\n  - { id: b, action: maybe }\n');
    const invalid = await run('test', dir);
    assert.equal(invalid.code, 1);
    assert.match(invalid.out, /p\.yaml:2:\d+: rules\.0\.action/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('policy lint reports errors (exit 1) and warnings (exit 0, 1 with --strict)', async () => {
  const dir = tempPolicy({ 'p.yaml': 'rules:\n  - { id: w, match: { labels: [x] }, action: block }\n', 'p.test.yaml': 'tests:\n  - { name: a, expect: { action: allow } }\n' });
  try {
    const warn = await run('lint', dir);
    assert.equal(warn.code, 0, warn.out);
    assert.match(warn.out, /warning p\.yaml:2:\d+: rule w names no controls/);
    assert.equal((await run('lint', dir, '--strict')).code, 1);
    writeFileSync(join(dir, 'p.yaml'), 'rules:\n  - { id: w, action: block, controls: [iso42001:Z.1] }\n');
    const bad = await run('lint', dir, '--json');
    assert.equal(bad.code, 1);
    assert.match(bad.out, /iso42001:Z\.1/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('policy explain shows each rule, why it matched or not, and the decision', async () => {
  const dir = tempPolicy({ 'input.yaml': 'findings: [{ type: SECRET, subtype: aws_access_key }]\ntools: [search]\n' });
  try {
    const r = await run('explain', '--policies', packagePath('policies', 'default'), '--input', join(dir, 'input.yaml'));
    assert.equal(r.code, 0, r.out);
    assert.match(r.out, /MATCH secrets-to-supplier {2}\[block\] {2}secrets\.yaml:4/);
    assert.match(r.out, /no {4}personal-data-to-public-supplier/);
    assert.match(r.out, /decision: block/);
    const j = await run('explain', '--policies', packagePath('policies', 'default'), '--input', join(dir, 'input.yaml'), '--json');
    const parsed = JSON.parse(j.out);
    assert.equal(parsed.decision.action, 'block');
    assert.ok(parsed.rules.some((x: { id: string; matched: boolean }) => x.id === 'secrets-to-supplier' && x.matched));
    writeFileSync(join(dir, 'input.yaml'), 'findings: oops\n');
    const bad = await run('explain', '--policies', packagePath('policies', 'default'), '--input', join(dir, 'input.yaml'));
    assert.equal(bad.code, 1);
    assert.match(bad.out, /input\.yaml:1:11: findings/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
