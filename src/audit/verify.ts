// Full verification of a stored log: recompute every leaf hash from its stored bytes and the whole
// tree from the leaves, compare with every stored hash, check each checkpoint's signature and
// root, and the consistency of consecutive checkpoints. Reports the first thing that differs.
import { leafHash, nodeHash } from './hash.js';
import { storedNodeCount } from './merkle.js';
import { verifyConsistency } from './proof.js';
import { openNote, type NoteVerifier } from './note.js';
import { parseCheckpoint } from './checkpoint.js';
import type { LogStore } from './store.js';

export interface VerifyProblem {
  /** First bad leaf index, when the problem is in a leaf or the nodes above it. */
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
  root?: string;
}

export interface VerifyOptions {
  verifier: NoteVerifier;
  origin?: string;
  /** Called every `progressEvery` leaves with the number checked so far. */
  progress?: (done: number, total: number) => void;
  progressEvery?: number;
}

const PAGE = 8192;

/** Verifies a log; runs in one read snapshot so concurrent appends do not disturb it. */
export function verifyLog(store: LogStore, opts: VerifyOptions): VerifyReport {
  return store.db.transaction(() => verifySnapshot(store, opts))();
}

function verifySnapshot(store: LogStore, opts: VerifyOptions): VerifyReport {
  const size = store.size();
  const cps = store.checkpoints();
  const report: VerifyReport = { ok: false, size, checkpoints: cps.length, expired: 0 };
  const fail = (problem: VerifyProblem): VerifyReport => ({ ...report, problem });

  // Checkpoints first: signatures, bodies, and consistency between consecutive ones.
  const origin = opts.origin ?? store.getMeta('origin') ?? undefined;
  for (let i = 0; i < cps.length; i++) {
    const cp = cps[i];
    let text: string;
    try {
      text = openNote(cp.note, [opts.verifier]).text;
    } catch (err) {
      return fail({ checkpoint: cp.size, message: `checkpoint at size ${cp.size}: ${(err as Error).message}` });
    }
    const body = parseCheckpoint(text);
    if (origin && body.origin !== origin) return fail({ checkpoint: cp.size, message: `checkpoint at size ${cp.size} names origin ${body.origin}, not ${origin}` });
    if (body.size !== cp.size || !body.root.equals(cp.root))
      return fail({ checkpoint: cp.size, message: `checkpoint at size ${cp.size}: the signed note differs from the stored size or root` });
    if (cp.size > size) return fail({ checkpoint: cp.size, message: `checkpoint at size ${cp.size} but the log holds only ${size} leaves (records were removed)` });
    if (i > 0) {
      const prev = cps[i - 1];
      try {
        const proof = cp.prevSize === prev.size && cp.consistency ? cp.consistency : store.consistencyProof(prev.size, cp.size);
        verifyConsistency(prev.size, cp.size, proof, prev.root, cp.root);
      } catch (err) {
        return fail({ checkpoint: cp.size, message: `checkpoints ${prev.size} and ${cp.size} are not consistent: ${(err as Error).message}` });
      }
    }
  }

  // Then the tree, streamed in creation order: leaf hash, then the nodes that leaf completes.
  const extent = store.treeExtent();
  if (extent.count !== storedNodeCount(size) || (size > 0 && extent.maxPos !== storedNodeCount(size) - 1))
    return fail({ message: `the tree holds ${extent.count} hashes, a log of ${size} leaves has ${storedNodeCount(size)}` });
  const frontier: Buffer[] = [];
  let nextCp = 0;
  while (nextCp < cps.length && cps[nextCp].size === 0) nextCp++;
  let pos = 0;
  let hashes: Buffer[] = [];
  let hashBase = 0;
  const every = opts.progressEvery ?? 1_000_000;
  for (let from = 0; from < size; from += PAGE) {
    const to = Math.min(size, from + PAGE);
    const rows = store.bodyRange(from, to);
    if (rows.length !== to - from) return fail({ index: from + rows.length, message: `leaf ${firstMissing(rows, from)} is missing` });
    // Hashes for these leaves and the nodes they complete.
    hashBase = pos;
    hashes = store.treeRange(pos, storedNodeCount(to));
    for (const [index, id, body] of rows) {
      const stored = hashes[pos - hashBase];
      let h: Buffer;
      if (body === null) {
        h = stored;
        report.expired++;
      } else {
        h = leafHash(Buffer.from(body, 'utf8'));
        if (!stored.equals(h)) return fail({ index, message: `leaf ${index}: its stored hash is not the hash of its stored bytes (record ${id} was altered)` });
        if (!body.includes(`"id":${JSON.stringify(id)}`)) return fail({ index, message: `leaf ${index}: indexed as record ${id} but the leaf names another id` });
      }
      pos++;
      let n = index;
      let level = 0;
      while (n % 2 === 1) {
        h = nodeHash(frontier[level], h);
        level++;
        n = (n - 1) / 2;
        const s = hashes[pos - hashBase];
        if (!s.equals(h)) return fail({ index, message: `leaf ${index}: the stored tree node at level ${level} above it differs from the recomputed one` });
        pos++;
      }
      frontier[level] = h;
      for (let l = 0; l < level; l++) delete frontier[l];
      const done = index + 1;
      while (nextCp < cps.length && cps[nextCp].size === done) {
        const root = foldRoot(frontier);
        if (!root.equals(cps[nextCp].root))
          return fail({ index, checkpoint: done, message: `checkpoint at size ${done}: its root differs from the tree recomputed from the leaves` });
        nextCp++;
      }
      if (opts.progress && done % every === 0) opts.progress(done, size);
    }
  }
  report.ok = true;
  if (size > 0) report.root = foldRoot(frontier).toString('base64');
  return report;
}

function foldRoot(frontier: Buffer[]): Buffer {
  let root: Buffer | undefined;
  for (let l = 0; l < frontier.length; l++) {
    const h = frontier[l];
    if (h) root = root ? nodeHash(h, root) : h;
  }
  return root!;
}

function firstMissing(rows: Array<[number, string, string | null]>, from: number): number {
  for (let i = 0; i < rows.length; i++) if (rows[i][0] !== from + i) return from + i;
  return from + rows.length;
}
