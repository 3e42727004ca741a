import type Database from 'better-sqlite3';
import { newId } from '../core/ids.js';
import type { ReviewRecord, ReviewStatus, ReviewStore } from './types.js';

export const REVIEWS_SCHEMA = `
CREATE TABLE IF NOT EXISTS reviews (
  id TEXT PRIMARY KEY,
  decision_id TEXT NOT NULL,
  fingerprint TEXT NOT NULL,
  status TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  valid_until TEXT,
  used_at TEXT,
  body TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS reviews_fingerprint ON reviews (fingerprint, status);
CREATE INDEX IF NOT EXISTS reviews_status ON reviews (status, created_at);
`;

interface Row {
  id: string;
  status: ReviewStatus;
  valid_until: string | null;
  used_at: string | null;
  expires_at: string;
  body: string;
}

function toRecord(r: Row, now = new Date()): ReviewRecord {
  const rec = JSON.parse(r.body) as ReviewRecord;
  rec.status = r.status === 'pending' && r.expires_at <= now.toISOString() ? 'expired' : r.status;
  rec.validUntil = r.valid_until;
  rec.usedAt = r.used_at;
  return rec;
}

/** Review queue for held requests, in the embedded store. */
export class SqliteReviewStore implements ReviewStore {
  private readonly insert;
  private readonly one;
  private readonly all;
  private readonly byStatus;
  private readonly update;
  private readonly approvedFor;
  private readonly markUsed;
  private readonly pending;
  private readonly restore;

  constructor(private readonly db: Database.Database) {
    this.insert = db.prepare('INSERT INTO reviews (id, decision_id, fingerprint, status, created_at, expires_at, body) VALUES (?, ?, ?, ?, ?, ?, ?)');
    this.one = db.prepare('SELECT * FROM reviews WHERE id = ?');
    this.all = db.prepare('SELECT * FROM reviews ORDER BY created_at DESC, id DESC');
    this.byStatus = db.prepare('SELECT * FROM reviews WHERE status = ? ORDER BY created_at, id');
    this.update = db.prepare('UPDATE reviews SET status = ?, valid_until = ?, body = ? WHERE id = ? AND status = ? AND expires_at > ?');
    this.approvedFor = db.prepare(
      "SELECT * FROM reviews WHERE fingerprint = ? AND status = 'approved' AND used_at IS NULL AND valid_until > ? ORDER BY created_at LIMIT 1",
    );
    this.markUsed = db.prepare('UPDATE reviews SET used_at = ? WHERE id = ? AND used_at IS NULL');
    this.restore = db.prepare("UPDATE reviews SET status = 'pending', valid_until = NULL, used_at = NULL, body = ? WHERE id = ? AND used_at IS NULL");
    this.pending = db.prepare("SELECT * FROM reviews WHERE fingerprint = ? AND status = 'pending' AND expires_at > ? ORDER BY created_at DESC LIMIT 1");
  }

  create(r: Omit<ReviewRecord, 'status' | 'decidedAt' | 'decidedBy' | 'reason' | 'validUntil' | 'usedAt'>): ReviewRecord {
    const rec: ReviewRecord = { ...r, id: r.id || newId(), status: 'pending', decidedAt: null, decidedBy: null, reason: null, validUntil: null, usedAt: null };
    this.insert.run(rec.id, rec.decisionId, rec.fingerprint, 'pending', rec.createdAt, rec.expiresAt, JSON.stringify(rec));
    return rec;
  }

  get(id: string): ReviewRecord | undefined {
    const row = this.one.get(id) as Row | undefined;
    return row ? toRecord(row) : undefined;
  }

  list(filter: { status?: ReviewStatus } = {}): ReviewRecord[] {
    const now = new Date();
    if (filter.status === 'expired') return (this.all.all() as Row[]).map((r) => toRecord(r, now)).filter((r) => r.status === 'expired');
    if (filter.status === 'pending') return (this.byStatus.all('pending') as Row[]).map((r) => toRecord(r, now)).filter((r) => r.status === 'pending');
    const rows = filter.status ? (this.byStatus.all(filter.status) as Row[]) : (this.all.all() as Row[]);
    return rows.map((r) => toRecord(r, now));
  }

  decide(id: string, status: 'approved' | 'denied', by: string, reason: string) {
    const now = new Date();
    return this.db.transaction(() => {
      const before = this.get(id);
      if (!before || before.status !== 'pending') return undefined;
      const validUntil = status === 'approved' ? new Date(now.getTime() + before.validityMs).toISOString() : null;
      const after: ReviewRecord = { ...before, status, decidedAt: now.toISOString(), decidedBy: by, reason, validUntil };
      const changed = this.update.run(status, validUntil, JSON.stringify(after), id, 'pending', now.toISOString()).changes;
      return changed ? { before, after } : undefined;
    })();
  }

  undecide(before: ReviewRecord): void {
    this.restore.run(JSON.stringify(before), before.id);
  }

  consumeApproval(fingerprint: string, now: Date): ReviewRecord | undefined {
    return this.db.transaction(() => {
      const row = this.approvedFor.get(fingerprint, now.toISOString()) as Row | undefined;
      if (!row) return undefined;
      this.markUsed.run(now.toISOString(), row.id);
      return toRecord({ ...row, used_at: now.toISOString() }, now);
    })();
  }

  pendingFor(fingerprint: string, now: Date): ReviewRecord | undefined {
    const row = this.pending.get(fingerprint, now.toISOString()) as Row | undefined;
    return row ? toRecord(row, now) : undefined;
  }
}
