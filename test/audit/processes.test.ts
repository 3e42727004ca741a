// Two processes append to one log at the same time (as the gateway and `warden keys create` do):
// every acknowledged record is in the log once, indexes are unique, and the log verifies.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openAuditLog } from '../../src/audit/index.js';
import { openStore } from '../../src/audit/read.js';
import { verifyLog } from '../../src/audit/verify.js';
import { parsePrivateKey, verifierOf } from '../../src/audit/note.js';

function child(dir: string, count: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'crash-child.ts'), dir, String(count)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    p.stdout!.on('data', (c: Buffer) => (out += c.toString('utf8')));
    p.on('error', reject);
    p.on('exit', (code) => (code === 0 ? resolve(out.split('\n').filter((l) => l && l !== 'ready')) : reject(new Error(`child exited ${code}`))));
  });
}

test('two processes appending to one log at once', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'warden-audit-procs-'));
  try {
    // Create the log (and its key) first so both processes share one key.
    await (await openAuditLog({ dataDir: dir, instance: 'setup' })).close();
    const [a, b] = await Promise.all([child(dir, 3000), child(dir, 3000)]);
    assert.equal(a.length, 3000);
    assert.equal(b.length, 3000);
    const store = openStore(dir);
    assert.equal(store.size(), 6000);
    for (const id of [...a, ...b]) assert.equal(store.leavesById(id).length, 1, `record ${id}`);
    const verifier = verifierOf(parsePrivateKey(readFileSync(join(dir, 'audit-signing.key'), 'utf8')));
    const report = verifyLog(store, { verifier });
    assert.ok(report.ok, report.problem?.message);
    assert.ok(report.checkpoints >= 2, 'both processes signed checkpoints, consistent with each other');
    store.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
