// `warden accounts` and `warden tokens`: bootstrap the first admin, each change an admin record.
import { after, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { warden } from '../helpers/cli.js';
import { openStore } from '../../src/audit/read.js';
import { findRecords } from '../../src/audit/query.js';

const dir = mkdtempSync(join(tmpdir(), 'warden-accounts-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const data = ['--data', dir];

it('creates an admin from stdin, lists, disables, and mints a token shown once', () => {
  const c = warden(['accounts', 'create', '--user', 'root', '--role', 'admin', '--password-stdin', '--json', ...data], { input: 'a long enough secret\n' });
  assert.equal(c.code, 0, c.stderr);
  assert.equal(JSON.parse(c.stdout).role, 'admin');
  assert.ok(!c.stdout.includes('a long enough secret'));

  const short = warden(['accounts', 'create', '--user', 'bob', '--role', 'viewer', '--password-stdin', ...data], { input: 'short\n' });
  assert.equal(short.code, 1);
  assert.match(short.stderr, /12 characters/);
  const badRole = warden(['accounts', 'create', '--user', 'bob', '--role', 'owner', '--no-password', ...data]);
  assert.equal(badRole.code, 1);
  const dup = warden(['accounts', 'create', '--user', 'root', '--role', 'viewer', '--no-password', ...data]);
  assert.match(dup.stderr, /exists/);

  const t = warden(['tokens', 'create', '--user', 'ci', '--role', 'auditor', '--json', ...data]);
  assert.equal(t.code, 0, t.stderr);
  const tok = JSON.parse(t.stdout);
  assert.match(tok.token, /^wda_/);
  const listed = warden(['tokens', 'list', '--json', ...data]);
  assert.ok(!listed.stdout.includes(tok.token));
  assert.equal(JSON.parse(listed.stdout)[0].id, tok.id);

  assert.equal(warden(['accounts', 'disable', 'root', ...data]).code, 0);
  const accounts = JSON.parse(warden(['accounts', 'list', '--json', ...data]).stdout);
  assert.equal(accounts[0].disabled, true);
  assert.equal(warden(['tokens', 'revoke', tok.id, ...data]).code, 0);
  assert.match(warden(['tokens', 'revoke', tok.id, ...data]).stderr, /already revoked/);

  const s = openStore(dir);
  try {
    const ops = [...findRecords(s, { kind: 'admin' })].map((r) => r.record).filter((r) => r?.kind === 'admin' && r.op !== 'policy.load');
    assert.deepEqual(
      ops.map((r) => (r as { op: string }).op),
      ['account.create', 'token.create', 'account.update', 'token.revoke'],
    );
    for (const r of ops) assert.match((r as { actor: string }).actor, /^cli:/);
    const leaves = s.leafRange(0, s.size()).map((r) => r.leaf).join('\n');
    assert.ok(!leaves.includes(tok.token) && !leaves.includes('a long enough secret') && !leaves.includes('scrypt$'));
  } finally {
    s.close();
  }
});
