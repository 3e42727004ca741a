import type { Command } from 'commander';
import { changeOptions, dataOptions, type CommonOptions } from '../context.js';
import { printJson, type CliIO } from '../io.js';
import { defineRecordChanges } from '../registry.js';
import { SYSTEM_FLAGS } from '../../registry/kind-flags.js';
import type { AISystem } from '../../registry/types.js';

interface Opts extends CommonOptions {
  json?: boolean;
  lifecycle?: string;
  format?: string;
  out?: string;
  dryRun?: boolean;
  [k: string]: unknown;
}

function row(s: AISystem, now: Date, overdue: (s: AISystem, now: Date) => boolean): string[] {
  return [s.id, s.lifecycle, s.euAiActClass + (s.annexIIIArea ? `:${s.annexIIIArea}` : ''), s.owner, s.suppliers.join(','), overdue(s, now) ? 'overdue' : '', s.name];
}

export async function list(opts: Opts, io: CliIO): Promise<void> {
  const { withRegistry, printTable } = await import('../registry.js');
  const { systemReviewOverdue, systemNextReview } = await import('../../registry/review.js');
  const { LIFECYCLE_STAGES } = await import('../../registry/schemas.js');
  const { CliError } = await import('../../core/errors.js');
  if (opts.lifecycle && !(LIFECYCLE_STAGES as readonly string[]).includes(opts.lifecycle)) throw new CliError(`--lifecycle is one of ${LIFECYCLE_STAGES.join(', ')}`);
  await withRegistry(opts, false, (svc) => {
    const systems = svc.listSystems(opts.lifecycle ? { lifecycle: opts.lifecycle as AISystem['lifecycle'] } : undefined);
    const now = new Date();
    if (opts.json) printJson(io, systems.map((s) => ({ ...s, nextReviewAt: systemNextReview(s), reviewOverdue: systemReviewOverdue(s, now) })));
    else printTable(io, ['ID', 'LIFECYCLE', 'EU AI ACT', 'OWNER', 'SUPPLIERS', 'REVIEW', 'NAME'], systems.map((s) => row(s, now, systemReviewOverdue)), 'no AI systems');
  });
}

export async function show(id: string, opts: Opts, io: CliIO): Promise<void> {
  const { withRegistry, printRecord } = await import('../registry.js');
  const { systemReviewOverdue, systemNextReview } = await import('../../registry/review.js');
  const { CliError } = await import('../../core/errors.js');
  await withRegistry(opts, false, (svc) => {
    const s = svc.getSystem(id);
    if (!s) throw new CliError(`no AI system ${id}`);
    const view = {
      ...s,
      nextReviewAt: systemNextReview(s),
      reviewOverdue: systemReviewOverdue(s, new Date()),
      risks: svc.listRisks({ systemId: id }).map((r) => r.id),
      assessments: svc.listAssessments({ systemId: id }).map((a) => a.id),
    };
    if (opts.json) printJson(io, view);
    else printRecord(io, { ...view, tools: view.tools ?? '* (any)' });
  });
}

/** Shared by systems and suppliers: import a file all or nothing. */
export async function importFile(kind: 'systems' | 'suppliers', file: string, opts: Opts, io: CliIO): Promise<void> {
  const { withRegistry, readImport } = await import('../registry.js');
  const { formatProblem } = await import('../../registry/errors.js');
  const { text, format } = await readImport(file, opts.format);
  await withRegistry(opts, !opts.dryRun, async (svc) => {
    const s = await svc.importRecords(kind, text, format, file, { dryRun: opts.dryRun });
    if (opts.json) return printJson(io, s);
    for (const w of s.warnings) io.err(`warning: ${formatProblem(w)}\n`);
    const verb = s.dryRun ? 'would create' : 'created';
    io.out(`${file}: ${verb} ${s.created.length}, ${s.dryRun ? 'would update' : 'updated'} ${s.updated.length}, unchanged ${s.unchanged.length}\n`);
  }, io);
}

/** Shared by systems and suppliers: export as YAML or CSV. */
export async function exportFile(kind: 'systems' | 'suppliers', opts: Opts, io: CliIO): Promise<void> {
  const { withRegistry, writeOut } = await import('../registry.js');
  const { formatOf } = await import('../../registry/transfer.js');
  const { CliError } = await import('../../core/errors.js');
  const format = opts.format ?? (opts.out ? formatOf(opts.out) : undefined) ?? 'yaml';
  if (format !== 'yaml' && format !== 'csv') throw new CliError('--format is yaml or csv');
  await withRegistry(opts, false, (svc) => {
    if (opts.json) return writeOut(io, JSON.stringify(kind === 'systems' ? svc.listSystems() : svc.listSuppliers(), null, 2) + '\n', opts.out);
    writeOut(io, svc.exportRecords(kind, format), opts.out);
  });
}

export function define(program: Command, io: CliIO): void {
  const cmd = program.command('systems').description('the AI system inventory (ISO 42001 A.4.2, A.6.2, A.9.4; EU AI Act classification)');
  dataOptions(cmd.command('list').description('list AI systems'))
    .option('--lifecycle <stage>', 'only systems in this lifecycle stage')
    .option('--json', 'print JSON')
    .action((o: Opts) => list(o, io));
  dataOptions(cmd.command('show').description('show one AI system with its risks and assessments').argument('<id>'))
    .option('--json', 'print JSON')
    .action((id: string, o: Opts) => show(id, o, io));
  defineRecordChanges(cmd, io, 'system', SYSTEM_FLAGS, {
    add: 'register an AI system',
    update: 'change fields of an AI system',
    remove: 'remove an AI system (one with risks or assessments: retire it instead)',
  });
  changeOptions(cmd.command('import').description('import the inventory from YAML or CSV, all or nothing').argument('<file>'))
    .option('--format <format>', 'yaml or csv (default: from the file name)')
    .option('--dry-run', 'check and show what would change, change nothing')
    .option('--json', 'print JSON')
    .action((file: string, o: Opts) => importFile('systems', file, o, io));
  dataOptions(cmd.command('export').description('export the inventory as YAML or CSV'))
    .option('--format <format>', 'yaml or csv (default: from --out, else yaml)')
    .option('--out <file>', 'write to a file')
    .option('--json', 'print the records as JSON instead')
    .action((o: Opts) => exportFile('systems', o, io));
}
