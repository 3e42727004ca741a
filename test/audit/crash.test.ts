// Durable before visible: every id a SIGKILLed writer acknowledged is in the log, which verifies,
// and the log keeps working after the crash.
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
import { sampleDecision } from '../../src/audit/testutil.js';

test('SIGKILL under load loses no acknowledged record and the log verifies', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'warden-audit-crash-'));
  try {
    const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'crash-child.ts'), dir], { stdio: ['ignore', 'pipe', 'inherit'] });
    let buf = '';
    const acked: string[] = [];
    await new Promise<void>((resolve, reject) => {
      child.on('error', reject);
      child.on('exit', (code, signal) => (signal === 'SIGKILL' ? resolve() : reject(new Error(`child exited by itself: ${code}`))));
      child.stdout!.on('data', (chunk: Buffer) => {
        buf += chunk.toString('utf8');
        const lines = buf.split('\n');
        buf = lines.pop()!;
        for (const l of lines) if (l !== 'ready') acked.push(l);
        // Kill mid-stream, at a point that does not line up with a batch.
        if (acked.length >= 3000 + (process.pid % 997) && !child.killed) child.kill('SIGKILL');
      });
    });
    assert.ok(acked.length >= 3000);
    const verifier = verifierOf(parsePrivateKey(readFileSync(join(dir, 'audit-signing.key'), 'utf8')));
    const store = openStore(dir);
    const missing = acked.filter((id) => store.leavesById(id).length === 0);
    assert.deepEqual(missing, [], `${missing.length} acknowledged records are missing`);
    const report = verifyLog(store, { verifier });
    assert.ok(report.ok, report.problem?.message);
    assert.ok(report.size >= acked.length);
    store.close();

    // The log reopens after the crash and keeps appending on top of what is there.
    const log = await openAuditLog({ dataDir: dir, instance: 'after' });
    const { index } = await log.append(sampleDecision(1));
    assert.equal(index, report.size);
    await log.close();
    const again = openStore(dir);
    assert.ok(verifyLog(again, { verifier }).ok);
    again.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
