import type { Command } from 'commander';
import { changeOptions, dataOptions, type CommonOptions } from '../context.js';
import { printJson, type CliIO } from '../io.js';
import type { DecisionRef } from '../../oversight/incidents.js';
import type { Incident } from '../../registry/types.js';

interface Opts extends CommonOptions {
  json?: boolean;
  status?: string;
  system?: string;
  decision?: string;
  overdue?: boolean;
  at?: string;
  title?: string;
  description?: string;
  severity?: string;
  awareAt?: string;
  serious?: string;
  authority?: string;
  reference?: string;
  format?: string;
  out?: string;
}

const list = (v?: string) => (v ? v.split(',').map((x) => x.trim()).filter(Boolean) : undefined);

/** `--serious death,critical-infrastructure` → serious block; `none` → not serious. */
function seriousOf(v: string | undefined): { kinds: string[] } | null | undefined {
  if (v === undefined) return undefined;
  return v === 'none' ? null : { kinds: list(v) ?? [] };
}

async function timeAt(at?: string): Promise<Date> {
  const { CliError } = await import('../../core/errors.js');
  const d = at ? new Date(at) : new Date();
  if (Number.isNaN(d.getTime())) throw new CliError(`not a time: ${at}`);
  return d;
}

/** The decision in the audit log, so the incident can link its system and user. */
async function findDecision(dataDir: string, id: string): Promise<DecisionRef> {
  const { CliError } = await import('../../core/errors.js');
  const { openStore } = await import('../../audit/read.js');
  const { findRecords } = await import('../../audit/query.js');
  let store;
  try {
    store = openStore(dataDir);
  } catch (err) {
    throw new CliError(`cannot look up decision ${id}: ${(err as Error).message}`);
  }
  try {
    for (const { record } of findRecords(store, { id })) {
      // A decision past its retention has no record left: link the id alone.
      if (!record) return { id };
      if (record.kind === 'decision' || record.kind === 'completion')
        return { id, system: record.system, user: record.principal?.user ?? null, time: record.time, action: record.action, rules: record.rules.map((r) => r.id) };
    }
    throw new CliError(`no decision ${id} in the audit log of ${dataDir}`);
  } finally {
    store.close();
  }
}

function art73Line(s: { deadline: string; days: number; overdue: boolean; late: boolean; reportedAt: string | null } | null): string {
  if (!s) return '';
  if (s.reportedAt) return `reported ${s.reportedAt}${s.late ? ' (late)' : ''}`;
  return `due ${s.deadline}${s.overdue ? ' OVERDUE' : ''}`;
}

export async function listCmd(opts: Opts, io: CliIO): Promise<void> {
  const { withRegistry, printTable } = await import('../registry.js');
  const { art73Status } = await import('../../registry/art73.js');
  const { INCIDENT_STATUSES } = await import('../../registry/schemas.js');
  const { CliError } = await import('../../core/errors.js');
  if (opts.status && !(INCIDENT_STATUSES as readonly string[]).includes(opts.status)) throw new CliError(`--status is one of ${INCIDENT_STATUSES.join(', ')}`);
  const now = await timeAt(opts.at);
  await withRegistry(opts, false, (svc) => {
    let rows = svc
      .listIncidents({ status: opts.status as Incident['status'] | undefined, systemId: opts.system, decisionId: opts.decision })
      .map((i) => ({ ...i, art73: art73Status(i, now, svc.art73Days) }));
    if (opts.overdue) rows = rows.filter((i) => i.art73?.overdue);
    if (opts.json) printJson(io, rows);
    else
      printTable(
        io,
        ['ID', 'SEVERITY', 'STATUS', 'OPENED', 'ART. 73', 'SYSTEMS', 'TITLE'],
        rows.map((i) => [i.id, i.severity, i.status, i.openedAt, art73Line(i.art73), i.systems.join(','), i.title]),
        'no incidents',
      );
  });
}

export async function show(id: string, opts: Opts, io: CliIO): Promise<void> {
  const { withRegistry } = await import('../registry.js');
  const { CliError } = await import('../../core/errors.js');
  const now = await timeAt(opts.at);
  await withRegistry(opts, false, (svc) => {
    if (!svc.getIncident(id)) throw new CliError(`no incident ${id}`);
    io.out(svc.incidentReport(id, opts.json ? 'json' : 'markdown', now));
  });
}

export async function open(opts: Opts, io: CliIO): Promise<void> {
  const { withRegistry } = await import('../registry.js');
  await withRegistry(opts, true, async (svc, dataDir) => {
    const decision = opts.decision ? await findDecision(dataDir, opts.decision) : undefined;
    const input = {
      title: opts.title,
      severity: opts.severity,
      ...(opts.description !== undefined ? { description: opts.description } : {}),
      ...(opts.system ? { systems: list(opts.system) } : {}),
      ...(opts.awareAt ? { awareAt: opts.awareAt } : {}),
      ...(opts.serious !== undefined ? { serious: seriousOf(opts.serious) } : {}),
    };
    const i = await svc.openIncident(input, decision);
    if (opts.json) printJson(io, i);
    else io.out(`opened incident ${i.id}${decision ? ` from decision ${decision.id}` : ''}\n`);
  }, io);
}

export async function update(id: string, opts: Opts, io: CliIO): Promise<void> {
  const { withRegistry } = await import('../registry.js');
  const patch = {
    ...(opts.title !== undefined ? { title: opts.title } : {}),
    ...(opts.description !== undefined ? { description: opts.description } : {}),
    ...(opts.severity !== undefined ? { severity: opts.severity } : {}),
    ...(opts.status !== undefined ? { status: opts.status } : {}),
    ...(opts.awareAt !== undefined ? { awareAt: opts.awareAt } : {}),
    ...(opts.serious !== undefined ? { serious: seriousOf(opts.serious) } : {}),
  };
  await withRegistry(opts, true, async (svc) => {
    const i = await svc.updateIncident(id, patch);
    if (opts.json) printJson(io, i);
    else io.out(`updated incident ${i.id} (${i.status}, ${i.severity})\n`);
  }, io);
}

export async function note(id: string, text: string, opts: Opts, io: CliIO): Promise<void> {
  const { withRegistry } = await import('../registry.js');
  await withRegistry(opts, true, async (svc) => {
    const i = await svc.noteIncident(id, text);
    if (opts.json) printJson(io, i);
    else io.out(`noted on incident ${id}\n`);
  }, io);
}

export async function link(id: string, opts: Opts, io: CliIO): Promise<void> {
  const { withRegistry } = await import('../registry.js');
  const { CliError } = await import('../../core/errors.js');
  if (!opts.decision && !opts.system) throw new CliError('give --decision and/or --system');
  await withRegistry(opts, true, async (svc) => {
    const i = await svc.linkIncident(id, { decisions: list(opts.decision), systems: list(opts.system) });
    if (opts.json) printJson(io, i);
    else io.out(`incident ${id}: decisions ${i.decisions.join(', ') || '-'}; systems ${i.systems.join(', ') || '-'}\n`);
  }, io);
}

export async function report(id: string, opts: Opts, io: CliIO): Promise<void> {
  const { withRegistry } = await import('../registry.js');
  await withRegistry(opts, true, async (svc) => {
    const i = await svc.reportIncident(id, { at: opts.at, authority: opts.authority, reference: opts.reference });
    if (opts.json) printJson(io, i);
    else io.out(`incident ${id}: Art. 73 report recorded at ${i.serious?.reportedAt}\n`);
  }, io);
}

export async function exportReport(id: string, opts: Opts, io: CliIO): Promise<void> {
  const { withRegistry, writeOut } = await import('../registry.js');
  const { CliError } = await import('../../core/errors.js');
  const format = opts.json ? 'json' : (opts.format ?? (opts.out?.endsWith('.json') ? 'json' : 'markdown'));
  if (format !== 'json' && format !== 'markdown') throw new CliError('--format is markdown or json');
  const now = await timeAt(opts.at);
  await withRegistry(opts, false, (svc) => writeOut(io, svc.incidentReport(id, format, now), opts.out));
}

export function define(program: Command, io: CliIO): void {
  const cmd = program.command('incidents').description('AI incidents (ISO 42001 A.8.4), with the EU AI Act Art. 73 reporting deadline of serious ones');
  const kinds = 'death, serious-harm-to-health, critical-infrastructure, fundamental-rights, property-or-environment, widespread-infringement';
  dataOptions(cmd.command('list').description('list incidents and their Art. 73 deadlines'))
    .option('--status <status>', 'open, investigating, mitigated or closed')
    .option('--system <id>', 'only incidents of this AI system')
    .option('--decision <id>', 'only incidents linked to this decision')
    .option('--overdue', 'only serious incidents whose report is overdue')
    .option('--at <time>', 'judge deadlines at this time (default now)')
    .option('--json', 'print JSON')
    .action((o: Opts) => listCmd(o, io));
  dataOptions(cmd.command('show').description('show an incident (its report as Markdown, or JSON)').argument('<id>'))
    .option('--at <time>', 'judge the deadline at this time (default now)')
    .option('--json', 'print JSON')
    .action((id: string, o: Opts) => show(id, o, io));
  changeOptions(cmd.command('open').description('open an incident by hand or from a gateway decision'))
    .requiredOption('--title <title>', 'what happened, in a line')
    .requiredOption('--severity <s>', 'low, medium, high or critical')
    .option('--description <text>', 'description')
    .option('--decision <id>', 'the decision it starts from (links the decision and its AI system)')
    .option('--system <a,b>', 'AI systems involved')
    .option('--aware-at <time>', 'when the organisation became aware (default now); the Art. 73 clock starts here')
    .option('--serious <kinds>', `a serious incident (Art. 3(49)): ${kinds}`)
    .option('--json', 'print JSON')
    .action((o: Opts) => open(o, io));
  changeOptions(cmd.command('update').description('change status, severity, awareness or seriousness (each goes on the timeline)').argument('<id>'))
    .option('--title <title>', 'title')
    .option('--description <text>', 'description')
    .option('--severity <s>', 'low, medium, high or critical')
    .option('--status <status>', 'open, investigating, mitigated or closed')
    .option('--aware-at <time>', 'when the organisation became aware')
    .option('--serious <kinds|none>', `serious-incident categories, or none: ${kinds}`)
    .option('--json', 'print JSON')
    .action((id: string, o: Opts) => update(id, o, io));
  changeOptions(cmd.command('note').description('add a note to the timeline').argument('<id>').argument('<text>'))
    .option('--json', 'print JSON')
    .action((id: string, text: string, o: Opts) => note(id, text, o, io));
  changeOptions(cmd.command('link').description('link decisions or AI systems').argument('<id>'))
    .option('--decision <a,b>', 'decision ids')
    .option('--system <a,b>', 'AI system ids')
    .option('--json', 'print JSON')
    .action((id: string, o: Opts) => link(id, o, io));
  changeOptions(cmd.command('report').description('record that the Art. 73 report reached the market surveillance authority').argument('<id>'))
    .option('--at <time>', 'when it was made (default now)')
    .option('--authority <name>', 'the authority')
    .option('--reference <ref>', 'the reference it was given')
    .option('--json', 'print JSON')
    .action((id: string, o: Opts) => report(id, o, io));
  changeOptions(cmd.command('close').description('close an incident').argument('<id>'))
    .option('--json', 'print JSON')
    .action((id: string, o: Opts) => update(id, { ...o, status: 'closed' }, io));
  dataOptions(cmd.command('export').description('export the incident report as Markdown or JSON').argument('<id>'))
    .option('--format <format>', 'markdown or json (default: from --out, else markdown)')
    .option('--out <file>', 'write to a file')
    .option('--at <time>', 'judge the deadline at this time (default now)')
    .option('--json', 'same as --format json')
    .action((id: string, o: Opts) => exportReport(id, o, io));
}
