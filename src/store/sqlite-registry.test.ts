import { test } from 'node:test';
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REGISTRY_SCHEMA, SqliteRegistryStore } from './sqlite-registry.js';
import { aiSystemSchema, incidentSchema } from '../registry/schemas.js';
import { SYSTEM } from '../registry/testutil.js';

const stamps = { createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z' };

test('records: create once, get, list by filter, update, delete', () => {
  const db = new Database(':memory:');
  db.exec(REGISTRY_SCHEMA);
  db.exec(REGISTRY_SCHEMA); // idempotent
  const store = new SqliteRegistryStore(db);
  const a = aiSystemSchema.parse({ ...SYSTEM, ...stamps });
  const b = aiSystemSchema.parse({ ...SYSTEM, ...stamps, id: 'agent', lifecycle: 'development' });
  assert.equal(store.systems.create(a), true);
  assert.equal(store.systems.create(a), false);
  assert.equal(store.systems.create(b), true);
  assert.deepEqual(store.systems.get('support-bot'), a);
  assert.equal(store.systems.get('nope'), undefined);
  assert.deepEqual(store.systems.list().map((s) => s.id), ['agent', 'support-bot']);
  assert.deepEqual(store.systems.list({ lifecycle: 'development' }).map((s) => s.id), ['agent']);
  assert.equal(store.systems.update({ ...b, lifecycle: 'production' }), true);
  assert.equal(store.systems.update({ ...b, id: 'ghost' }), false);
  assert.deepEqual(store.systems.list({ lifecycle: 'production' }).map((s) => s.id), ['agent', 'support-bot']);
  assert.equal(store.systems.delete('agent'), true);
  assert.equal(store.systems.delete('agent'), false);
});

test('incident links follow updates and deletes', () => {
  const db = new Database(':memory:');
  db.exec(REGISTRY_SCHEMA);
  const store = new SqliteRegistryStore(db);
  const i = incidentSchema.parse({ id: 'inc-1', title: 't', severity: 'low', openedAt: stamps.createdAt, openedBy: 'a', awareAt: stamps.createdAt, updatedAt: stamps.createdAt, systems: ['s1'], decisions: ['d1'] });
  store.incidents.create(i);
  assert.equal(store.incidents.list({ decisionId: 'd1' }).length, 1);
  store.incidents.update({ ...i, decisions: ['d2'] });
  assert.equal(store.incidents.list({ decisionId: 'd1' }).length, 0);
  assert.equal(store.incidents.list({ decisionId: 'd2', systemId: 's1' }).length, 1);
  store.incidents.delete('inc-1');
  assert.equal(db.prepare('SELECT count(*) FROM registry_incident_links').pluck().get(), 0);
});

test('a transaction that throws writes nothing; a second connection sees committed records', () => {
  const dir = mkdtempSync(join(tmpdir(), 'warden-registry-'));
  try {
    const open = () => {
      const db = new Database(join(dir, 'warden.db'));
      db.pragma('journal_mode = WAL');
      db.pragma('busy_timeout = 5000');
      db.exec(REGISTRY_SCHEMA);
      return db;
    };
    const db1 = open();
    const db2 = open();
    const s1 = new SqliteRegistryStore(db1);
    const s2 = new SqliteRegistryStore(db2);
    assert.throws(() =>
      s1.transaction(() => {
        s1.systems.create(aiSystemSchema.parse({ ...SYSTEM, ...stamps }));
        throw new Error('stop');
      }),
    );
    assert.equal(s2.systems.list().length, 0);
    s1.systems.create(aiSystemSchema.parse({ ...SYSTEM, ...stamps }));
    assert.equal(s2.systems.get('support-bot')?.name, SYSTEM.name);
    db1.close();
    db2.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
