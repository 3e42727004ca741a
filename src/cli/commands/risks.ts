import type { Command } from 'commander';
import { changeOptions, dataOptions, type CommonOptions } from '../context.js';
import { printJson, type CliIO } from '../io.js';
import { defineRecordChanges } from '../registry.js';
import { RISK_FLAGS } from '../../registry/kind-flags.js';

interface Opts extends CommonOptions {
  json?: boolean;
  system?: string;
  [k: string]: unknown;
}

export async function list(opts: Opts, io: CliIO): Promise<void> {
  const { withRegistry, printTable } = await import('../registry.js');
  const { assessRisk } = await import('../../registry/risk.js');
  const { isOverdue } = await import('../../registry/review.js');
  await withRegistry(opts, false, (svc) => {
    const now = new Date();
    const rows = svc.listRisks(opts.system ? { systemId: opts.system } : undefined).map((r) => ({ ...r, ...assessRisk(r, svc.riskScale), reviewOverdue: isOverdue(r.reviewAt, now) }));
    if (opts.json) printJson(io, rows);
    else
      printTable(
        io,
        ['ID', 'SYSTEM', 'SCORE', 'RESIDUAL', 'TREATMENT', 'STATUS', 'OWNER', 'REVIEW', 'TITLE'],
        rows.map((r) => [
          r.id,
          r.systemId,
          `${r.inherent.score} ${r.inherent.level}`,
          r.residual ? `${r.residual.score} ${r.residual.level}` : '-',
          r.treatment,
          r.status,
          r.owner,
          r.reviewAt + (r.reviewOverdue ? ' (overdue)' : ''),
          r.title,
        ]),
        'no risks',
      );
  });
}

export async function show(id: string, opts: Opts, io: CliIO): Promise<void> {
  const { withRegistry, printRecord } = await import('../registry.js');
  const { assessRisk } = await import('../../registry/risk.js');
  const { CliError } = await import('../../core/errors.js');
  await withRegistry(opts, false, (svc) => {
    const r = svc.getRisk(id);
    if (!r) throw new CliError(`no risk ${id}`);
    const view = { ...r, ...assessRisk(r, svc.riskScale) };
    if (opts.json) printJson(io, view);
    else printRecord(io, view);
  });
}

export function define(program: Command, io: CliIO): void {
  const cmd = program.command('risks').description('the AI risk register (ISO 42001 6.1.2, 6.1.3, 8.2, 8.3)');
  dataOptions(cmd.command('list').description('list risks with inherent and residual scores'))
    .option('--system <id>', 'only the risks of this AI system')
    .option('--json', 'print JSON')
    .action((o: Opts) => list(o, io));
  dataOptions(cmd.command('show').description('show one risk').argument('<id>'))
    .option('--json', 'print JSON')
    .action((id: string, o: Opts) => show(id, o, io));
  defineRecordChanges(cmd, io, 'risk', RISK_FLAGS, {
    add: 'record a risk of an AI system',
    update: 'change fields of a risk',
    remove: 'remove a risk',
    view: async (r, svc) => ({ ...r, ...(await import('../../registry/risk.js')).assessRisk(r, svc.riskScale) }),
    async line(r, svc) {
      const a = (await import('../../registry/risk.js')).assessRisk(r, svc.riskScale);
      return `of ${r.systemId}: score ${a.inherent.score} (${a.inherent.level})${a.residual ? `, residual ${a.residual.score} (${a.residual.level})` : ''}`;
    },
  });
}
