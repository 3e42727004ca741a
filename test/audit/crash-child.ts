// Appends under load and prints the id of every record whose append was acknowledged (durable).
// The crash test kills this process with SIGKILL at a random moment; with a count as second
// argument it stops after that many records and closes the log (the two-process test).
import { openAuditLog } from '../../src/audit/index.js';
import { sampleDecision } from '../../src/audit/testutil.js';

const dir = process.argv[2];
const log = await openAuditLog({ dataDir: dir, instance: `crash-${process.pid}`, checkpointEveryRecords: 500, checkpointIntervalMs: 200 });
process.stdout.write('ready\n');
const limit = process.argv[3] ? Number(process.argv[3]) : Infinity;
let i = 0;
async function worker(): Promise<void> {
  while (i < limit) {
    const rec = sampleDecision(i++);
    await log.append(rec);
    process.stdout.write(rec.id + '\n');
  }
}
await Promise.all(Array.from({ length: 64 }, worker));
await log.close();
