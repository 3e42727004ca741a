// Scanning off the event loop: a small request is scanned inline, a large one in a worker thread,
// so one huge prompt cannot stall every other request on the gateway.
import type { Worker } from 'node:worker_threads';
import type { Finding } from '../core/types.js';
import { createEngine, type DetectOptions } from './engine.js';
import { scanSegments } from './segments.js';
import { createStreamScanner, type StreamScanner } from './stream.js';
import { startDetectThread } from './thread.js';
import type { WorkerRequest } from './worker.js';

export interface DetectorPoolOptions extends DetectOptions {
  /** Worker threads (default 1), started on the first large input. */
  workers?: number;
  /** Texts totalling at most this many characters are scanned inline (default 65536). */
  inlineLimit?: number;
}

export interface DetectorPool {
  readonly ids: string[];
  /** Findings in one text, always inline (small texts). */
  scan(text: string): Finding[];
  /** Inline (returns an array) when the texts total at most inlineLimit characters (default 65536); otherwise runs in a worker thread and returns a Promise, so the event loop stays free. */
  scanSegments(texts: string[]): Finding[] | Promise<Finding[]>;
  createStreamScanner(): StreamScanner;
  /** Terminates the workers; pending scans reject. */
  close(): Promise<void>;
}

interface Pending {
  resolve(f: Finding[]): void;
  reject(e: Error): void;
}

interface Slot {
  worker: Worker | null;
  pending: Map<number, Pending>;
}

/** Creates a pool: the options are compiled here once and, in each worker, once more from workerData. */
export function createDetectorPool(opts: DetectorPoolOptions = {}): DetectorPool {
  const { workers = 1, inlineLimit = 65536, ...detect } = opts;
  const engine = createEngine(detect);
  const slots: Slot[] = Array.from({ length: Math.max(1, workers) }, () => ({ worker: null, pending: new Map() }));
  let nextId = 1;
  let turn = 0;
  let closed = false;

  const fail = (slot: Slot, err: Error): void => {
    const pending = [...slot.pending.values()];
    slot.pending.clear();
    slot.worker = null; // replaced on next use
    for (const p of pending) p.reject(err);
  };

  const start = (slot: Slot): Worker => {
    const w = startDetectThread(detect);
    w.on('message', (msg: { id: number; findings?: Finding[]; error?: string }) => {
      const p = slot.pending.get(msg.id);
      if (!p) return;
      slot.pending.delete(msg.id);
      if (slot.pending.size === 0) w.unref();
      if (msg.error !== undefined) p.reject(new Error(`detect worker: ${msg.error}`));
      else p.resolve(msg.findings!);
    });
    w.on('error', (err) => {
      if (slot.worker === w) fail(slot, err instanceof Error ? err : new Error(String(err)));
    });
    w.on('exit', (code) => {
      if (slot.worker === w) fail(slot, new Error(`detect worker exited with code ${code}`));
    });
    w.unref();
    return w;
  };

  /** Sends one request to the least busy worker; exported for tests through `crash`. */
  const send = (req: Omit<WorkerRequest, 'id'>): Promise<Finding[]> => {
    if (closed) return Promise.reject(new Error('detector pool is closed'));
    let slot = slots[turn++ % slots.length];
    for (const s of slots) if (s.pending.size < slot.pending.size) slot = s;
    const w = (slot.worker ??= start(slot));
    const id = nextId++;
    return new Promise<Finding[]>((resolve, reject) => {
      slot.pending.set(id, { resolve, reject });
      w.ref();
      w.postMessage({ ...req, id });
    });
  };

  const pool: DetectorPool & { crashForTest(): Promise<Finding[]> } = {
    ids: engine.ids,
    scan: (text) => engine.scan(text),
    scanSegments(texts) {
      let total = 0;
      for (const t of texts) total += t.length;
      if (total <= inlineLimit) return scanSegments(engine, texts);
      return send({ texts });
    },
    createStreamScanner: () => createStreamScanner(engine),
    async close() {
      closed = true;
      await Promise.all(
        slots.map(async (slot) => {
          const w = slot.worker;
          if (!w) return;
          fail(slot, new Error('detector pool is closed'));
          await w.terminate();
        }),
      );
    },
    crashForTest: () => send({ texts: [], crash: true }),
  };
  return pool;
}
