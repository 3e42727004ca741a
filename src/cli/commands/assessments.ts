import type { Command } from 'commander';
import { changeOptions, dataOptions, type CommonOptions } from '../context.js';
import { printJson, type CliIO } from '../io.js';
import { defineRecordChanges } from '../registry.js';
import { ASSESSMENT_FLAGS } from '../../registry/kind-flags.js';

interface Opts extends CommonOptions {
  json?: boolean;
  system?: string;
  note?: string;
  [k: string]: unknown;
}

export async function list(opts: Opts, io: CliIO): Promise<void> {
  const { withRegistry, printTable } = await import('../registry.js');
  const { friaGaps, needsFria } = await import('../../registry/assessment.js');
  await withRegistry(opts, false, (svc) => {
    const rows = svc.listAssessments(opts.system ? { systemId: opts.system } : undefined).map((a) => {
      const sys = svc.getSystem(a.systemId);
      return { ...a, friaGaps: sys && needsFria(sys) ? friaGaps(a).map((g) => g.field) : [] };
    });
    if (opts.json) printJson(io, rows);
    else
      printTable(
        io,
        ['ID', 'SYSTEM', 'SEVERITY', 'APPROVAL', 'HARMS', 'FRIA GAPS', 'TITLE'],
        rows.map((a) => [a.id, a.systemId, a.severity, a.approval.status, String(a.harms.length), String(a.friaGaps.length || ''), a.title]),
        'no impact assessments',
      );
  });
}

export async function show(id: string, opts: Opts, io: CliIO): Promise<void> {
  const { withRegistry } = await import('../registry.js');
  const { friaGaps, needsFria } = await import('../../registry/assessment.js');
  const { CliError } = await import('../../core/errors.js');
  const { stringify } = await import('yaml');
  await withRegistry(opts, false, (svc) => {
    const a = svc.getAssessment(id);
    if (!a) throw new CliError(`no impact assessment ${id}`);
    const sys = svc.getSystem(a.systemId);
    const view = { ...a, friaGaps: sys && needsFria(sys) ? friaGaps(a) : [] };
    if (opts.json) printJson(io, view);
    else io.out(stringify(view, { lineWidth: 0 }));
  });
}

async function decide(id: string, status: 'approved' | 'rejected', opts: Opts, io: CliIO): Promise<void> {
  const { withRegistry } = await import('../registry.js');
  await withRegistry(opts, true, async (svc) => {
    const a = await svc.decideAssessment(id, status, opts.note);
    if (opts.json) printJson(io, a);
    else io.out(`impact assessment ${id} ${status} by ${a.approval.by}\n`);
  }, io);
}

export function define(program: Command, io: CliIO): void {
  const cmd = program.command('assessments').description('AI system impact assessments (ISO 42001 6.1.4, 8.4, A.5; EU AI Act Art. 27 FRIA)');
  dataOptions(cmd.command('list').description('list impact assessments'))
    .option('--system <id>', 'only the assessments of this AI system')
    .option('--json', 'print JSON')
    .action((o: Opts) => list(o, io));
  dataOptions(cmd.command('show').description('show one assessment and what its FRIA still lacks').argument('<id>'))
    .option('--json', 'print JSON')
    .action((id: string, o: Opts) => show(id, o, io));
  defineRecordChanges(cmd, io, 'assessment', ASSESSMENT_FLAGS, {
    add: 'record an impact assessment (affected groups, harms, fria: via --file)',
    update: 'change fields of an assessment',
    remove: 'remove an assessment',
  });
  for (const [name, status] of [
    ['approve', 'approved'],
    ['reject', 'rejected'],
  ] as const)
    changeOptions(cmd.command(name).description(`${name} an assessment in your name (a high-risk system's needs every Art. 27 element)`).argument('<id>'))
      .option('--note <text>', 'note kept with the approval')
      .option('--json', 'print JSON')
      .action((id: string, o: Opts) => decide(id, status, o, io));
}
