// Optional store of raw prompts and completions, apart from the log and encrypted (AES-256-GCM).
// Each entry has its own data key wrapped by the configured key: erasing an entry deletes its
// data key (crypto-shredding); deleting the configured key erases them all. The Merkle log holds
// only the content's HMAC, so neither touches a leaf.
import Database from 'better-sqlite3';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS content (
  rid TEXT NOT NULL,
  part TEXT NOT NULL,
  created_at TEXT NOT NULL,
  wrapped_key BLOB,
  data BLOB,
  PRIMARY KEY (rid, part)
);
CREATE INDEX IF NOT EXISTS content_created ON content (created_at);
`;

function seal(key: Buffer, plain: Buffer, aad: string): Buffer {
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', key, iv);
  c.setAAD(Buffer.from(aad, 'utf8'));
  const body = Buffer.concat([c.update(plain), c.final()]);
  return Buffer.concat([iv, c.getAuthTag(), body]);
}

function open(key: Buffer, sealed: Buffer, aad: string): Buffer {
  const d = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, 12));
  d.setAAD(Buffer.from(aad, 'utf8'));
  d.setAuthTag(sealed.subarray(12, 28));
  return Buffer.concat([d.update(sealed.subarray(28)), d.final()]);
}

export class ContentStore {
  private readonly db: Database.Database;

  constructor(path: string, private readonly key: Buffer) {
    if (key.length !== 32) throw new Error('the content store key must be 32 bytes');
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    // Erased keys must not linger in free pages.
    this.db.pragma('secure_delete = ON');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(SCHEMA);
  }

  /** Stores one part (e.g. "request", "response") of a record's content, encrypted. */
  put(recordId: string, part: string, text: string): void {
    const dataKey = randomBytes(32);
    const aad = `${recordId}\u0000${part}`;
    const data = seal(dataKey, Buffer.from(text, 'utf8'), aad);
    const wrapped = seal(this.key, dataKey, `key\u0000${aad}`);
    this.db
      .prepare('INSERT OR REPLACE INTO content (rid, part, created_at, wrapped_key, data) VALUES (?, ?, ?, ?, ?)')
      .run(recordId, part, new Date().toISOString(), wrapped, data);
  }

  /** The stored parts of a record; an erased part reads as null. */
  get(recordId: string): Array<{ part: string; text: string | null }> {
    const rows = this.db.prepare('SELECT part, wrapped_key, data FROM content WHERE rid = ? ORDER BY part').all(recordId) as Array<{
      part: string;
      wrapped_key: Buffer | null;
      data: Buffer | null;
    }>;
    return rows.map((r) => {
      if (!r.wrapped_key || !r.data) return { part: r.part, text: null };
      const aad = `${recordId}\u0000${r.part}`;
      const dataKey = open(this.key, r.wrapped_key, `key\u0000${aad}`);
      return { part: r.part, text: open(dataKey, r.data, aad).toString('utf8') };
    });
  }

  /** Erases a record's content by destroying its data keys. */
  erase(recordId: string): number {
    return this.db.prepare('UPDATE content SET wrapped_key = NULL, data = NULL WHERE rid = ?').run(recordId).changes;
  }

  /** Erases everything stored before `before` (ISO time). */
  expire(before: string): number {
    return this.db.prepare('UPDATE content SET wrapped_key = NULL, data = NULL WHERE created_at < ? AND wrapped_key IS NOT NULL').run(before).changes;
  }

  private closers: Array<() => void> = [];

  /** Runs `fn` when the store closes. */
  onClose(fn: () => void): void {
    this.closers.push(fn);
  }

  close(): void {
    for (const fn of this.closers.splice(0)) fn();
    if (this.db.open) this.db.close();
  }
}
