// The audit log as the gateway and the CLI use it: append resolves once the record is durable.
import type { Worker } from 'node:worker_threads';
import { startThread } from './thread.js';
import { createHmac } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import type { AuditRecord } from '../core/types.js';
import { leafOf } from './leaf.js';
import { DB_FILE, HMAC_KEY_FILE, CONTENT_DB_FILE, loadByteKey, loadSigningKey, signerFrom } from './keys.js';
import { verifierKey } from './note.js';
import { pushCheckpoint, type CheckpointTarget } from './targets.js';
import type { FromWriter, LeafTuple, ToWriter, WriterConfig } from './writer-protocol.js';
import type { SinkConfig } from './sinks.js';
import { ContentStore } from './content.js';

export interface AuditLogOptions {
  dataDir: string;
  instance: string;
  /** C2SP "PRIVATE+KEY+name+hex+base64" form; default: the key file in dataDir (created at first open). */
  signingKey?: string;
  /** A file holding the signing key (instead of `signingKey`). */
  signingKeyFile?: string;
  /** Name of a key created at first open (default warden-audit). */
  keyName?: string;
  /** Checkpoint origin line; default `<hostname>/warden-audit`, fixed at the log's creation. */
  origin?: string;
  checkpointIntervalMs?: number;
  checkpointEveryRecords?: number;
  checkpointTargets?: CheckpointTarget[];
  /** Key of contentHmac; default: a key file in dataDir. */
  hmacKey?: Buffer;
  hmacKeyFile?: string;
  sinks?: SinkConfig[];
  retention?: { decisionDays: number; adminDays: number };
  contentStore?: { key?: Buffer; keyFile?: string };
  /** Commit durability; FULL unless a test or tool knows better. */
  synchronous?: 'FULL' | 'NORMAL' | 'OFF';
  /** Receives warnings (failed pushes, deliveries); pino-compatible. */
  logger?: { warn(obj: object, msg: string): void };
}

export interface AuditLog {
  /**
   * Appends one record; resolves with its leaf index once it is durable. With `defer`, the
   * record waits (at most DEFER_MS) to share the next commit instead of starting one: for records
   * whose durability nothing visible waits on, such as a completion after the answer was sent.
   */
  append(rec: AuditRecord, opts?: { defer?: boolean }): Promise<{ index: number }>;
  /** Keyed hash (HMAC-SHA256, hex) for GatewayRecord.contentHmac. */
  contentHmac(text: string): string;
  /** Leaves known to be committed. */
  size(): number;
  /** Signs a checkpoint of everything committed so far (if it is new) and returns the latest note. */
  checkpoint(): Promise<void>;
  /** The verifier key of the log's checkpoints. */
  readonly publicKey: string;
  /** Encrypted raw-content store, when configured. */
  readonly content: ContentStore | null;
  /** Flushes pending appends, signs a final checkpoint, stops deliveries. */
  close(): Promise<void>;
}

export const DEFAULTS = {
  checkpointIntervalMs: 5_000,
  checkpointEveryRecords: 1_000,
  retention: { decisionDays: 184, adminDays: 2_190 },
  keyName: 'warden-audit',
};

/** Largest number of records one message carries. */
const MAX_BATCH = 20_000;
/**
 * Under a burst, records go to the writer in slices of this size as they come, so the writer
 * commits one slice while this thread encodes the next (both threads busy, not taking turns).
 */
const SLICE = 512;
/** Longest a deferred record waits for another append to share a commit with. */
const DEFER_MS = 20;

interface Pending {
  leaf: LeafTuple;
  resolve(v: { index: number }): void;
  reject(e: Error): void;
}

class WorkerAuditLog implements AuditLog {
  private queue: Pending[] = [];
  /** Batches sent to the writer and not yet answered, by message sequence number. */
  private readonly inflight = new Map<number, Pending[]>();
  private flushScheduled = false;
  private deferTimer: NodeJS.Timeout | undefined;
  private failure: Error | null = null;
  private closing = false;
  private committed: number;
  private seq = 0;
  private readonly waiters = new Map<number, { resolve(): void; reject(e: Error): void }>();
  private drained: Array<() => void> = [];
  private pushes = new Set<Promise<void>>();
  private sinksStop: (() => Promise<void>) | null = null;

  constructor(
    private readonly worker: Worker,
    readySize: number,
    private readonly hmacKey: Buffer,
    readonly publicKey: string,
    private readonly targets: CheckpointTarget[],
    readonly content: ContentStore | null,
    private readonly logger: AuditLogOptions['logger'],
  ) {
    this.committed = readySize;
    worker.on('message', (m: FromWriter) => this.onMessage(m));
    worker.on('error', (err) => this.fail(new Error(`audit writer failed: ${err.message}`)));
    worker.on('exit', (code) => {
      if (!this.closing || this.inflight.size || this.queue.length) this.fail(new Error(`audit writer exited (code ${code})`));
    });
    worker.unref();
  }

  attachSinks(stop: () => Promise<void>): void {
    this.sinksStop = stop;
  }

  /** Lets delivery advance a durable cursor through the writer. */
  moveCursor(name: string, next: number): void {
    if (!this.failure) this.post({ t: 'cursor', name, next });
  }

  append(rec: AuditRecord, opts?: { defer?: boolean }): Promise<{ index: number }> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.closing) return Promise.reject(new Error('the audit log is closed'));
    let leaf: string;
    try {
      leaf = leafOf(rec);
    } catch (err) {
      return Promise.reject(err);
    }
    return new Promise((resolve, reject) => {
      this.queue.push({ leaf: [rec.id, rec.kind, rec.time, leaf], resolve, reject });
      if (this.queue.length >= SLICE) {
        this.flush();
        return;
      }
      if (opts?.defer && !this.closing) {
        this.deferTimer ??= setTimeout(() => {
          this.deferTimer = undefined;
          this.flush();
        }, DEFER_MS);
        return;
      }
      // Send on the next microtask: everything appended in this turn of the event loop rides along,
      // and a lone record waits for nothing but a commit already in progress.
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        queueMicrotask(() => {
          this.flushScheduled = false;
          this.flush();
        });
      }
    });
  }

  private post(m: ToWriter): void {
    this.worker.postMessage(m);
  }

  private flush(): void {
    if (this.deferTimer) {
      clearTimeout(this.deferTimer);
      this.deferTimer = undefined;
    }
    if (this.failure) return;
    while (this.queue.length > 0) {
      const batch = this.queue.length > MAX_BATCH ? this.queue.splice(0, MAX_BATCH) : this.queue;
      if (batch === this.queue) this.queue = [];
      const seq = ++this.seq;
      this.inflight.set(seq, batch);
      this.worker.ref();
      // Sent at once, even while a commit runs: the writer folds everything waiting into its next commit.
      this.post({ t: 'append', seq, leaves: batch.map((p) => p.leaf) });
    }
  }

  private settled(): void {
    if (this.inflight.size > 0 || this.queue.length > 0 || this.flushScheduled) return;
    if (this.waiters.size === 0) this.worker.unref();
    for (const d of this.drained.splice(0)) d();
  }

  private onMessage(m: FromWriter): void {
    switch (m.t) {
      case 'appended': {
        const batch = this.inflight.get(m.seq);
        if (!batch) return;
        this.inflight.delete(m.seq);
        this.committed = Math.max(this.committed, m.first + batch.length);
        for (let i = 0; i < batch.length; i++) batch[i].resolve({ index: m.first + i });
        this.settled();
        return;
      }
      case 'failed': {
        const w = this.waiters.get(m.seq);
        if (w) {
          this.waiters.delete(m.seq);
          w.reject(new Error(m.message));
          return;
        }
        this.fail(new Error(`audit append failed: ${m.message}`));
        return;
      }
      case 'done': {
        const w = this.waiters.get(m.seq);
        this.waiters.delete(m.seq);
        w?.resolve();
        this.settled();
        return;
      }
      case 'checkpoint':
        this.push(m.note);
        return;
      case 'fatal':
        this.fail(new Error(`audit writer failed: ${m.message}`));
        return;
      default:
        return;
    }
  }

  private push(note: string): void {
    for (const t of this.targets) {
      const p = pushCheckpoint(t, note)
        .catch((err) => this.logger?.warn({ err: (err as Error).message, target: t.type === 'file' ? t.path : t.url }, 'checkpoint push failed'))
        .finally(() => this.pushes.delete(p));
      this.pushes.add(p);
    }
  }

  private fail(err: Error): void {
    if (!this.failure) this.failure = err;
    const all = [...[...this.inflight.values()].flat(), ...this.queue];
    this.inflight.clear();
    this.queue = [];
    for (const p of all) p.reject(this.failure);
    for (const w of this.waiters.values()) w.reject(this.failure);
    this.waiters.clear();
    for (const d of this.drained.splice(0)) d();
  }

  private request(m: ToWriter & { seq: number }): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.waiters.set(m.seq, { resolve, reject });
      this.worker.ref();
      this.post(m);
    });
  }

  private async drain(): Promise<void> {
    if (this.deferTimer) this.flush();
    if (this.failure || (this.inflight.size === 0 && this.queue.length === 0 && !this.flushScheduled)) return;
    await new Promise<void>((r) => this.drained.push(r));
  }

  contentHmac(text: string): string {
    return createHmac('sha256', this.hmacKey).update(text, 'utf8').digest('hex');
  }

  size(): number {
    return this.committed;
  }

  async checkpoint(): Promise<void> {
    await this.drain();
    await this.request({ t: 'checkpoint', seq: ++this.seq });
    await Promise.allSettled([...this.pushes]);
  }

  async close(): Promise<void> {
    if (this.closing) return;
    await this.drain();
    this.closing = true;
    // Deliveries stop first so their last cursor moves reach the writer before it closes.
    await this.sinksStop?.();
    try {
      if (!this.failure) await this.request({ t: 'close', seq: ++this.seq });
    } finally {
      await Promise.allSettled([...this.pushes]);
      this.content?.close();
      await this.worker.terminate();
    }
    if (this.failure) throw this.failure;
  }
}

/** Opens (creating if needed) the audit log in `opts.dataDir`. */
export async function openAuditLog(opts: AuditLogOptions): Promise<AuditLog> {
  mkdirSync(opts.dataDir, { recursive: true });
  const keyText = loadSigningKey(opts.dataDir, { signingKey: opts.signingKey, signingKeyFile: opts.signingKeyFile, keyName: opts.keyName ?? DEFAULTS.keyName });
  const signer = signerFrom(keyText);
  const hmacKey = opts.hmacKey ?? loadByteKey(opts.hmacKeyFile ?? join(opts.dataDir, HMAC_KEY_FILE), !opts.hmacKeyFile);
  const cfg: WriterConfig = {
    dbPath: join(opts.dataDir, DB_FILE),
    signingKey: keyText,
    origin: opts.origin ?? `${hostname()}/warden-audit`,
    checkpointIntervalMs: opts.checkpointIntervalMs ?? DEFAULTS.checkpointIntervalMs,
    checkpointEveryRecords: opts.checkpointEveryRecords ?? DEFAULTS.checkpointEveryRecords,
    retention: opts.retention ?? DEFAULTS.retention,
    synchronous: opts.synchronous ?? 'FULL',
  };
  if (!opts.origin) {
    // An existing log keeps the origin it was created with.
    const { existingOrigin } = await import('./read.js');
    const o = existingOrigin(cfg.dbPath);
    if (o) cfg.origin = o;
  }
  const worker = startThread('writer', cfg);
  const readySize = await new Promise<number>((resolve, reject) => {
    const onMessage = (m: FromWriter) => {
      if (m.t === 'ready') {
        cleanup();
        resolve(m.size);
      } else if (m.t === 'fatal') {
        cleanup();
        reject(new Error(`cannot open the audit log: ${m.message}`));
      }
    };
    const onError = (err: Error) => {
      cleanup();
      reject(err);
    };
    const cleanup = () => {
      worker.off('message', onMessage);
      worker.off('error', onError);
    };
    worker.on('message', onMessage);
    worker.on('error', onError);
  }).catch(async (err) => {
    await worker.terminate();
    throw err;
  });
  let content: ContentStore | null = null;
  if (opts.contentStore) {
    const key = opts.contentStore.key ?? loadByteKey(opts.contentStore.keyFile!, false);
    content = new ContentStore(join(opts.dataDir, CONTENT_DB_FILE), key);
    // Raw content lives no longer than the decision records it belongs to.
    const days = (opts.retention ?? DEFAULTS.retention).decisionDays;
    const store = content;
    const expireContent = () => {
      try {
        store.expire(new Date(Date.now() - days * 86_400_000).toISOString());
      } catch (err) {
        opts.logger?.warn({ err: (err as Error).message }, 'content store expiry failed');
      }
    };
    expireContent();
    const timer = setInterval(expireContent, 3_600_000);
    timer.unref();
    content.onClose(() => clearInterval(timer));
  }
  const log = new WorkerAuditLog(worker, readySize, hmacKey, verifierKey(signer), opts.checkpointTargets ?? [], content, opts.logger);
  if (opts.sinks?.length) {
    const { startSinks } = await import('./sinks.js');
    log.attachSinks(startSinks(cfg.dbPath, opts.sinks, opts.instance, (name, next) => log.moveCursor(name, next), opts.logger));
  }
  return log;
}
