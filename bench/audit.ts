// Audit log benchmark: durable appends with group commit (synchronous=FULL), full verification,
// and inclusion proofs in a 10-million-leaf log. Prints plain lines; docs/BENCHMARKS.md keeps them.
//   npm run bench:audit            (AUDIT_BENCH_APPENDS, AUDIT_BENCH_PROOF_LEAVES to change sizes)
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir, cpus, totalmem, availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { randomInt } from 'node:crypto';
import { openAuditLog } from '../src/audit/index.js';
import { openStore } from '../src/audit/read.js';
import { verifyLog } from '../src/audit/verify.js';
import { verifyLogParallel } from '../src/audit/verify-parallel.js';
import { parsePrivateKey, verifierOf } from '../src/audit/note.js';
import { loadSigningKey } from '../src/audit/keys.js';
import { LogStore, completedBy } from '../src/audit/store.js';
import { leafHash, nodeHash } from '../src/audit/hash.js';
import { verifyInclusion } from '../src/audit/proof.js';
import { sampleDecision } from '../src/audit/testutil.js';
import type { AuditRecord } from '../src/core/types.js';
import { newId } from '../src/core/ids.js';

const APPENDS = Number(process.env.AUDIT_BENCH_APPENDS ?? 500_000);
const PROOF_LEAVES = Number(process.env.AUDIT_BENCH_PROOF_LEAVES ?? 10_000_000);
const base = process.env.AUDIT_BENCH_DIR ?? tmpdir();

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const load = () => loadavg().map((l) => l.toFixed(1)).join(' ');
console.log(`machine: ${cpus().length} x ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, node ${process.version}, ${new Date().toISOString()}, load average ${load()}`);

async function appends(dir: string): Promise<void> {
  // A pool of distinct records, reused with fresh ids: a million live objects would measure the heap.
  const pool: AuditRecord[] = Array.from({ length: 50_000 }, (_, i) => sampleDecision(i));
  const log = await openAuditLog({ dataDir: dir, instance: 'bench', checkpointEveryRecords: 100_000 });

  // Baseline: one record at a time, so every append is its own fsynced commit.
  const lone = 300;
  const lat: number[] = [];
  let t = performance.now();
  for (let i = 0; i < lone; i++) {
    const s = performance.now();
    await log.append(sampleDecision(i));
    lat.push(performance.now() - s);
  }
  const loneRate = lone / ((performance.now() - t) / 1000);
  lat.sort((a, b) => a - b);
  console.log(`lone appends (one commit each, synchronous=FULL): ${fmt(loneRate)} records/s, latency p50 ${lat[lone >> 1].toFixed(2)} ms, p99 ${lat[Math.floor(lone * 0.99)].toFixed(2)} ms`);

  // Group commit: many appends in flight, as under gateway load (64 concurrent clients' worth and more).
  t = performance.now();
  const cpu0 = process.cpuUsage();
  const inFlight = 4096;
  let next = 0;
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (next < APPENDS) {
        const i = next++;
        await log.append(i < pool.length ? pool[i] : { ...pool[i % pool.length], id: newId() });
      }
    }),
  );
  const secs = (performance.now() - t) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const cpuPer = (cpu.user + cpu.system) / APPENDS;
  console.log(
    `durable appends with group commit (synchronous=FULL, ${inFlight} in flight): ${fmt(APPENDS / secs)} records/s (${fmt(APPENDS)} in ${secs.toFixed(2)} s; ` +
      `CPU ${cpuPer.toFixed(1)} µs per record over both threads)`,
  );
  await log.close();
  console.log(`log file: ${(statSync(join(dir, 'audit.db')).size / 2 ** 20).toFixed(0)} MiB for ${fmt(APPENDS + lone)} records`);
}

async function verification(dir: string): Promise<void> {
  const verifier = verifierOf(parsePrivateKey(loadSigningKey(dir, {})));
  const store = openStore(dir);
  let t = performance.now();
  const cpu0 = process.cpuUsage();
  let report = verifyLog(store, { verifier });
  let secs = (performance.now() - t) / 1000;
  const cpu = process.cpuUsage(cpu0);
  if (!report.ok) throw new Error(report.problem!.message);
  const perCpuSecond = report.size / ((cpu.user + cpu.system) / 1e6);
  console.log(
    `full verification, one thread: ${fmt(report.size / secs)} leaves/s (${fmt(report.size)} leaves, ${report.checkpoints} checkpoints, ${secs.toFixed(2)} s; ` +
      `${fmt(perCpuSecond)} leaves per CPU second)`,
  );
  t = performance.now();
  report = await verifyLogParallel(store, { verifier });
  secs = (performance.now() - t) / 1000;
  if (!report.ok) throw new Error(report.problem!.message);
  console.log(`full verification, this thread + ${Math.min(availableParallelism() - 1, 3)} helper thread(s) (as warden audit verify): ${fmt(report.size / secs)} leaves/s (${secs.toFixed(2)} s, thread start included)`);
  store.close();
}

function proofs(dir: string): void {
  // Build the stored tree of a PROOF_LEAVES log directly, in bulk, without fsync: this measures
  // proof cost in a large log, not the time to fill one.
  const store = new LogStore(join(dir, 'audit.db'), { synchronous: 'OFF' });
  store.db.pragma('journal_mode = OFF');
  // Lookup indexes are not used by proofs; leaving them out only makes the build faster.
  store.db.exec('DROP INDEX leaves_rid; DROP INDEX leaves_time;');
  const ins = store.db.prepare("INSERT INTO leaves (idx, rid, kind, time, body, hashes) VALUES (?, '', 'decision', '', NULL, ?)");
  const t0 = performance.now();
  const frontier: Buffer[] = [];
  const idx = Buffer.alloc(8);
  const chunk = 1_000_000;
  let stored = 0;
  for (let from = 0; from < PROOF_LEAVES; from += chunk) {
    store.db.transaction(() => {
      for (let i = from; i < Math.min(PROOF_LEAVES, from + chunk); i++) {
        idx.writeDoubleBE(i);
        const hashes = Buffer.allocUnsafe(32 * (1 + completedBy(i)));
        let h = leafHash(idx);
        h.copy(hashes, 0);
        let n = i;
        let level = 0;
        while (n % 2 === 1) {
          h = nodeHash(frontier[level], h);
          level++;
          n = (n - 1) / 2;
          h.copy(hashes, 32 * level);
        }
        frontier[level] = h;
        ins.run(i, hashes);
        stored += hashes.length / 32;
      }
    })();
  }
  console.log(`built a ${fmt(PROOF_LEAVES)}-leaf tree (${fmt(stored)} stored hashes) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const size = PROOF_LEAVES;
  const root = store.root(size);
  // Warm up, then time proofs of random leaves against the full tree.
  for (let i = 0; i < 200; i++) store.inclusionProof(randomInt(size), size);
  const n = 5_000;
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const leaf = randomInt(size);
    const s = performance.now();
    const p = store.inclusionProof(leaf, size);
    times.push(performance.now() - s);
    if (i < 100) {
      idx.writeDoubleBE(leaf);
      verifyInclusion(leaf, size, leafHash(idx), p, root);
    }
  }
  times.sort((a, b) => a - b);
  const mean = times.reduce((a, b) => a + b, 0) / n;
  console.log(`inclusion proof in a ${fmt(size)}-leaf log: mean ${(mean * 1000).toFixed(0)} µs, p50 ${(times[n >> 1] * 1000).toFixed(0)} µs, p99 ${(times[Math.floor(n * 0.99)] * 1000).toFixed(0)} µs (${n} random leaves, from SQLite)`);
  store.close();
}

const d1 = mkdtempSync(join(base, 'warden-bench-audit-'));
const d2 = mkdtempSync(join(base, 'warden-bench-proof-'));
try {
  await appends(d1);
  await verification(d1);
  proofs(d2);
  console.log(`load average at the end: ${load()} (other work on the machine lowers every figure)`);
} finally {
  rmSync(d1, { recursive: true, force: true });
  rmSync(d2, { recursive: true, force: true });
}
