import { it } from 'node:test';
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { ACCOUNTS_SCHEMA, SqliteAccountStore, hashToken } from './sqlite-accounts.js';

function open() {
  const db = new Database(':memory:');
  db.exec(ACCOUNTS_SCHEMA);
  return new SqliteAccountStore(db);
}

it('accounts: create once, update, never expose the hash', () => {
  const s = open();
  const a = s.create({ user: 'ana', role: 'admin', passwordHash: 'scrypt$x' })!;
  assert.equal(a.role, 'admin');
  assert.ok(a.passwordSetAt);
  assert.equal(s.create({ user: 'ana', role: 'viewer', passwordHash: null }), undefined);
  assert.ok(!JSON.stringify(s.list()).includes('scrypt'));
  const r = s.update('ana', { role: 'auditor', disabled: true })!;
  assert.equal(r.before.role, 'admin');
  assert.equal(r.after.role, 'auditor');
  assert.equal(r.after.disabled, true);
  assert.equal(s.update('nobody', { role: 'viewer' }), undefined);
});

it('accounts: failures lock at the limit; a new password lifts the lock', () => {
  const s = open();
  s.create({ user: 'bo', role: 'viewer', passwordHash: 'h' });
  const until = new Date(Date.now() + 60_000);
  assert.equal(s.loginFailed('bo', 3, until), 1);
  assert.equal(s.loginFailed('bo', 3, until), 2);
  assert.equal(s.credentials('bo')!.lockedUntil, null);
  s.loginFailed('bo', 3, until);
  assert.equal(s.credentials('bo')!.lockedUntil, until.toISOString());
  s.update('bo', { passwordHash: 'h2' });
  assert.equal(s.credentials('bo')!.lockedUntil, null);
  assert.equal(s.credentials('bo')!.failedLogins, 0);
  assert.equal(s.loginFailed('nobody', 3, until), 0);
});

it('tokens: stored as SHA-256 only; revoked and expired ones are not active', () => {
  const s = open();
  const { token, record } = s.createToken({ kind: 'api', user: 'ci', role: 'auditor', createdBy: 'test', expiresAt: null });
  assert.match(token, /^wda_t_[0-9a-f]{12}_/);
  assert.equal(s.activeToken(hashToken(token), new Date())?.id, record.id);
  assert.equal(s.activeToken(token, new Date()), undefined);
  const sess = s.createToken({ kind: 'session', user: 'ci', role: 'auditor', createdBy: 'test', expiresAt: new Date(Date.now() + 1000).toISOString() });
  assert.equal(s.activeToken(hashToken(sess.token), new Date(Date.now() + 2000)), undefined);
  assert.ok(s.revokeToken(record.id)!.after.revokedAt);
  assert.equal(s.activeToken(hashToken(token), new Date()), undefined);
  assert.equal(s.revokeTokensOf('ci', 'session'), 1);
});

it('tokens: an identity-provider session keeps its roles; a data folder from before gets the column', () => {
  const db = new Database(':memory:');
  // admin_tokens as it was before identity-provider sessions.
  db.exec(ACCOUNTS_SCHEMA.replace(/,\s*roles TEXT\s*\)/, '\n)'));
  assert.equal((db.prepare("SELECT count(*) AS n FROM pragma_table_info('admin_tokens') WHERE name = 'roles'").get() as { n: number }).n, 0);
  db.prepare("INSERT INTO admin_tokens (id, hash, kind, user, role, created_at, created_by) VALUES ('t_old', 'h', 'api', 'ci', 'viewer', 'now', 'test')").run();
  const s = new SqliteAccountStore(db);
  assert.equal(s.getToken('t_old')!.roles, undefined);
  const { token, record } = s.createToken({ kind: 'session', user: 'olga@example.com', role: 'admin', roles: ['admin', 'auditor'], createdBy: 'oidc:olga@example.com', expiresAt: new Date(Date.now() + 60_000).toISOString() });
  assert.deepEqual(record.roles, ['admin', 'auditor']);
  assert.deepEqual(s.activeToken(hashToken(token), new Date())!.roles, ['admin', 'auditor']);
  assert.equal(s.createToken({ kind: 'session', user: 'ana', role: 'viewer', createdBy: 'api:ana', expiresAt: null }).record.roles, undefined);
});
