// `warden evidence pack|verify`: build an auditor's evidence folder, and check one.
import type { Command } from 'commander';
import { resolve } from 'node:path';
import { CliError } from '../../core/errors.js';
import { printJson, type CliIO } from '../io.js';
import { dataOptions } from '../context.js';
import type { PeriodOptions } from '../compliance.js';

interface PackOptions extends PeriodOptions {
  out: string;
  json?: boolean;
}

export async function pack(opts: PackOptions, io: CliIO): Promise<void> {
  const { openCompliance } = await import('../compliance.js');
  const { assessFramework } = await import('../../compliance/gap.js');
  const { buildPack } = await import('../../compliance/pack.js');
  const c = await openCompliance(opts, true);
  try {
    const report = assessFramework(c.framework, c.collectors);
    let summary;
    try {
      summary = buildPack({ out: resolve(opts.out), dataDir: c.dataDir, store: c.store, signer: c.signer!, report, facts: c.collectors.facts });
    } catch (err) {
      throw new CliError(`evidence pack: ${(err as Error).message}`);
    }
    if (opts.json) printJson(io, { ...summary, summary: report.summary });
    else
      io.out(
        `wrote ${summary.out}: ${summary.files} files, ${summary.receipts} receipts, checkpoint ${summary.checkpoint.size}; ` +
          `${Object.entries(report.summary).map(([s, n]) => `${s} ${n}`).join(', ')}\n` +
          (summary.skippedReceipts.length ? `no receipt for ${summary.skippedReceipts.length} decisions (${summary.skippedReceipts[0].reason})\n` : ''),
      );
  } finally {
    c.close();
  }
}

export async function verify(dir: string, opts: { key?: string; json?: boolean }, io: CliIO): Promise<void> {
  const { verifyPack } = await import('../../compliance/verify-pack.js');
  const r = verifyPack(resolve(dir), opts.key);
  if (opts.json) printJson(io, r);
  else if (r.ok) io.out(`sound: ${r.files} files match the manifest signed by ${r.keyName}; ${r.receipts} receipts prove against the checkpoint\n`);
  if (!r.ok) throw new CliError(`NOT SOUND:\n${r.problems.map((p) => `  ${p}`).join('\n')}`);
}

export function define(program: Command, io: CliIO): void {
  const cmd = program.command('evidence').description("evidence packs for auditors: build one from Warden's records, check one");
  dataOptions(
    cmd
      .command('pack')
      .description('write a self-contained evidence folder: HTML report, SoA, checkpoint and public key, receipts, policy versions, registry, signed manifest')
      .requiredOption('--framework <id>', 'iso42001, nist-ai-rmf, eu-ai-act, naic, soc2 or hipaa')
      .requiredOption('--out <dir>', 'folder to create (must be empty or absent)')
      .option('--from <date>', 'start of the period (default: 90 days before --to)')
      .option('--to <date>', 'end of the period; a date means the whole day (default: now)')
      .option('--json', 'print the summary as JSON'),
  ).action((opts: PackOptions) => pack(opts, io));
  cmd
    .command('verify <dir>')
    .description("check a pack: the manifest's signature, every file's SHA-256, the checkpoint and each receipt; exits 1 naming what changed")
    .option('--key <vkey>', "the log's public key as you know it (default: the one in the pack)")
    .option('--json', 'print the result as JSON')
    .action((dir: string, opts: { key?: string; json?: boolean }) => verify(dir, opts, io));
}
