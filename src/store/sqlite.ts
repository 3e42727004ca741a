import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { KeyRecord, KeyStore, NewKey, PolicyVersionRecord, PolicyVersionStore, Store } from './types.js';
import { generateKey, hashKey } from './keys.js';
import { REVIEWS_SCHEMA, SqliteReviewStore } from './sqlite-reviews.js';
import { KILL_SCHEMA, SqliteKillSwitchStore } from './sqlite-kill.js';
import { REGISTRY_SCHEMA, SqliteRegistryStore } from './sqlite-registry.js';
import { ACCOUNTS_SCHEMA, SqliteAccountStore } from './sqlite-accounts.js';
import { COMPLIANCE_SCHEMA, SqliteComplianceStore } from './sqlite-compliance.js';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS keys (
  id TEXT PRIMARY KEY,
  hash TEXT NOT NULL UNIQUE,
  user TEXT NOT NULL,
  groups TEXT NOT NULL,
  system TEXT NOT NULL,
  created_at TEXT NOT NULL,
  revoked_at TEXT
);
CREATE TABLE IF NOT EXISTS policy_versions (
  version TEXT PRIMARY KEY,
  loaded_at TEXT NOT NULL,
  loaded_by TEXT NOT NULL,
  files TEXT NOT NULL
);
`;

interface KeyRow {
  id: string;
  hash: string;
  user: string;
  groups: string;
  system: string;
  created_at: string;
  revoked_at: string | null;
}

function toRecord(r: KeyRow): KeyRecord {
  return { id: r.id, user: r.user, groups: JSON.parse(r.groups), system: r.system, createdAt: r.created_at, revokedAt: r.revoked_at };
}

class SqliteKeyStore implements KeyStore {
  private readonly insert;
  private readonly all;
  private readonly one;
  private readonly markRevoked;
  private readonly unmarkRevoked;
  private readonly active;

  constructor(db: Database.Database) {
    this.insert = db.prepare('INSERT INTO keys (id, hash, user, groups, system, created_at) VALUES (?, ?, ?, ?, ?, ?)');
    this.all = db.prepare('SELECT * FROM keys ORDER BY created_at, id');
    this.one = db.prepare('SELECT * FROM keys WHERE id = ?');
    this.markRevoked = db.prepare('UPDATE keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL');
    this.unmarkRevoked = db.prepare('UPDATE keys SET revoked_at = NULL WHERE id = ?');
    this.active = db.prepare('SELECT * FROM keys WHERE revoked_at IS NULL');
  }

  create(input: NewKey): { key: string; record: KeyRecord } {
    const { id, key } = generateKey();
    const createdAt = new Date().toISOString();
    this.insert.run(id, hashKey(key), input.user, JSON.stringify(input.groups), input.system, createdAt);
    return { key, record: { id, user: input.user, groups: input.groups, system: input.system, createdAt, revokedAt: null } };
  }

  list(): KeyRecord[] {
    return (this.all.all() as KeyRow[]).map(toRecord);
  }

  get(id: string): KeyRecord | undefined {
    const row = this.one.get(id) as KeyRow | undefined;
    return row ? toRecord(row) : undefined;
  }

  revoke(id: string): { before: KeyRecord; after: KeyRecord } | undefined {
    const before = this.get(id);
    if (!before) return undefined;
    this.markRevoked.run(new Date().toISOString(), id);
    return { before, after: this.get(id)! };
  }

  unrevoke(id: string): void {
    this.unmarkRevoked.run(id);
  }

  activeByHash(): Map<string, KeyRecord> {
    const map = new Map<string, KeyRecord>();
    for (const row of this.active.all() as KeyRow[]) map.set(row.hash, toRecord(row));
    return map;
  }
}

class SqlitePolicyVersionStore implements PolicyVersionStore {
  private readonly insert;
  private readonly all;
  private readonly one;

  constructor(db: Database.Database) {
    this.insert = db.prepare('INSERT OR IGNORE INTO policy_versions (version, loaded_at, loaded_by, files) VALUES (?, ?, ?, ?)');
    this.all = db.prepare('SELECT version, loaded_at, loaded_by FROM policy_versions ORDER BY loaded_at, version');
    this.one = db.prepare('SELECT * FROM policy_versions WHERE version = ?');
  }

  save(rec: PolicyVersionRecord): boolean {
    return this.insert.run(rec.version, rec.loadedAt, rec.loadedBy, JSON.stringify(rec.files)).changes > 0;
  }

  list(): Array<Omit<PolicyVersionRecord, 'files'>> {
    return (this.all.all() as Array<{ version: string; loaded_at: string; loaded_by: string }>).map((r) => ({
      version: r.version,
      loadedAt: r.loaded_at,
      loadedBy: r.loaded_by,
    }));
  }

  get(version: string): PolicyVersionRecord | undefined {
    const r = this.one.get(version) as { version: string; loaded_at: string; loaded_by: string; files: string } | undefined;
    return r ? { version: r.version, loadedAt: r.loaded_at, loadedBy: r.loaded_by, files: JSON.parse(r.files) } : undefined;
  }
}

/** Opens (creating if needed) the embedded store in `<dataDir>/warden.db`. */
export function openSqliteStore(dataDir: string): Store {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const db = new Database(join(dataDir, 'warden.db'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
  db.exec(SCHEMA);
  db.exec(REVIEWS_SCHEMA);
  db.exec(KILL_SCHEMA);
  db.exec(REGISTRY_SCHEMA);
  db.exec(ACCOUNTS_SCHEMA);
  db.exec(COMPLIANCE_SCHEMA);
  const dataVersion = db.prepare('PRAGMA data_version').pluck();
  return {
    registry: new SqliteRegistryStore(db),
    keys: new SqliteKeyStore(db),
    policyVersions: new SqlitePolicyVersionStore(db),
    reviews: new SqliteReviewStore(db),
    killSwitches: new SqliteKillSwitchStore(db),
    accounts: new SqliteAccountStore(db),
    compliance: new SqliteComplianceStore(db),
    dataVersion: () => dataVersion.get() as number,
    close: () => db.close(),
  };
}
