import type Database from 'better-sqlite3';
import { newId } from '../core/ids.js';
import type { KillScope, KillSwitchRecord, KillSwitchStore } from './types.js';

export const KILL_SCHEMA = `
CREATE TABLE IF NOT EXISTS kill_switches (
  id TEXT PRIMARY KEY,
  scope TEXT NOT NULL,
  target TEXT NOT NULL,
  reason TEXT NOT NULL,
  set_by TEXT NOT NULL,
  set_at TEXT NOT NULL,
  resumed_by TEXT,
  resumed_at TEXT
);
CREATE UNIQUE INDEX IF NOT EXISTS kill_switches_active ON kill_switches (scope, target) WHERE resumed_at IS NULL;
`;

interface Row {
  id: string;
  scope: KillScope;
  target: string;
  reason: string;
  set_by: string;
  set_at: string;
  resumed_by: string | null;
  resumed_at: string | null;
}

const toRecord = (r: Row): KillSwitchRecord => ({
  id: r.id,
  scope: r.scope,
  target: r.target,
  reason: r.reason,
  setBy: r.set_by,
  setAt: r.set_at,
  resumedBy: r.resumed_by,
  resumedAt: r.resumed_at,
});

/** Kill switches in the embedded store: at most one active switch per target. */
export class SqliteKillSwitchStore implements KillSwitchStore {
  private readonly insert;
  private readonly activeOn;
  private readonly resumeStmt;
  private readonly one;
  private readonly activeAll;
  private readonly all;
  private readonly removeStmt;
  private readonly unresumeStmt;

  constructor(private readonly db: Database.Database) {
    this.insert = db.prepare('INSERT INTO kill_switches (id, scope, target, reason, set_by, set_at) VALUES (?, ?, ?, ?, ?, ?)');
    this.activeOn = db.prepare('SELECT * FROM kill_switches WHERE scope = ? AND target = ? AND resumed_at IS NULL');
    this.resumeStmt = db.prepare('UPDATE kill_switches SET resumed_by = ?, resumed_at = ? WHERE id = ? AND resumed_at IS NULL');
    this.one = db.prepare('SELECT * FROM kill_switches WHERE id = ?');
    this.activeAll = db.prepare('SELECT * FROM kill_switches WHERE resumed_at IS NULL ORDER BY set_at');
    this.all = db.prepare('SELECT * FROM kill_switches ORDER BY set_at DESC');
    this.removeStmt = db.prepare('DELETE FROM kill_switches WHERE id = ?');
    this.unresumeStmt = db.prepare('UPDATE kill_switches SET resumed_by = NULL, resumed_at = NULL WHERE id = ?');
  }

  set(scope: KillScope, target: string, reason: string, by: string) {
    return this.db.transaction(() => {
      const existing = this.activeOn.get(scope, target) as Row | undefined;
      if (existing) return { created: false, record: toRecord(existing) };
      const id = newId();
      this.insert.run(id, scope, target, reason, by, new Date().toISOString());
      return { created: true, record: toRecord(this.one.get(id) as Row) };
    })();
  }

  resume(scope: KillScope, target: string, by: string) {
    return this.db.transaction(() => {
      const row = this.activeOn.get(scope, target) as Row | undefined;
      if (!row) return undefined;
      this.resumeStmt.run(by, new Date().toISOString(), row.id);
      return { before: toRecord(row), after: toRecord(this.one.get(row.id) as Row) };
    })();
  }

  active(): KillSwitchRecord[] {
    return (this.activeAll.all() as Row[]).map(toRecord);
  }

  list(): KillSwitchRecord[] {
    return (this.all.all() as Row[]).map(toRecord);
  }

  remove(id: string): void {
    this.removeStmt.run(id);
  }

  unresume(id: string): void {
    this.unresumeStmt.run(id);
  }
}
