// The log's writer thread. better-sqlite3 is synchronous and an fsync at synchronous=FULL blocks,
// so commits happen here, off the gateway's event loop. Whatever arrived while the previous commit
// ran is committed together in the next transaction (group commit); an idle writer commits a lone
// record at once.
import { parentPort, receiveMessageOnPort, workerData, type MessagePort } from 'node:worker_threads';
import { LogStore, type NewLeaf } from './store.js';
import { parsePrivateKey } from './note.js';
import type { ToWriter, FromWriter, WriterConfig } from './writer-protocol.js';

const cfg = workerData as WriterConfig;
const port = parentPort!;
const post = (m: FromWriter) => port.postMessage(m);

let store: LogStore;
let lastCheckpointSize = 0;
let timer: NodeJS.Timeout | null = null;
const signer = parsePrivateKey(cfg.signingKey);

function checkpoint(): void {
  if (timer) {
    clearTimeout(timer);
    timer = null;
  }
  const cp = store.signCheckpoint(signer, cfg.origin);
  if (cp) {
    lastCheckpointSize = cp.size;
    post({ t: 'checkpoint', size: cp.size, note: cp.note });
  }
}

function afterAppend(size: number): void {
  if (size - lastCheckpointSize >= cfg.checkpointEveryRecords) checkpoint();
  else if (!timer && size > lastCheckpointSize) timer = setTimeout(safe(checkpoint), cfg.checkpointIntervalMs);
}

/** Expires old bodies a slice at a time, letting appends in between. */
function expire(): void {
  if (!cfg.retention) return;
  const day = 86_400_000;
  const now = Date.now();
  const slice = 2_000;
  const a = store.expire(['decision', 'completion'], new Date(now - cfg.retention.decisionDays * day).toISOString(), slice);
  const b = store.expire(['admin'], new Date(now - cfg.retention.adminDays * day).toISOString(), slice);
  if (a + b > 0) post({ t: 'expired', count: a + b });
  if (a === slice || b === slice) setImmediate(safe(expire));
}

function safe(fn: () => void): () => void {
  return () => {
    try {
      fn();
    } catch (err) {
      post({ t: 'fatal', message: (err as Error).message });
    }
  };
}

try {
  store = new LogStore(cfg.dbPath, { synchronous: cfg.synchronous });
  const origin = store.initMeta('origin', cfg.origin);
  if (origin !== cfg.origin) throw new Error(`this log's checkpoint origin is ${JSON.stringify(origin)}, not ${JSON.stringify(cfg.origin)}`);
  store.initMeta('created_at', new Date().toISOString());
  lastCheckpointSize = store.latestCheckpoint()?.size ?? 0;
  expire();
  if (cfg.retention) setInterval(safe(expire), 3_600_000).unref();
  post({ t: 'ready', size: store.size() });
} catch (err) {
  post({ t: 'fatal', message: (err as Error).message });
  process.exit(1);
}

/** Commits a run of append messages as one transaction and answers each with its first index. */
function commitAppends(msgs: Array<Extract<ToWriter, { t: 'append' }>>): void {
  if (msgs.length === 0) return;
  let first: number;
  try {
    const leaves: NewLeaf[] = [];
    for (const m of msgs) for (const [id, kind, time, leaf] of m.leaves) leaves.push({ id, kind, time, leaf });
    first = store.appendBatch(leaves);
  } catch (err) {
    for (const m of msgs) post({ t: 'failed', seq: m.seq, message: (err as Error).message });
    return;
  }
  let next = first;
  for (const m of msgs) {
    post({ t: 'appended', seq: m.seq, first: next });
    next += m.leaves.length;
  }
  safe(() => afterAppend(next))();
}

function handle(m: Exclude<ToWriter, { t: 'append' }>): void {
  switch (m.t) {
    case 'checkpoint':
      try {
        checkpoint();
        post({ t: 'done', seq: m.seq });
      } catch (err) {
        post({ t: 'failed', seq: m.seq, message: (err as Error).message });
      }
      return;
    case 'cursor':
      try {
        store.setCursor(m.name, m.next);
      } catch {
        // A cursor that did not move is retried with the next delivery; records are resent, not lost.
      }
      return;
    case 'close':
      try {
        checkpoint();
        store.close();
        post({ t: 'done', seq: m.seq });
      } catch (err) {
        post({ t: 'failed', seq: m.seq, message: (err as Error).message });
      }
      port.close();
      return;
  }
}

port.on('message', (first: ToWriter) => {
  // Take everything already waiting, so it shares one commit; keep the order of other requests.
  const msgs: ToWriter[] = [first];
  for (let more = receiveMessageOnPort(port as MessagePort); more; more = receiveMessageOnPort(port as MessagePort)) msgs.push(more.message as ToWriter);
  let run: Array<Extract<ToWriter, { t: 'append' }>> = [];
  for (const m of msgs) {
    if (m.t === 'append') {
      run.push(m);
      continue;
    }
    commitAppends(run);
    run = [];
    handle(m);
    if (m.t === 'close') return;
  }
  commitAppends(run);
});
