import type { Command } from 'commander';
import { changeOptions, dataOptions, type CommonOptions } from '../context.js';
import { printJson, type CliIO } from '../io.js';
import { defineRecordChanges } from '../registry.js';
import { SUPPLIER_FLAGS } from '../../registry/kind-flags.js';
import type { Supplier } from '../../registry/types.js';

interface Opts extends CommonOptions {
  json?: boolean;
  status?: string;
  overdue?: boolean;
  at?: string;
  format?: string;
  out?: string;
  dryRun?: boolean;
  [k: string]: unknown;
}

const when = (s?: string) => (s ? new Date(s) : new Date());

export async function list(opts: Opts, io: CliIO): Promise<void> {
  const { withRegistry, printTable } = await import('../registry.js');
  const { supplierReviewOverdue } = await import('../../registry/review.js');
  const { SUPPLIER_STATUSES } = await import('../../registry/schemas.js');
  const { CliError } = await import('../../core/errors.js');
  if (opts.status && !(SUPPLIER_STATUSES as readonly string[]).includes(opts.status)) throw new CliError(`--status is one of ${SUPPLIER_STATUSES.join(', ')}`);
  const now = when(opts.at);
  if (Number.isNaN(now.getTime())) throw new CliError('--at is not a time');
  await withRegistry(opts, false, (svc) => {
    let rows = svc.listSuppliers(opts.status ? { status: opts.status as Supplier['status'] } : undefined).map((s) => ({ ...s, reviewOverdue: supplierReviewOverdue(s, now) }));
    if (opts.overdue) rows = rows.filter((s) => s.reviewOverdue);
    if (opts.json) printJson(io, rows);
    else
      printTable(
        io,
        ['ID', 'STATUS', 'NEXT REVIEW', 'DPA', 'BAA', 'TRAINING', 'REGIONS', 'NAME'],
        rows.map((s) => [s.id, s.status, s.nextReviewAt + (s.reviewOverdue ? ' (overdue)' : ''), s.dpa ? 'yes' : 'no', s.baa ? 'yes' : 'no', s.trainingUse, s.regions.join(','), s.name]),
        'no suppliers',
      );
  });
}

export async function show(id: string, opts: Opts, io: CliIO): Promise<void> {
  const { withRegistry, printRecord } = await import('../registry.js');
  const { supplierReviewOverdue } = await import('../../registry/review.js');
  const { CliError } = await import('../../core/errors.js');
  await withRegistry(opts, false, (svc) => {
    const s = svc.getSupplier(id);
    if (!s) throw new CliError(`no supplier ${id}`);
    const view = { ...s, reviewOverdue: supplierReviewOverdue(s, new Date()), usedBy: svc.listSystems().filter((x) => x.suppliers.includes(id)).map((x) => x.id) };
    if (opts.json) printJson(io, view);
    else printRecord(io, view);
  });
}

export function define(program: Command, io: CliIO): void {
  const cmd = program.command('suppliers').description('the third-party AI supplier register (ISO 42001 A.10.3)');
  dataOptions(cmd.command('list').description('list suppliers with their review dates'))
    .option('--status <status>', 'only suppliers with this due-diligence status')
    .option('--overdue', 'only suppliers whose review has lapsed')
    .option('--at <time>', 'judge overdue reviews at this time (default now)')
    .option('--json', 'print JSON')
    .action((o: Opts) => list(o, io));
  dataOptions(cmd.command('show').description('show one supplier and the AI systems that use it').argument('<id>'))
    .option('--json', 'print JSON')
    .action((id: string, o: Opts) => show(id, o, io));
  defineRecordChanges(cmd, io, 'supplier', SUPPLIER_FLAGS, {
    add: 'register a supplier',
    update: 'change fields of a supplier (e.g. after a review)',
    remove: 'remove a supplier no AI system uses (else suspend it)',
  });
  changeOptions(cmd.command('import').description('import the supplier register from YAML or CSV, all or nothing').argument('<file>'))
    .option('--format <format>', 'yaml or csv (default: from the file name)')
    .option('--dry-run', 'check and show what would change, change nothing')
    .option('--json', 'print JSON')
    .action(async (file: string, o: Opts) => (await import('./systems.js')).importFile('suppliers', file, o, io));
  dataOptions(cmd.command('export').description('export the supplier register as YAML or CSV'))
    .option('--format <format>', 'yaml or csv (default: from --out, else yaml)')
    .option('--out <file>', 'write to a file')
    .option('--json', 'print the records as JSON instead')
    .action(async (o: Opts) => (await import('./systems.js')).exportFile('suppliers', o, io));
}
