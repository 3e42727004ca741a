// `warden gap`: each requirement of a framework with its status and the evidence for it.
import type { Command } from 'commander';
import { printJson, type CliIO } from '../io.js';
import { dataOptions } from '../context.js';
import type { PeriodOptions } from '../compliance.js';

interface GapOptions extends PeriodOptions {
  json?: boolean;
  all?: boolean;
}

export async function gap(opts: GapOptions, io: CliIO): Promise<void> {
  const { openCompliance } = await import('../compliance.js');
  const { assessFramework } = await import('../../compliance/gap.js');
  const c = await openCompliance(opts);
  try {
    const report = assessFramework(c.framework, c.collectors);
    if (opts.json) {
      printJson(io, report);
      return;
    }
    io.out(`${report.title} — ${report.period.from} to ${report.period.to}\n`);
    io.out(Object.entries(report.summary).map(([s, n]) => `${s} ${n}`).join(', ') + '\n\n');
    const idW = Math.max(4, ...report.entries.map((e) => e.id.length));
    for (const e of report.entries) {
      io.out(`${e.id.padEnd(idW)}  ${e.status.padEnd(14)}  ${e.title}\n`);
      if (e.expects && (e.status === 'manual' || e.status === 'gap' || opts.all)) io.out(`${''.padEnd(idW)}    expects: ${e.expects}\n`);
      if (e.status === 'manual' && !opts.all) continue;
      for (const ev of e.evidence) io.out(`${''.padEnd(idW)}    - [${ev.status}] ${ev.check}: ${ev.detail}\n`);
    }
  } finally {
    c.close();
  }
}

export function define(program: Command, io: CliIO): void {
  dataOptions(
    program
      .command('gap')
      .description('gap assessment: each requirement of a framework with its status (met, partial, gap, not-applicable, manual) and evidence')
      .requiredOption('--framework <id>', 'iso42001, nist-ai-rmf, eu-ai-act, naic, soc2 or hipaa')
      .option('--from <date>', 'start of the period (default: 90 days before --to)')
      .option('--to <date>', 'end of the period; a date means the whole day (default: now)')
      .option('--json', 'one JSON entry per requirement (id, title, status, evidence)')
      .option('--key <vkey>', "the log's public key, to verify the log without its signing key")
      .option('--all', 'also list the evidence of requirements waiting for an attestation'),
  ).action((opts: GapOptions) => gap(opts, io));
}
