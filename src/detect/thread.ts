// Starts the detection worker thread, from TypeScript sources (tests, tsx) or from dist/: the same
// pattern as src/audit/thread.ts.
import { Worker } from 'node:worker_threads';

/** Starts one detection worker with its options as workerData. */
export function startDetectThread(workerData: unknown): Worker {
  const here = import.meta.url;
  if (here.endsWith('.ts')) {
    // Worker threads do not inherit the TypeScript loader: register it first, then load the file.
    const url = new URL('./worker.ts', here).href;
    const tsx = import.meta.resolve('tsx/esm/api');
    const code = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(url)}); });`;
    return new Worker(code, { eval: true, workerData });
  }
  return new Worker(new URL('./worker.js', here), { workerData });
}
