// A verification thread: checks the chunks it is sent and answers with their results.
import { parentPort, workerData } from 'node:worker_threads';
import { LogStore } from './store.js';
import { verifyChunk } from './verify.js';

const store = new LogStore((workerData as { dbPath: string }).dbPath, { readonly: true });
parentPort!.on('message', (m: { from: number; to: number } | null) => {
  if (m === null) {
    store.close();
    parentPort!.close();
    return;
  }
  parentPort!.postMessage(verifyChunk(store, m.from, m.to));
});
