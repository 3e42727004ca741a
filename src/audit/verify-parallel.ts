// Verification spread over threads. This thread checks chunks too, from the same queue, so the
// work starts at once and extra threads only add speed once they are up. Each helper thread
// keeps two chunks queued so it never waits for this thread to hand out the next.
import { availableParallelism } from 'node:os';
import { startThread } from './thread.js';
import { chunksOf, finish, prepare, verifyChunk, type ChunkResult, type VerifyOptions, type VerifyReport } from './verify.js';
import type { LogStore } from './store.js';

/** Verifies the log at `store.path`; `threads` counts helper threads (default: cores - 1, at most 3). */
export async function verifyLogParallel(store: LogStore, opts: VerifyOptions & { threads?: number }): Promise<VerifyReport> {
  const { report, cps } = prepare(store, opts);
  if (report.problem) return report;
  const chunks = chunksOf(report.size, opts.chunkLevel);
  const helpers = Math.max(0, Math.min(opts.threads ?? Math.min(availableParallelism() - 1, 3), chunks.length - 1));
  const results: ChunkResult[] = [];
  let next = 0;
  let done = 0;
  let failed = false;
  const record = (r: ChunkResult) => {
    results.push(r);
    done += r.to - r.from;
    opts.progress?.(done, report.size);
    if (r.problem) failed = true;
  };
  const take = (): [number, number] | null => (failed || next >= chunks.length ? null : chunks[next++]);

  const threads = Array.from({ length: helpers }, () => {
    const w = startThread('verify-thread', { dbPath: store.path });
    let outstanding = 0;
    return new Promise<void>((resolve, reject) => {
      const feed = () => {
        while (outstanding < 2) {
          const c = take();
          if (!c) break;
          outstanding++;
          w.postMessage({ from: c[0], to: c[1] });
        }
        if (outstanding === 0) w.postMessage(null);
      };
      w.on('online', feed);
      w.on('message', (r: ChunkResult) => {
        outstanding--;
        record(r);
        feed();
      });
      w.on('error', reject);
      w.on('exit', () => resolve());
    });
  });

  // This thread's share, yielding between chunks so the helpers are fed.
  for (let c = take(); c; c = take()) {
    record(store.db.transaction(() => verifyChunk(store, c![0], c![1]))());
    await new Promise((r) => setImmediate(r));
  }
  await Promise.all(threads);
  return store.db.transaction(() => finish(store, report, cps, results))();
}
