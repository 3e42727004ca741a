// `warden soa`: the Statement of Applicability (ISO/IEC 42001 6.1.3), one entry per Annex A control.
import type { Command } from 'commander';
import { CliError } from '../../core/errors.js';
import { printJson, type CliIO } from '../io.js';
import { changeOptions, dataOptions, openForRead, withChanges, type ChangeOptions } from '../admin.js';
import type { CommonOptions } from '../context.js';

interface SetOptions extends ChangeOptions {
  applicable?: string;
  justification?: string;
  implementation?: string;
  evidence?: string[];
  json?: boolean;
}

export async function list(opts: CommonOptions & { json?: boolean }, io: CliIO): Promise<void> {
  const { loadCatalog } = await import('../../compliance/catalog.js');
  const { store, done } = await openForRead(opts);
  try {
    const entries = new Map(store.compliance.soaList().map((e) => [e.control, e]));
    const rows = loadCatalog('iso42001')
      .requirements.filter((r) => r.kind === 'annexA')
      .map((r) => ({ control: r.id, title: r.title, entry: entries.get(r.id) ?? null }));
    if (opts.json) return printJson(io, rows);
    for (const r of rows)
      io.out(
        `${r.control.padEnd(8)} ${r.entry ? (r.entry.applicable ? 'applicable    ' : 'not applicable') : 'undecided     '} ${(r.entry?.implementation ?? '').padEnd(12)} ${r.title}${r.entry ? ` — ${r.entry.justification}` : ''}\n`,
      );
  } finally {
    await done();
  }
}

export async function set(control: string, opts: SetOptions, io: CliIO): Promise<void> {
  const input: Record<string, unknown> = {};
  if (opts.applicable !== undefined) {
    if (!['yes', 'no'].includes(opts.applicable)) throw new CliError('--applicable is yes or no');
    input.applicable = opts.applicable === 'yes';
  }
  if (opts.justification !== undefined) input.justification = opts.justification;
  if (opts.implementation !== undefined) input.implementation = opts.implementation;
  if (opts.evidence) input.evidence = opts.evidence;
  await withChanges(opts, io, async ({ changes }) => {
    const e = await changes.setSoa(control, input);
    if (opts.json) printJson(io, e);
    else io.out(`${control}: ${e.applicable ? 'applicable' : 'not applicable'}, ${e.implementation} (recorded in the audit log)\n`);
  });
}

export function define(program: Command, io: CliIO): void {
  const cmd = program.command('soa').description('Statement of Applicability: applicability, justification, implementation and evidence of each ISO/IEC 42001 Annex A control');
  dataOptions(cmd.command('list').description('every Annex A control and its entry').option('--json', 'print JSON')).action((o) => list(o, io));
  changeOptions(
    cmd
      .command('set <control>')
      .description('set fields of one control (e.g. A.6.2.8); every change is an audit record')
      .option('--applicable <yes|no>', 'whether the control applies')
      .option('--justification <text>', 'why it applies or not')
      .option('--implementation <state>', 'not-started, planned, partial or implemented')
      .option('--evidence <link...>', 'evidence links: requirement ids, attestation ids, documents, URLs')
      .option('--json', 'print the entry as JSON'),
  ).action((control: string, o: SetOptions) => set(control, o, io));
}
