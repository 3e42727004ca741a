import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openAuditLog } from './log.js';
import { openStore } from './read.js';
import { verifyLog } from './verify.js';
import { verifyLogParallel } from './verify-parallel.js';
import { parseVerifierKey } from './note.js';
import { referenceRoot } from './reference.js';
import { leafOf } from './leaf.js';
import { sampleAdmin, sampleDecision } from './testutil.js';
import { LogStore } from './store.js';
import { adminRecord } from '../core/admin.js';

function tmp(): string {
  return mkdtempSync(join(tmpdir(), 'warden-audit-'));
}

test('appends resolve with consecutive indexes, the tree equals the reference and verifies', async () => {
  const dir = tmp();
  try {
    const log = await openAuditLog({ dataDir: dir, instance: 't', synchronous: 'NORMAL', checkpointEveryRecords: 100 });
    const recs = Array.from({ length: 537 }, (_, i) => (i % 10 === 0 ? sampleAdmin(i) : sampleDecision(i)));
    const got: Array<{ index: number }> = [];
    for (let i = 0; i < recs.length; i += 60) got.push(...(await Promise.all(recs.slice(i, i + 60).map((r) => log.append(r)))));
    assert.deepEqual(got.map((g) => g.index), recs.map((_, i) => i));
    assert.equal(log.size(), 537);
    const vkey = log.publicKey;
    await log.close();
    assert.equal(statSync(join(dir, 'audit-signing.key')).mode & 0o777, 0o600);
    assert.match(readFileSync(join(dir, 'audit-signing.key'), 'utf8'), /^PRIVATE\+KEY\+warden-audit\+/);
    const store = openStore(dir);
    const report = verifyLog(store, { verifier: parseVerifierKey(vkey) });
    assert.ok(report.ok, report.problem?.message);
    assert.equal(report.size, 537);
    assert.ok(report.checkpoints >= 5);
    assert.equal(store.latestCheckpoint()!.size, 537, 'close signs a final checkpoint');
    assert.equal(report.root, referenceRoot(recs.map((r) => Buffer.from(leafOf(r)))).toString('base64'));
    store.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('two logs on one file append concurrently and the result verifies', async () => {
  const dir = tmp();
  try {
    const a = await openAuditLog({ dataDir: dir, instance: 'a', synchronous: 'NORMAL', checkpointEveryRecords: 50 });
    const b = await openAuditLog({ dataDir: dir, instance: 'b', synchronous: 'NORMAL', checkpointEveryRecords: 70 });
    const jobs: Array<Promise<{ index: number }>> = [];
    for (let round = 0; round < 20; round++) {
      for (let i = 0; i < 25; i++) jobs.push(a.append(sampleDecision(i)), b.append(sampleAdmin(i)));
      await new Promise((r) => setImmediate(r));
    }
    const idx = (await Promise.all(jobs)).map((r) => r.index).sort((x, y) => x - y);
    assert.deepEqual(idx, Array.from({ length: 1000 }, (_, i) => i), 'every index is used exactly once');
    const vkey = a.publicKey;
    await a.close();
    await b.close();
    const store = openStore(dir);
    const report = verifyLog(store, { verifier: parseVerifierKey(vkey) });
    assert.ok(report.ok, report.problem?.message);
    assert.equal(report.size, 1000);
    store.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('verify names the first altered leaf, an altered node, and removed records', async () => {
  const dir = tmp();
  try {
    const log = await openAuditLog({ dataDir: dir, instance: 't', synchronous: 'NORMAL' });
    for (let i = 0; i < 40; i++) await log.append(sampleDecision(i));
    const verifier = parseVerifierKey(log.publicKey);
    await log.close();
    const w = new LogStore(join(dir, 'audit.db'));
    const body = w.leafAt(17)!.leaf!;
    w.db.prepare('UPDATE leaves SET body = ? WHERE idx = 17').run(Buffer.from(body.replace('"action":"', '"action":"x')));
    let r = verifyLog(w, { verifier });
    assert.equal(r.ok, false);
    assert.equal(r.problem!.index, 17);
    assert.match(r.problem!.message, /leaf 17/);
    w.db.prepare('UPDATE leaves SET body = ? WHERE idx = 17').run(Buffer.from(body));
    assert.ok(verifyLog(w, { verifier }).ok);
    // An interior node above leaf 11 (level 2, covering leaves 8..11) lives in leaf 11's row.
    const saved = w.db.prepare('SELECT hashes FROM leaves WHERE idx = 11').pluck().get() as Buffer;
    const bad = Buffer.from(saved);
    bad[64] ^= 1;
    w.db.prepare('UPDATE leaves SET hashes = ? WHERE idx = 11').run(bad);
    r = verifyLog(w, { verifier });
    assert.equal(r.problem!.index, 11);
    assert.match(r.problem!.message, /level 2/);
    w.db.prepare('UPDATE leaves SET hashes = ? WHERE idx = 11').run(saved);
    // Dropping the newest records is caught by the checkpoint that covered them.
    w.db.prepare('DELETE FROM leaves WHERE idx >= 35').run();
    r = verifyLog(w, { verifier });
    assert.equal(r.ok, false);
    assert.match(r.problem!.message, /only 35 leaves/);
    w.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('chunked and threaded verification agree and find problems at chunk boundaries', async () => {
  const dir = tmp();
  try {
    const log = await openAuditLog({ dataDir: dir, instance: 't', synchronous: 'NORMAL', checkpointEveryRecords: 9 });
    for (let i = 0; i < 10; i++) await Promise.all(Array.from({ length: 10 }, (_, j) => log.append(sampleDecision(i * 10 + j))));
    const verifier = parseVerifierKey(log.publicKey);
    await log.close();
    const w = new LogStore(join(dir, 'audit.db'));
    const whole = verifyLog(w, { verifier });
    assert.ok(whole.ok);
    for (const chunkLevel of [0, 1, 2, 3]) assert.deepEqual(verifyLog(w, { verifier, chunkLevel }), whole);
    assert.deepEqual(await verifyLogParallel(w, { verifier, chunkLevel: 2, threads: 2 }), whole);
    // Leaf 63 completes the level-6 node over leaves 0..63; with 4-leaf chunks its left child is elsewhere.
    const saved = w.db.prepare('SELECT hashes FROM leaves WHERE idx = 63').pluck().get() as Buffer;
    const bad = Buffer.from(saved);
    bad[32 * 6] ^= 1;
    w.db.prepare('UPDATE leaves SET hashes = ? WHERE idx = 63').run(bad);
    for (const chunkLevel of [2, 16]) {
      const r = verifyLog(w, { verifier, chunkLevel });
      assert.equal(r.problem?.index, 63, r.problem?.message);
      assert.match(r.problem!.message, /level 6/);
      if (chunkLevel === 2) assert.deepEqual((await verifyLogParallel(w, { verifier, chunkLevel, threads: 2 })).problem, r.problem);
    }
    w.db.prepare('UPDATE leaves SET hashes = ? WHERE idx = 63').run(saved);
    // Two altered leaves in different chunks: the first one is named.
    for (const i of [90, 41]) {
      const body = w.leafAt(i)!.leaf!;
      w.db.prepare('UPDATE leaves SET body = ? WHERE idx = ?').run(Buffer.from(body.replace('"gw-1"', '"gw-9"')), i);
    }
    const p = await verifyLogParallel(w, { verifier, chunkLevel: 3, threads: 2 });
    assert.equal(p.problem?.index, 41);
    w.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a failed writer rejects pending and later appends (fail closed)', async () => {
  const dir = tmp();
  try {
    const log = await openAuditLog({ dataDir: dir, instance: 't', synchronous: 'NORMAL' });
    await log.append(sampleDecision(0));
    // Make the next insert collide: a foreign row at the next index.
    const w = new LogStore(join(dir, 'audit.db'));
    w.db.exec('CREATE TRIGGER boom BEFORE INSERT ON leaves BEGIN SELECT RAISE(ABORT, \'disk says no\'); END');
    w.close();
    await assert.rejects(log.append(sampleDecision(1)), /disk says no/);
    await assert.rejects(log.append(sampleDecision(2)), /disk says no/);
    await log.close().catch(() => undefined);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('contentHmac is keyed: stable per log, different across logs', async () => {
  const d1 = tmp();
  const d2 = tmp();
  try {
    const a = await openAuditLog({ dataDir: d1, instance: 't' });
    const b = await openAuditLog({ dataDir: d2, instance: 't' });
    assert.equal(a.contentHmac('4111 1111 1111 1111'), a.contentHmac('4111 1111 1111 1111'));
    assert.notEqual(a.contentHmac('4111 1111 1111 1111'), b.contentHmac('4111 1111 1111 1111'));
    assert.match(a.contentHmac('x'), /^[0-9a-f]{64}$/);
    await a.close();
    await b.close();
  } finally {
    rmSync(d1, { recursive: true, force: true });
    rmSync(d2, { recursive: true, force: true });
  }
});

test('a deferred append waits to share the next commit, and is durable once it resolves', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'warden-defer-'));
  const log = await openAuditLog({ dataDir: dir, instance: 't' });
  try {
    const rec = (id: string) => adminRecord('t', 'tester', 'test.op', id, null, { id });
    let deferredDone = false;
    const deferred = log.append(rec('D'), { defer: true }).then((r) => ((deferredDone = true), r));
    await new Promise((r) => setTimeout(r, 5));
    assert.equal(deferredDone, false, 'a deferred record alone does not start a commit at once');
    const [a, b] = await Promise.all([deferred, log.append(rec('U'))]);
    assert.deepEqual([a.index, b.index], [0, 1], 'the next append carried it, in order');
    const late = log.append(rec('L'), { defer: true });
    assert.equal((await late).index, 2, 'alone, it is committed within a few milliseconds');
  } finally {
    await log.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
