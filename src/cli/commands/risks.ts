import type { Command } from 'commander';
import { changeOptions, dataOptions, type CommonOptions } from '../context.js';
import { printJson, type CliIO } from '../io.js';
import { fieldOptions, type FieldFlag } from '../registry.js';

interface Opts extends CommonOptions {
  json?: boolean;
  system?: string;
  [k: string]: unknown;
}

export const RISK_FLAGS: FieldFlag[] = [
  ['--id <id>', 'id', 'text', 'risk id (default: generated)'],
  ['--system <id>', 'systemId', 'text', 'the AI system the risk belongs to'],
  ['--title <title>', 'title', 'text', 'title'],
  ['--description <text>', 'description', 'text', 'description'],
  ['--category <category>', 'category', 'text', 'category (bias, privacy, security …)'],
  ['--likelihood <n>', 'likelihood', 'int', 'likelihood on the scale (1 = rare)'],
  ['--impact <n>', 'impact', 'int', 'impact on the scale (1 = negligible)'],
  ['--treatment <t>', 'treatment', 'text', 'mitigate, accept, transfer or avoid'],
  ['--treatment-plan <text>', 'treatmentPlan', 'text', 'how it is treated'],
  ['--controls <a,b>', 'controls', 'list', 'control ids that implement the treatment (e.g. ISO42001:A.6.2.4)'],
  ['--policy-rules <a,b>', 'policyRules', 'list', 'policy rule ids that enforce it'],
  ['--residual-likelihood <n>', 'residualLikelihood', 'int', 'likelihood after treatment'],
  ['--residual-impact <n>', 'residualImpact', 'int', 'impact after treatment'],
  ['--owner <owner>', 'owner', 'text', 'risk owner'],
  ['--review-at <date>', 'reviewAt', 'text', 'next review date'],
  ['--status <status>', 'status', 'text', 'open, treated or closed'],
];

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

async function change(id: string | undefined, opts: Opts, io: CliIO): Promise<void> {
  const { withRegistry, collectFields } = await import('../registry.js');
  const { assessRisk } = await import('../../registry/risk.js');
  const fields = await collectFields(opts, RISK_FLAGS);
  await withRegistry(opts, true, async (svc) => {
    const r = id ? await svc.updateRisk(id, fields) : await svc.createRisk(fields);
    const a = assessRisk(r, svc.riskScale);
    if (opts.json) printJson(io, { ...r, ...a });
    else io.out(`${id ? 'updated' : 'recorded'} risk ${r.id} of ${r.systemId}: score ${a.inherent.score} (${a.inherent.level})${a.residual ? `, residual ${a.residual.score} (${a.residual.level})` : ''}\n`);
  }, io);
}

export async function remove(id: string, opts: Opts, io: CliIO): Promise<void> {
  const { withRegistry } = await import('../registry.js');
  await withRegistry(opts, true, async (svc) => {
    const r = await svc.removeRisk(id);
    if (opts.json) printJson(io, r);
    else io.out(`removed risk ${id}\n`);
  }, io);
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
  fieldOptions(changeOptions(cmd.command('add').description('record a risk of an AI system')), RISK_FLAGS)
    .option('--json', 'print JSON')
    .action((o: Opts) => change(undefined, o, io));
  fieldOptions(changeOptions(cmd.command('update').description('change fields of a risk').argument('<id>')), RISK_FLAGS)
    .option('--json', 'print JSON')
    .action((id: string, o: Opts) => change(id, o, io));
  changeOptions(cmd.command('remove').description('remove a risk').argument('<id>'))
    .option('--json', 'print JSON')
    .action((id: string, o: Opts) => remove(id, o, io));
}
