import type { Command } from 'commander';
import { changeOptions, dataOptions, type CommonOptions } from '../context.js';
import { printJson, type CliIO } from '../io.js';
import { fieldOptions, type FieldFlag } from '../registry.js';
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

export const SUPPLIER_FLAGS: FieldFlag[] = [
  ['--id <id>', 'id', 'text', 'supplier id (as in warden.yaml suppliers)'],
  ['--name <name>', 'name', 'text', 'name'],
  ['--services <a,b>', 'services', 'list', 'services bought'],
  ['--models <a,b>', 'models', 'list', 'models used'],
  ['--status <status>', 'status', 'text', 'due diligence: pending, approved, rejected or suspended'],
  ['--contract-ref <ref>', 'contractRef', 'text', 'contract reference'],
  ['--contract-end <date>', 'contractEnd', 'text', 'contract end date'],
  ['--dpa <yes|no>', 'dpa', 'bool', 'a data processing agreement is signed'],
  ['--baa <yes|no>', 'baa', 'bool', 'a HIPAA business associate agreement is signed'],
  ['--retention <terms>', 'retention', 'text', 'data-retention terms'],
  ['--retention-days <n>', 'retentionDays', 'int', 'days the supplier keeps data'],
  ['--training-use <use>', 'trainingUse', 'text', 'training on our data: none, opted-out, yes or unknown'],
  ['--training-terms <text>', 'trainingTerms', 'text', 'training-use terms'],
  ['--regions <a,b>', 'regions', 'list', 'processing regions'],
  ['--next-review-at <date>', 'nextReviewAt', 'text', 'date of the next due-diligence review'],
  ['--last-reviewed-at <date>', 'lastReviewedAt', 'text', 'date of the last review'],
  ['--contact <contact>', 'contact', 'text', 'supplier contact'],
  ['--notes <text>', 'notes', 'text', 'notes'],
];

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

export async function add(opts: Opts, io: CliIO): Promise<void> {
  const { withRegistry, collectFields } = await import('../registry.js');
  const fields = await collectFields(opts, SUPPLIER_FLAGS);
  await withRegistry(opts, true, async (svc) => {
    const s = await svc.createSupplier(fields);
    if (opts.json) printJson(io, s);
    else io.out(`registered supplier ${s.id} (${s.status}, next review ${s.nextReviewAt})\n`);
  }, io);
}

export async function update(id: string, opts: Opts, io: CliIO): Promise<void> {
  const { withRegistry, collectFields } = await import('../registry.js');
  const fields = await collectFields(opts, SUPPLIER_FLAGS);
  await withRegistry(opts, true, async (svc) => {
    const s = await svc.updateSupplier(id, fields);
    if (opts.json) printJson(io, s);
    else io.out(`updated supplier ${s.id} (${s.status}, next review ${s.nextReviewAt})\n`);
  }, io);
}

export async function remove(id: string, opts: Opts, io: CliIO): Promise<void> {
  const { withRegistry } = await import('../registry.js');
  await withRegistry(opts, true, async (svc) => {
    const s = await svc.removeSupplier(id);
    if (opts.json) printJson(io, s);
    else io.out(`removed supplier ${id}\n`);
  }, io);
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
  fieldOptions(changeOptions(cmd.command('add').description('register a supplier')), SUPPLIER_FLAGS)
    .option('--json', 'print JSON')
    .action((o: Opts) => add(o, io));
  fieldOptions(changeOptions(cmd.command('update').description('change fields of a supplier (e.g. after a review)').argument('<id>')), SUPPLIER_FLAGS)
    .option('--json', 'print JSON')
    .action((id: string, o: Opts) => update(id, o, io));
  changeOptions(cmd.command('remove').description('remove a supplier no AI system uses (else suspend it)').argument('<id>'))
    .option('--json', 'print JSON')
    .action((id: string, o: Opts) => remove(id, o, io));
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
