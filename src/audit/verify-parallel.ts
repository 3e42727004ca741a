// Verification spread over threads: chunks are handed out as threads finish the previous one.
import { availableParallelism } from 'node:os';
import { startThread } from './thread.js';
import { chunksOf, finish, prepare, type ChunkResult, type VerifyOptions, type VerifyReport } from './verify.js';
import type { LogStore } from './store.js';

/** Verifies the log at `store.path` with `threads` threads (default: one per core, at most 4). */
export async function verifyLogParallel(store: LogStore, opts: VerifyOptions & { threads?: number }): Promise<VerifyReport> {
  const { report, cps } = prepare(store, opts);
  if (report.problem) return report;
  const chunks = chunksOf(report.size, opts.chunkLevel);
  const threads = Math.max(1, Math.min(opts.threads ?? Math.min(availableParallelism(), 4), chunks.length));
  const results: ChunkResult[] = [];
  let next = 0;
  let done = 0;
  let failed = false;
  await Promise.all(
    Array.from({ length: threads }, () => {
      const w = startThread('verify-thread', { dbPath: store.path });
      return new Promise<void>((resolve, reject) => {
        const send = () => {
          if (failed || next >= chunks.length) {
            w.postMessage(null);
            return;
          }
          const [from, to] = chunks[next++];
          w.postMessage({ from, to });
        };
        w.on('message', (r: ChunkResult) => {
          results.push(r);
          done += r.to - r.from;
          opts.progress?.(done, report.size);
          if (r.problem) failed = true;
          send();
        });
        w.on('error', reject);
        w.on('exit', () => resolve());
        send();
      });
    }),
  );
  return store.db.transaction(() => finish(store, report, cps, results))();
}
