// Full verification of a stored log. Every leaf hash is recomputed from the leaf's stored bytes,
// every stored tree node from its two children, and every checkpoint root from those nodes; each
// checkpoint's signature is checked, and consecutive checkpoints are checked for consistency.
// Together that is the whole tree recomputed from the leaves. Leaves are checked in aligned
// chunks that need nothing outside themselves, so several threads can share the work.
import { leafHash, nodeHash } from './hash.js';
import { rootAt } from './merkle.js';
import { verifyConsistency } from './proof.js';
import { openNote, type NoteVerifier } from './note.js';
import { parseCheckpoint } from './checkpoint.js';
import { completedBy, type LogStore, type StoredCheckpoint } from './store.js';

export interface VerifyProblem {
  /** First bad leaf index, when the problem is in a leaf or the nodes it completed. */
  index?: number;
  /** Size of the checkpoint concerned, when it is a checkpoint problem. */
  checkpoint?: number;
  message: string;
}

export interface VerifyReport {
  ok: boolean;
  size: number;
  checkpoints: number;
  expired: number;
  problem?: VerifyProblem;
  /** Root of the whole log (base64), when sound. */
  root?: string;
}

export interface VerifyOptions {
  verifier: NoteVerifier;
  origin?: string;
  /** Called as leaves are checked, with the number checked so far. */
  progress?: (done: number, total: number) => void;
  /** log2 of the leaves per chunk (default CHUNK_LEVEL); tests use small chunks. */
  chunkLevel?: number;
}

/** log2 of leaves per chunk: a power of two, so a chunk holds every subtree up to this level that it completes. */
export const CHUNK_LEVEL = 16;
const PAGE = 8192;

export interface ChunkResult {
  from: number;
  to: number;
  expired: number;
  problem?: VerifyProblem;
  /** Nodes completed in this chunk whose left child lies in an earlier chunk: [leaf index, level]. */
  boundary: Array<[number, number]>;
}

/** Checks leaves [from, to) (from a multiple of the chunk size) and the nodes they complete. */
export function verifyChunk(store: LogStore, from: number, to: number): ChunkResult {
  const res: ChunkResult = { from, to, expired: 0, boundary: [] };
  const frontier: Buffer[] = [];
  for (let page = from; page < to; page += PAGE) {
    const end = Math.min(to, page + PAGE);
    const rows = store.hashRows(page, end);
    if (rows.length !== end - page) {
      res.problem = { index: page + rows.length, message: `leaf ${page + rows.length} is missing` };
      return res;
    }
    for (let r = 0; r < rows.length; r++) {
      const index = page + r;
      const [body, hashes] = rows[r];
      const completes = completedBy(index);
      if (hashes.length !== 32 * (1 + completes)) {
        res.problem = { index, message: `leaf ${index}: its row holds ${hashes.length / 32} tree hashes, want ${1 + completes}` };
        return res;
      }
      // Compare in place (Buffer.compare ranges): no slice objects on the per-leaf path.
      let h: Buffer;
      if (body === null) {
        res.expired++;
        h = hashes.subarray(0, 32);
      } else {
        h = leafHash(body);
        if (hashes.compare(h, 0, 32, 0, 32) !== 0) {
          res.problem = { index, message: `leaf ${index}: its stored hash is not the hash of its stored bytes (the record was altered)` };
          return res;
        }
      }
      for (let level = 1; level <= completes; level++) {
        const left = frontier[level - 1];
        if (left === undefined) {
          res.boundary.push([index, level]);
          h = hashes.subarray(32 * level, 32 * level + 32);
        } else {
          h = nodeHash(left, h);
          if (hashes.compare(h, 0, 32, 32 * level, 32 * level + 32) !== 0) {
            res.problem = { index, message: `leaf ${index}: the stored tree node at level ${level} above it differs from the recomputed one` };
            return res;
          }
        }
        frontier[level - 1] = undefined as unknown as Buffer;
      }
      frontier[completes] = h;
    }
  }
  return res;
}

function checkpointProblem(store: LogStore, cps: StoredCheckpoint[], size: number, opts: VerifyOptions): VerifyProblem | null {
  const origin = opts.origin ?? store.getMeta('origin') ?? undefined;
  for (let i = 0; i < cps.length; i++) {
    const cp = cps[i];
    let text: string;
    try {
      text = openNote(cp.note, [opts.verifier]).text;
    } catch (err) {
      return { checkpoint: cp.size, message: `checkpoint at size ${cp.size}: ${(err as Error).message}` };
    }
    const body = parseCheckpoint(text);
    if (origin && body.origin !== origin) return { checkpoint: cp.size, message: `checkpoint at size ${cp.size} names origin ${body.origin}, not ${origin}` };
    if (body.size !== cp.size || !body.root.equals(cp.root)) return { checkpoint: cp.size, message: `checkpoint at size ${cp.size}: the signed note differs from the stored size or root` };
    if (cp.size > size) return { checkpoint: cp.size, message: `checkpoint at size ${cp.size} but the log holds only ${size} leaves (records were removed)` };
    if (i > 0) {
      const prev = cps[i - 1];
      try {
        const proof = cp.prevSize === prev.size && cp.consistency ? cp.consistency : store.consistencyProof(prev.size, cp.size);
        verifyConsistency(prev.size, cp.size, proof, prev.root, cp.root);
      } catch (err) {
        return { checkpoint: cp.size, message: `checkpoints ${prev.size} and ${cp.size} are not consistent: ${(err as Error).message}` };
      }
    }
  }
  return null;
}

/** What the caller knows before checking leaves: size, checkpoints, and any checkpoint problem. */
export function prepare(store: LogStore, opts: VerifyOptions): { report: VerifyReport; cps: StoredCheckpoint[] } {
  const size = store.size();
  const cps = store.checkpoints();
  const report: VerifyReport = { ok: false, size, checkpoints: cps.length, expired: 0 };
  const p = checkpointProblem(store, cps, size, opts);
  if (p) report.problem = p;
  else if (store.rowCount() !== size) report.problem = { message: `the log has ${store.rowCount()} leaf rows for ${size} indexes (rows were removed)` };
  return { report, cps };
}

/** The chunks [from, to) covering a log of `size` leaves. */
export function chunksOf(size: number, chunkLevel = CHUNK_LEVEL): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  const chunk = 2 ** chunkLevel;
  for (let f = 0; f < size; f += chunk) out.push([f, Math.min(size, f + chunk)]);
  return out;
}

/** Combines chunk results (any order) into the report: first problem by leaf index, then roots. */
export function finish(store: LogStore, report: VerifyReport, cps: StoredCheckpoint[], results: ChunkResult[]): VerifyReport {
  results.sort((a, b) => a.from - b.from);
  for (const r of results) {
    report.expired += r.expired;
    if (r.problem && !report.problem) report.problem = r.problem;
    if (report.problem) continue;
    // Nodes whose left child is in an earlier chunk: both children are verified stored nodes.
    for (const [index, level] of r.boundary) {
      const i = Math.floor(index / 2 ** level);
      const left = store.node(level - 1, 2 * i);
      const right = store.node(level - 1, 2 * i + 1);
      if (!nodeHash(left, right).equals(store.node(level, i))) {
        report.problem = { index, message: `leaf ${index}: the stored tree node at level ${level} above it differs from the recomputed one` };
        break;
      }
    }
  }
  if (report.problem) return report;
  // Every stored node is now known to follow from the leaves: each checkpoint root must too.
  for (const cp of cps) {
    if (cp.size === 0) continue;
    if (!rootAt(store, cp.size).equals(cp.root))
      return { ...report, problem: { index: cp.size - 1, checkpoint: cp.size, message: `checkpoint at size ${cp.size}: its root differs from the tree recomputed from the leaves` } };
  }
  report.ok = true;
  if (report.size > 0) report.root = rootAt(store, report.size).toString('base64');
  return report;
}

/** Verifies a log in this thread, in one read snapshot. */
export function verifyLog(store: LogStore, opts: VerifyOptions): VerifyReport {
  return store.db.transaction(() => {
    const { report, cps } = prepare(store, opts);
    if (report.problem) return report;
    const results: ChunkResult[] = [];
    for (const [from, to] of chunksOf(report.size, opts.chunkLevel)) {
      const r = verifyChunk(store, from, to);
      results.push(r);
      opts.progress?.(to, report.size);
      if (r.problem) break;
    }
    return finish(store, report, cps, results);
  })();
}

/** Decisions whose exchange should have ended with a completion record but has none. */
export interface MissingCompletions {
  /** Decisions without a completion (block and hold decisions end at the decision and are not counted). */
  count: number;
  /** Made within `windowMs` of the log's last record: still in flight, or their completion was waiting for the next commit when the log ended. */
  atEnd: MissingDecision[];
  /** Older: the exchange ended without its completion reaching the log (a crash earlier in the log's life, or a fault). */
  older: MissingDecision[];
  windowMs: number;
}

export interface MissingDecision {
  id: string;
  index: number;
  time: string;
}

/**
 * Finds decisions without a completion record. A completion nobody waits for shares the next
 * commit (deferred), so a process killed mid-burst can lose the completions of answers it had
 * already delivered; their decisions are in the log. Bodies removed by retention are not judged.
 */
export function missingCompletions(store: LogStore, windowMs = 10 * 60_000): MissingCompletions {
  const rows = store.db
    .prepare(
      `SELECT d.idx, d.rid, d.time FROM leaves d
       WHERE d.kind = 'decision' AND d.body IS NOT NULL
         AND json_extract(CAST(d.body AS TEXT), '$.action') NOT IN ('block', 'hold')
         AND NOT EXISTS (SELECT 1 FROM leaves c WHERE c.rid = d.rid AND c.kind = 'completion')
       ORDER BY d.idx`,
    )
    .raw()
    .all() as Array<[number, string, string]>;
  const last = store.db.prepare('SELECT time FROM leaves ORDER BY idx DESC LIMIT 1').pluck().get() as string | undefined;
  const from = last ? Date.parse(last) - windowMs : 0;
  const out: MissingCompletions = { count: rows.length, atEnd: [], older: [], windowMs };
  for (const [index, id, time] of rows) (Date.parse(time) >= from ? out.atEnd : out.older).push({ id, index, time });
  return out;
}
