// Pushes each signed checkpoint to places the operator does not control (a file on another mount,
// a witness or archive HTTP endpoint). A failed push is reported and the next checkpoint tries again.
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export type CheckpointTarget = { type: 'file'; path: string } | { type: 'http'; url: string; headers?: Record<string, string> };

/** Writes or posts one checkpoint note to one target. */
export async function pushCheckpoint(target: CheckpointTarget, note: string, timeoutMs = 10_000): Promise<void> {
  if (target.type === 'file') {
    mkdirSync(dirname(target.path), { recursive: true });
    const tmp = `${target.path}.${process.pid}.tmp`;
    writeFileSync(tmp, note);
    renameSync(tmp, target.path);
    return;
  }
  const res = await fetch(target.url, {
    method: 'POST',
    headers: { 'content-type': 'text/plain; charset=utf-8', ...(target.headers ?? {}) },
    body: note,
    signal: AbortSignal.timeout(timeoutMs),
  });
  await res.arrayBuffer().catch(() => undefined);
  if (!res.ok) throw new Error(`checkpoint push to ${target.url} answered ${res.status}`);
}
