// `warden audit …`: check, prove and read the audit log. Heavy modules load inside the actions.
import type { Command } from 'commander';
import { CliError } from '../../core/errors.js';
import { printJson, type CliIO } from '../io.js';
import type { RecordFilter } from '../../audit/query.js';

interface DataOptions {
  data: string;
  config?: string;
}

type FilterOptions = DataOptions & RecordFilter;

/** The audit section of --config (key location, origin), when one was given. */
async function auditSection(opts: DataOptions) {
  if (!opts.config) return {};
  const { loadConfigFile, ConfigError } = await import('../../config/load.js');
  const { auditConfigSchema } = await import('../../audit/config.js');
  try {
    return auditConfigSchema.parse(loadConfigFile(opts.config).audit ?? {});
  } catch (err) {
    if (err instanceof ConfigError) throw new CliError(err.message);
    throw new CliError(`audit section of ${opts.config}: ${(err as Error).message}`);
  }
}

/** The log's signing key; never created here. */
async function signer(opts: DataOptions) {
  const section = await auditSection(opts);
  const { existsSync, readFileSync } = await import('node:fs');
  const { join } = await import('node:path');
  const { parsePrivateKey } = await import('../../audit/note.js');
  const { SIGNING_KEY_FILE } = await import('../../audit/keys.js');
  let text = section.signingKey;
  if (!text) {
    const file = section.signingKeyFile ?? join(opts.data, SIGNING_KEY_FILE);
    if (!existsSync(file)) throw new CliError(`no audit signing key at ${file}`);
    text = readFileSync(file, 'utf8');
  }
  try {
    return parsePrivateKey(text);
  } catch (err) {
    throw new CliError(`audit signing key: ${(err as Error).message}`);
  }
}

async function verifierFrom(opts: DataOptions & { key?: string }) {
  const note = await import('../../audit/note.js');
  try {
    return opts.key ? note.parseVerifierKey(opts.key) : note.verifierOf(await signer(opts));
  } catch (err) {
    if (err instanceof CliError) throw new CliError(`${err.message}; pass the log's public key with --key`);
    throw new CliError(`--key: ${(err as Error).message}`);
  }
}

async function store(opts: DataOptions, writable = false) {
  const { openStore } = await import('../../audit/read.js');
  try {
    return openStore(opts.data, writable);
  } catch (err) {
    throw new CliError((err as Error).message);
  }
}

export async function pubkey(opts: DataOptions, io: CliIO): Promise<void> {
  const { verifierKey } = await import('../../audit/note.js');
  io.out(verifierKey(await signer(opts)) + '\n');
}

export async function checkpoint(opts: DataOptions & { new?: boolean }, io: CliIO): Promise<void> {
  const s = await store(opts, !!opts.new);
  try {
    if (opts.new) {
      const origin = s.getMeta('origin');
      if (!origin) throw new CliError('the log has no origin yet');
      s.signCheckpoint(await signer(opts), origin);
    }
    const cp = s.latestCheckpoint();
    if (!cp) throw new CliError('no checkpoint yet (an empty log, or one never closed); use --new to sign one');
    io.out(cp.note);
  } finally {
    s.close();
  }
}

/** Milliseconds from a duration such as 90s, 10m or 1h. */
function durationMs(s: string, what: string): number {
  const m = /^(\d+)\s*(ms|s|m|h|d)$/.exec(s.trim());
  if (!m) throw new CliError(`${what} must be a duration such as 90s, 10m or 1h, got ${s}`);
  return Number(m[1]) * { ms: 1, s: 1e3, m: 6e4, h: 3.6e6, d: 8.64e7 }[m[2] as 'ms']!;
}

/** The lines about decisions without a completion record (the log itself can still be sound). */
function missingLines(m: import('../../audit/verify.js').MissingCompletions, verbose: boolean): string {
  if (m.count === 0) return '';
  const minutes = `${Math.round(m.windowMs / 60_000)} min`;
  let out =
    `note: ${m.count} decision${m.count === 1 ? '' : 's'} without a completion record: ` +
    `${m.atEnd.length} at the end of the log (within ${minutes} of its last record: in flight, or their completion was still waiting for its commit when the log stopped), ` +
    `${m.older.length} older (the exchange ended but its completion never reached the log)` +
    `${verbose ? '' : '; --verbose lists them'}\n`;
  if (verbose)
    for (const [label, list] of [['at the end', m.atEnd], ['older', m.older]] as const)
      for (const d of list) out += `  ${label.padEnd(10)}  ${String(d.index).padStart(8)}  ${d.time}  ${d.id}\n`;
  return out;
}

export async function verify(opts: DataOptions & { key?: string; json?: boolean; quiet?: boolean; verbose?: boolean; inFlightWindow?: string }, io: CliIO): Promise<void> {
  const windowMs = durationMs(opts.inFlightWindow ?? '10m', '--in-flight-window');
  const verifier = await verifierFrom(opts);
  const s = await store(opts);
  const { verifyLogParallel } = await import('../../audit/verify-parallel.js');
  const started = performance.now();
  let shown = 0;
  try {
    const report = await verifyLogParallel(s, {
      verifier,
      progress:
        opts.quiet || opts.json
          ? undefined
          : (done, total) => {
              // Progress only where it helps: logs of a million leaves or more.
              if (total < 1_000_000 || (done - shown < 1_000_000 && done < total)) return;
              shown = done;
              io.err(`verified ${done} of ${total} leaves (${Math.floor((done / total) * 100)}%)\n`);
            },
    });
    const seconds = (performance.now() - started) / 1000;
    const { missingCompletions } = await import('../../audit/verify.js');
    const missing = missingCompletions(s, windowMs);
    if (opts.json) printJson(io, { ...report, seconds, missingCompletions: missing });
    else if (report.ok)
      io.out(
        `sound: ${report.size} leaves, ${report.checkpoints} checkpoints signed by ${verifier.name} and consistent` +
          `${report.expired ? `, ${report.expired} expired bodies (hashes kept)` : ''}; root ${report.root ?? '(empty)'} (${seconds.toFixed(1)} s)\n` +
          missingLines(missing, !!opts.verbose),
      );
    if (!report.ok) throw new CliError(`NOT SOUND: ${report.problem!.message}`);
  } finally {
    s.close();
  }
}

export async function prove(id: string, opts: DataOptions & { out?: string }, io: CliIO): Promise<void> {
  const s = await store(opts, true);
  const { buildReceipt } = await import('../../audit/receipt.js');
  try {
    const rows = s.leavesById(id);
    if (rows.length === 0) throw new CliError(`no record ${id} in the log`);
    const need = Math.max(...rows.map((r) => r.index)) + 1;
    let cp = s.checkpointCovering(need);
    if (!cp) {
      // The record is newer than the last checkpoint: sign one that covers it.
      s.signCheckpoint(await signer(opts), s.getMeta('origin')!);
      cp = s.checkpointCovering(need);
    }
    if (!cp) throw new CliError('could not sign a checkpoint covering the record');
    let receipt;
    try {
      receipt = buildReceipt(s, id, cp);
    } catch (err) {
      throw new CliError((err as Error).message);
    }
    const text = JSON.stringify(receipt, null, 2) + '\n';
    if (opts.out) {
      const { writeFileSync } = await import('node:fs');
      writeFileSync(opts.out, text);
      io.err(`receipt for ${id} (${receipt.entries.map((e) => `${e.kind} at ${e.index}`).join(', ')}; checkpoint size ${cp.size}) written to ${opts.out}\n`);
    } else io.out(text);
  } finally {
    s.close();
  }
}

export async function verifyReceiptCmd(file: string, opts: { key: string; origin?: string; json?: boolean }, io: CliIO): Promise<void> {
  const { readFileSync } = await import('node:fs');
  const { parseVerifierKey } = await import('../../audit/note.js');
  const { verifyReceipt } = await import('../../audit/receipt.js');
  let verifier;
  try {
    verifier = parseVerifierKey(opts.key);
  } catch (err) {
    throw new CliError(`--key: ${(err as Error).message}`);
  }
  let input: unknown;
  try {
    input = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new CliError(`${file}: ${(err as Error).message}`);
  }
  try {
    const entries = verifyReceipt(input, verifier, opts.origin);
    if (opts.json) printJson(io, { ok: true, entries: entries.map((e) => ({ kind: e.kind, index: e.index, treeSize: e.checkpoint.size, origin: e.checkpoint.origin, record: e.record })) });
    else
      for (const e of entries) {
        const what = e.record.kind === 'admin' ? `${e.record.op} by ${e.record.actor}` : `${e.record.action} (${e.record.mode})`;
        io.out(`valid: ${e.kind} record ${e.record.id} at index ${e.index} of ${e.checkpoint.origin} (tree size ${e.checkpoint.size}), ${what}, ${e.record.time}\n`);
      }
  } catch (err) {
    throw new CliError(`receipt NOT valid: ${(err as Error).message}`);
  }
}

function summary(index: number, rec: import('../../core/types.js').AuditRecord | null, time: string): string {
  if (!rec) return `${String(index).padStart(8)}  ${time}  (expired: body removed by retention)\n`;
  if (rec.kind === 'admin') return `${String(index).padStart(8)}  ${rec.time}  ${rec.id}  admin       ${rec.op} ${rec.target} by ${rec.actor}\n`;
  const rules = rec.rules.map((r) => r.id).join(',');
  return `${String(index).padStart(8)}  ${rec.time}  ${rec.id}  ${rec.kind.padEnd(10)}  ${rec.action.padEnd(6)} ${rec.mode === 'monitor' ? '(monitor) ' : ''}${rec.principal?.user ?? '-'} ${rec.system ?? '-'} ${rec.model ?? '-'}${rules ? ` rules=${rules}` : ''}\n`;
}

export async function search(opts: FilterOptions & { limit: string; json?: boolean; newestFirst?: boolean }, io: CliIO): Promise<void> {
  const s = await store(opts);
  const { findRecords } = await import('../../audit/query.js');
  const limit = Number(opts.limit);
  let n = 0;
  try {
    for (const { index, record, row } of findRecords(s, opts, opts.newestFirst ? 'newest-first' : 'oldest-first')) {
      if (opts.json) io.out(JSON.stringify({ index, record }) + '\n');
      else io.out(summary(index, record, row.time));
      if (++n >= limit) break;
    }
    if (!opts.json) io.err(`${n} record${n === 1 ? '' : 's'}${n >= limit ? ` (limit ${limit})` : ''}\n`);
  } catch (err) {
    throw new CliError((err as Error).message);
  } finally {
    s.close();
  }
}

export async function tail(opts: DataOptions & { lines: string; follow?: boolean; json?: boolean }, io: CliIO): Promise<void> {
  const s = await store(opts);
  const show = (from: number, to: number) => {
    for (const row of s.leafRange(from, to)) {
      const rec = row.leaf ? JSON.parse(row.leaf) : null;
      io.out(opts.json ? JSON.stringify({ index: row.index, record: rec }) + '\n' : summary(row.index, rec, row.time));
    }
  };
  try {
    let size = s.size();
    show(Math.max(0, size - Number(opts.lines)), size);
    if (!opts.follow) return;
    let stop = false;
    process.once('SIGINT', () => (stop = true));
    while (!stop) {
      await new Promise((r) => setTimeout(r, 500));
      const now = s.size();
      if (now > size) show(size, now);
      size = now;
    }
  } finally {
    s.close();
  }
}

export async function exportCmd(opts: FilterOptions & { format: string; out?: string }, io: CliIO): Promise<void> {
  const formats = ['jsonl', 'csv', 'ocsf', 'cef'];
  if (!formats.includes(opts.format)) throw new CliError(`--format must be one of ${formats.join(', ')}`);
  const s = await store(opts);
  const { exportLines } = await import('../../audit/query.js');
  const { openSync, writeSync, closeSync } = await import('node:fs');
  const fd = opts.out ? openSync(opts.out, 'w') : null;
  let buf = '';
  const flush = () => {
    if (!buf) return;
    if (fd !== null) writeSync(fd, buf);
    else io.out(buf);
    buf = '';
  };
  try {
    for (const line of exportLines(s, opts.format as 'jsonl', opts)) {
      buf += line;
      if (buf.length > 1 << 16) flush();
    }
    flush();
  } catch (err) {
    throw new CliError((err as Error).message);
  } finally {
    if (fd !== null) closeSync(fd);
    s.close();
  }
}

function common<T extends Command>(cmd: T): T {
  return cmd
    .option('--data <dir>', 'data folder holding audit.db (default: config data_dir, .warden)')
    .option('--config <file>', 'warden.yaml (default: ./warden.yaml when present): its data_dir and audit section') as T;
}

function filters<T extends Command>(cmd: T): T {
  return cmd
    .option('--since <time>', 'from this ISO time, or a duration back from now (24h, 7d)')
    .option('--until <time>', 'before this ISO time or duration back from now')
    .option('--user <user>', 'principal user (or admin actor)')
    .option('--system <system>', 'AI system')
    .option('--supplier <supplier>', 'AI supplier')
    .option('--action <action>', 'allow, block, redact, hold, warn or route')
    .option('--rule <rule>', 'a rule that fired')
    .option('--finding <type>', 'a finding type (EMAIL) or TYPE:subtype the record has')
    .option('--kind <kind>', 'decision, completion or admin')
    .option('--id <id>', 'one decision id') as T;
}

export function define(program: Command, io: CliIO): void {
  const audit = program.command('audit').description('verify, prove and read the audit log (RFC 6962 Merkle log with signed checkpoints)');
  // The data folder comes from --data, else the config's data_dir, like every other command.
  audit.hook('preAction', async (_cmd, action) => {
    const o = action.opts() as Partial<DataOptions>;
    if (o.data !== undefined && o.config !== undefined) return;
    const { loadContext } = await import('../context.js');
    const ctx = await loadContext({ config: o.config, data: o.data });
    action.setOptionValue('data', ctx.dataDir);
    if (o.config === undefined && ctx.configFile) action.setOptionValue('config', ctx.configFile);
  });
  common(audit.command('pubkey').description("print the log's verifier key (C2SP signed-note vkey)")).action((o) => pubkey(o, io));
  common(audit.command('checkpoint').description('print the latest signed checkpoint'))
    .option('--new', 'first sign a checkpoint covering every record')
    .action((o) => checkpoint(o, io));
  common(audit.command('verify').description('recompute the tree from every leaf and check every checkpoint; exit 1 naming the first problem'))
    .option('--key <vkey>', "the log's public key (default: derived from the signing key in the data folder)")
    .option('--json', 'print the report as JSON')
    .option('--quiet', 'no progress lines')
    .option('--verbose', 'list the decisions that have no completion record')
    .option('--in-flight-window <duration>', 'decisions this close to the last record without a completion count as in flight at the end of the log', '10m')
    .action((o) => verify(o, io));
  common(audit.command('prove').description('write a receipt for one decision: leaves, inclusion proofs, signed checkpoint').argument('<id>', 'decision id'))
    .option('--out <file>', 'write the receipt to a file instead of stdout')
    .action((id: string, o) => prove(id, o, io));
  audit
    .command('verify-receipt')
    .description('check a receipt offline with only the public key')
    .argument('<file>', 'receipt JSON written by `warden audit prove`')
    .requiredOption('--key <vkey>', "the log's public key (from `warden audit pubkey`)")
    .option('--origin <origin>', 'require this checkpoint origin')
    .option('--json', 'print the verified records as JSON')
    .action((file: string, o) => verifyReceiptCmd(file, o, io));
  filters(common(audit.command('search').description('find records by time, user, system, supplier, action, rule or finding type')))
    .option('--limit <n>', 'stop after n records', '100')
    .option('--newest-first', 'newest records first (default: log order, oldest first)')
    .option('--json', 'print JSON lines')
    .action((o) => search(o, io));
  common(audit.command('tail').description('show the newest records'))
    .option('-n, --lines <n>', 'how many', '20')
    .option('-f, --follow', 'keep printing new records')
    .option('--json', 'print JSON lines')
    .action((o) => tail(o, io));
  filters(common(audit.command('export').description('export records; jsonl lines are exactly the hashed leaf bytes, in log order')))
    .requiredOption('--format <format>', 'jsonl, csv, ocsf or cef')
    .option('--out <file>', 'write to a file instead of stdout')
    .action((o) => exportCmd(o, io));
}
