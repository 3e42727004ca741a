import { test } from 'node:test';
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REGISTRY_SCHEMA, SqliteRegistryStore } from './sqlite-registry.js';
import { registryStoreSuite } from '../registry/store-conformance.js';
import { aiSystemSchema } from '../registry/schemas.js';
import { SYSTEM } from '../registry/testutil.js';

registryStoreSuite('sqlite', () => {
  const db = new Database(':memory:');
  db.exec(REGISTRY_SCHEMA);
  db.exec(REGISTRY_SCHEMA); // running the schema twice is harmless
  return { store: new SqliteRegistryStore(db), close: () => db.close() };
});

test('sqlite: a second connection to the same file sees committed records', () => {
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
    const stamps = { createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z' };
    s1.systems.create(aiSystemSchema.parse({ ...SYSTEM, ...stamps }));
    assert.equal(s2.systems.get('support-bot')?.name, SYSTEM.name);
    db1.close();
    db2.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
