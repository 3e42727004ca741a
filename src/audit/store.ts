// The log's SQLite file: one row per leaf, signed checkpoints and delivery cursors. Each leaf row
// also stores the tree hashes its append created: its own leaf hash, then the hash of every
// complete subtree it finished (one per trailing one-bit of its index). The node at (level, i) is
// thus found in the row of leaf (i+1)*2^level - 1 at offset 32*level: one row read per node, one
// row written per record. Synchronous: the writer thread and the CLI use it directly; nothing
// here runs on the gateway's event loop.
import Database from 'better-sqlite3';
import { leafHash, nodeHash } from './hash.js';
import { consistencyProof, inclusionProof, rangeHash, type NodeSource } from './merkle.js';
import { formatCheckpoint } from './checkpoint.js';
import { signNote, type NoteSigner } from './note.js';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS leaves (
  idx INTEGER PRIMARY KEY,
  rid TEXT NOT NULL,
  kind TEXT NOT NULL,
  time TEXT NOT NULL,
  body BLOB,
  hashes BLOB NOT NULL,
  expired_at TEXT
);
CREATE INDEX IF NOT EXISTS leaves_rid ON leaves (rid);
CREATE INDEX IF NOT EXISTS leaves_time ON leaves (time);
CREATE TABLE IF NOT EXISTS checkpoints (
  size INTEGER PRIMARY KEY,
  root BLOB NOT NULL,
  note TEXT NOT NULL,
  time TEXT NOT NULL,
  prev_size INTEGER,
  consistency TEXT
);
CREATE TABLE IF NOT EXISTS sink_cursors (name TEXT PRIMARY KEY, next_index INTEGER NOT NULL, updated_at TEXT NOT NULL);
`;

/** One leaf to append: the record's id, kind and time (for lookups) and its canonical text. */
export interface NewLeaf {
  id: string;
  kind: string;
  time: string;
  leaf: string;
}

export interface LeafRow {
  index: number;
  id: string;
  kind: string;
  time: string;
  /** Null once retention expired the body (its hash stays in the tree). */
  leaf: string | null;
  expiredAt: string | null;
}

export interface StoredCheckpoint {
  size: number;
  root: Buffer;
  note: string;
  time: string;
  prevSize: number | null;
  /** Consistency proof from prevSize to size. */
  consistency: Buffer[] | null;
}

export interface StoreOptions {
  readonly?: boolean;
  /** FULL (default) fsyncs every commit; tests and bulk tools may lower it. */
  synchronous?: 'FULL' | 'NORMAL' | 'OFF';
}

type LeafTuple = [number, string, string, string, Buffer | null, string | null];

function toLeafRow(r: LeafTuple): LeafRow {
  return { index: r[0], id: r[1], kind: r[2], time: r[3], leaf: r[4] === null ? null : r[4].toString('utf8'), expiredAt: r[5] };
}

/** Number of subtrees the append of leaf `index` completes (trailing one-bits of the index). */
export function completedBy(index: number): number {
  let n = index;
  let c = 0;
  while (n % 2 === 1) {
    c++;
    n = (n - 1) / 2;
  }
  return c;
}

type CheckpointTuple = [number, Buffer, string, string, number | null, string | null];

function toCheckpoint(r: CheckpointTuple): StoredCheckpoint {
  return {
    size: r[0],
    root: r[1],
    note: r[2],
    time: r[3],
    prevSize: r[4],
    consistency: r[5] === null ? null : (JSON.parse(r[5]) as string[]).map((h) => Buffer.from(h, 'base64')),
  };
}

export class LogStore implements NodeSource {
  readonly db: Database.Database;
  /** Size the frontier below belongs to; -1 forces a reload. */
  private cachedSize = -1;
  /** Hash of the complete subtree at each level whose bit is set in cachedSize. */
  private frontier: Array<Buffer | undefined> = [];
  private readonly st;

  constructor(readonly path: string, opts: StoreOptions = {}) {
    this.db = new Database(path, { readonly: opts.readonly ?? false, fileMustExist: opts.readonly ?? false });
    this.db.pragma('busy_timeout = 10000');
    if (!opts.readonly) {
      // Larger pages suit rows of about a kilobyte read in long runs; takes effect for new files only.
      this.db.pragma('page_size = 16384');
      this.db.pragma('journal_mode = WAL');
      this.db.pragma(`synchronous = ${opts.synchronous ?? 'FULL'}`);
      this.db.exec(SCHEMA);
    }
    const db = this.db;
    this.st = {
      maxIndex: db.prepare('SELECT max(idx) FROM leaves').pluck(),
      hashes: db.prepare('SELECT hashes FROM leaves WHERE idx = ?').pluck(),
      hashesOf: db.prepare('SELECT idx, hashes FROM leaves WHERE idx IN (SELECT value FROM json_each(?))').raw(),
      insLeaf: opts.readonly ? null : db.prepare('INSERT INTO leaves (idx, rid, kind, time, body, hashes) VALUES (?, ?, ?, ?, ?, ?)'),
      leafAt: db.prepare('SELECT idx, rid, kind, time, body, expired_at FROM leaves WHERE idx = ?').raw(),
      leavesById: db.prepare('SELECT idx, rid, kind, time, body, expired_at FROM leaves WHERE rid = ? ORDER BY idx').raw(),
      leafRange: db.prepare('SELECT idx, rid, kind, time, body, expired_at FROM leaves WHERE idx >= ? AND idx < ? ORDER BY idx').raw(),
      hashRows: db.prepare('SELECT body, hashes FROM leaves WHERE idx >= ? AND idx < ? ORDER BY idx').raw(),
      count: db.prepare('SELECT count(*) FROM leaves').pluck(),
      timeSpan: db.prepare('SELECT min(idx), max(idx) FROM leaves WHERE time >= ? AND time < ?').raw(),
      latestCp: db.prepare('SELECT size, root, note, time, prev_size, consistency FROM checkpoints ORDER BY size DESC LIMIT 1').raw(),
      allCps: db.prepare('SELECT size, root, note, time, prev_size, consistency FROM checkpoints ORDER BY size').raw(),
      cpAtLeast: db.prepare('SELECT size, root, note, time, prev_size, consistency FROM checkpoints WHERE size >= ? ORDER BY size LIMIT 1').raw(),
      insCp: opts.readonly
        ? null
        : db.prepare('INSERT OR IGNORE INTO checkpoints (size, root, note, time, prev_size, consistency) VALUES (?, ?, ?, ?, ?, ?)'),
      getMeta: db.prepare('SELECT value FROM meta WHERE key = ?').pluck(),
      setMeta: opts.readonly ? null : db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING'),
      getCursor: db.prepare('SELECT next_index FROM sink_cursors WHERE name = ?').pluck(),
      setCursor: opts.readonly
        ? null
        : db.prepare('INSERT INTO sink_cursors (name, next_index, updated_at) VALUES (?, ?, ?) ON CONFLICT (name) DO UPDATE SET next_index = excluded.next_index, updated_at = excluded.updated_at WHERE excluded.next_index > sink_cursors.next_index'),
    };
  }

  /** Committed number of leaves (as seen by this connection now). */
  size(): number {
    const m = this.st.maxIndex.get() as number | null;
    return m === null ? 0 : m + 1;
  }

  /** Hash of the complete subtree at (level, index); throws if it is not stored. */
  node(level: number, index: number): Buffer {
    const row = this.st.hashes.get((index + 1) * 2 ** level - 1) as Buffer | undefined;
    if (!row || row.length < 32 * (level + 1)) throw new Error(`tree node at level ${level} index ${index} is missing`);
    return row.subarray(32 * level, 32 * level + 32);
  }

  /** Many nodes in one query. */
  nodes(coords: ReadonlyArray<readonly [number, number]>): Buffer[] {
    const rows = coords.map(([level, index]) => (index + 1) * 2 ** level - 1);
    const byRow = new Map<number, Buffer>();
    for (const [idx, hashes] of this.st.hashesOf.all(JSON.stringify(rows)) as Array<[number, Buffer]>) byRow.set(idx, hashes);
    return coords.map(([level, index], i) => {
      const row = byRow.get(rows[i]);
      if (!row || row.length < 32 * (level + 1)) throw new Error(`tree node at level ${level} index ${index} is missing`);
      return row.subarray(32 * level, 32 * level + 32);
    });
  }

  private loadFrontier(size: number): void {
    this.frontier = [];
    let start = 0;
    for (let level = 53; level >= 0; level--) {
      const span = 2 ** level;
      if (Math.floor(size / span) % 2 === 1) {
        this.frontier[level] = this.node(level, start / span);
        start += span;
      }
    }
    this.cachedSize = size;
  }

  /**
   * Appends leaves in one write transaction and returns the index of the first. BEGIN IMMEDIATE
   * serializes writers across processes; a size that moved since our last append (another process
   * appended) reloads the frontier from the stored tree first.
   */
  appendBatch(items: readonly NewLeaf[]): number {
    const run = this.db.transaction((batch: readonly NewLeaf[]) => {
      const size = this.size();
      if (size !== this.cachedSize) this.loadFrontier(size);
      const insLeaf = this.st.insLeaf!;
      for (const item of batch) {
        const index = this.cachedSize;
        const body = Buffer.from(item.leaf, 'utf8');
        const hashes = Buffer.allocUnsafe(32 * (1 + completedBy(index)));
        let h = leafHash(body);
        h.copy(hashes, 0);
        let level = 0;
        let n = index;
        while (n % 2 === 1) {
          h = nodeHash(this.frontier[level]!, h);
          this.frontier[level] = undefined;
          level++;
          n = (n - 1) / 2;
          h.copy(hashes, 32 * level);
        }
        this.frontier[level] = h;
        insLeaf.run(index, item.id, item.kind, item.time, body, hashes);
        this.cachedSize = index + 1;
      }
      return size;
    });
    try {
      return run.immediate(items);
    } catch (err) {
      this.cachedSize = -1;
      throw err;
    }
  }

  /** Root of the tree of the first `size` leaves (default: all committed leaves). */
  root(size = this.size()): Buffer {
    if (size === 0) throw new Error('the log is empty');
    return rangeHash(this, 0, size);
  }

  inclusionProof(index: number, size: number): Buffer[] {
    return this.db.transaction(() => inclusionProof(this, index, size))();
  }

  consistencyProof(m: number, n: number): Buffer[] {
    return this.db.transaction(() => consistencyProof(this, m, n))();
  }

  /** Stored leaf hash (level 0 node) of leaf `index`. */
  leafHashAt(index: number): Buffer {
    return this.node(0, index);
  }

  leafAt(index: number): LeafRow | null {
    const r = this.st.leafAt.get(index) as LeafTuple | undefined;
    return r ? toLeafRow(r) : null;
  }

  leavesById(id: string): LeafRow[] {
    return (this.st.leavesById.all(id) as LeafTuple[]).map(toLeafRow);
  }

  /** Leaves [from, to) in log order. */
  leafRange(from: number, to: number): LeafRow[] {
    return (this.st.leafRange.all(from, to) as LeafTuple[]).map(toLeafRow);
  }

  /** Raw [body, hashes] rows of [from, to) in index order: the verifier's fast path. */
  hashRows(from: number, to: number): Array<[Buffer | null, Buffer]> {
    return this.st.hashRows.all(from, to) as Array<[Buffer | null, Buffer]>;
  }

  /** Number of leaf rows (equals size() unless rows were removed). */
  rowCount(): number {
    return this.st.count.get() as number;
  }

  /** The index range [first, last] holding every leaf with from <= time < to, or null. */
  indexSpan(from: string, to: string): [number, number] | null {
    const [a, b] = this.st.timeSpan.get(from, to) as [number | null, number | null];
    return a === null || b === null ? null : [a, b];
  }

  latestCheckpoint(): StoredCheckpoint | null {
    const r = this.st.latestCp.get() as CheckpointTuple | undefined;
    return r ? toCheckpoint(r) : null;
  }

  /** The smallest checkpoint whose tree holds at least `size` leaves. */
  checkpointCovering(size: number): StoredCheckpoint | null {
    const r = this.st.cpAtLeast.get(size) as CheckpointTuple | undefined;
    return r ? toCheckpoint(r) : null;
  }

  checkpoints(): StoredCheckpoint[] {
    return (this.st.allCps.all() as CheckpointTuple[]).map(toCheckpoint);
  }

  /**
   * Signs a checkpoint of the current tree unless the latest one already covers it, storing the
   * consistency proof from the previous checkpoint. Returns the new checkpoint or null.
   */
  signCheckpoint(signer: NoteSigner, origin: string, now = new Date()): StoredCheckpoint | null {
    const run = this.db.transaction(() => {
      const size = this.size();
      if (size === 0) return null;
      const last = this.latestCheckpoint();
      if (last && last.size >= size) return null;
      const root = this.root(size);
      const proof = last ? consistencyProof(this, last.size, size) : null;
      const note = signNote(formatCheckpoint({ origin, size, root }), [signer]);
      const cp: StoredCheckpoint = { size, root, note, time: now.toISOString(), prevSize: last?.size ?? null, consistency: proof };
      this.st.insCp!.run(size, root, note, cp.time, cp.prevSize, proof ? JSON.stringify(proof.map((h) => h.toString('base64'))) : null);
      return cp;
    });
    return run.immediate();
  }

  getMeta(key: string): string | null {
    return (this.st.getMeta.get(key) as string | undefined) ?? null;
  }

  /** Sets a meta value once; returns the value that is stored afterwards. */
  initMeta(key: string, value: string): string {
    this.st.setMeta!.run(key, value);
    return this.getMeta(key)!;
  }

  cursor(name: string): number {
    return (this.st.getCursor.get(name) as number | undefined) ?? 0;
  }

  /** Moves a delivery cursor forward (never back). */
  setCursor(name: string, nextIndex: number): void {
    this.st.setCursor!.run(name, nextIndex, new Date().toISOString());
  }

  /**
   * Removes the bodies of up to `limit` records of the given kinds older than `before` (ISO
   * time), in one short transaction. Their leaf hashes stay in the tree, so proofs and
   * verification still work. Returns how many expired; call again while it returns `limit`.
   */
  expire(kinds: readonly string[], before: string, limit = 5_000, now = new Date()): number {
    if (kinds.length === 0) return 0;
    const marks = kinds.map(() => '?').join(',');
    const sql = `UPDATE leaves SET body = NULL, expired_at = ? WHERE idx IN (SELECT idx FROM leaves WHERE time < ? AND body IS NOT NULL AND kind IN (${marks}) LIMIT ?)`;
    return this.db.prepare(sql).run(now.toISOString(), before, ...kinds, limit).changes;
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
