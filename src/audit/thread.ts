// Starts one of this module's worker threads, from TypeScript sources (tests, tsx) or from dist/.
import { Worker } from 'node:worker_threads';

export function startThread(file: 'writer' | 'verify-thread', workerData: unknown): Worker {
  const here = import.meta.url;
  if (here.endsWith('.ts')) {
    // Worker threads do not inherit the TypeScript loader: register it first, then load the file.
    const url = new URL(`./${file}.ts`, here).href;
    const tsx = import.meta.resolve('tsx/esm/api');
    const code = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(url)}); });`;
    return new Worker(code, { eval: true, workerData });
  }
  return new Worker(new URL(`./${file}.js`, here), { workerData });
}
