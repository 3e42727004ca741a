// The detection worker thread: compiles the detector set once from the options in workerData, then
// answers { id, texts } with { id, findings } or { id, error }.
import { parentPort, workerData } from 'node:worker_threads';
import { createEngine, type DetectOptions } from './engine.js';
import { scanSegments } from './segments.js';

/** A request to the worker; `crash` exists for tests of the pool's failure handling. */
export interface WorkerRequest {
  id: number;
  texts: string[];
  crash?: boolean;
}

const engine = createEngine(workerData as DetectOptions);
parentPort!.on('message', (req: WorkerRequest) => {
  if (req.crash) throw new Error('detect worker: crash requested');
  try {
    parentPort!.postMessage({ id: req.id, findings: scanSegments(engine, req.texts) });
  } catch (err) {
    parentPort!.postMessage({ id: req.id, error: (err as Error).message });
  }
});
