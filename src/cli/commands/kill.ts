import type { Command } from 'commander';
import { CliError } from '../../core/errors.js';
import { printJson, type CliIO } from '../io.js';
import { dataOptions, openForAdmin } from '../admin.js';
import type { CommonOptions } from '../context.js';

const SCOPES = ['system', 'supplier', 'model', 'user', 'all'] as const;
type Scope = (typeof SCOPES)[number];

interface KillOptions extends CommonOptions {
  reason?: string;
  json?: boolean;
}

function target(scope: string, id: string | undefined): { scope: Scope; target: string } {
  if (!SCOPES.includes(scope as Scope)) throw new CliError(`scope must be one of ${SCOPES.join(', ')}`);
  if (scope === 'all') {
    if (id) throw new CliError('`all` takes no id');
    return { scope: 'all', target: '*' };
  }
  if (!id) throw new CliError(`name the ${scope} to act on`);
  return { scope: scope as Scope, target: id };
}

export async function kill(scope: string, id: string | undefined, opts: KillOptions, io: CliIO): Promise<void> {
  const t = target(scope, id);
  if (!opts.reason?.trim()) throw new CliError('--reason is required: say why traffic stops');
  const { store, record, done } = await openForAdmin(opts);
  try {
    const r = store.killSwitches.set(t.scope, t.target, opts.reason.trim(), `cli:${process.env.USER ?? 'unknown'}`);
    if (!r.created) throw new CliError(`${t.scope} ${t.target} is already suspended since ${r.record.setAt}: ${r.record.reason}`);
    await record('kill.set', `${t.scope}:${t.target}`, null, r.record);
    if (opts.json) printJson(io, r.record);
    else io.out(`suspended ${t.scope === 'all' ? 'all traffic' : `${t.scope} ${t.target}`} (${r.record.id}); running gateways stop it within a second\n`);
  } finally {
    await done();
  }
}

export async function resume(scope: string, id: string | undefined, opts: KillOptions, io: CliIO): Promise<void> {
  const t = target(scope, id);
  const { store, record, done } = await openForAdmin(opts);
  try {
    const r = store.killSwitches.resume(t.scope, t.target, `cli:${process.env.USER ?? 'unknown'}`);
    if (!r) throw new CliError(`${t.scope} ${t.target} is not suspended`);
    await record('kill.resume', `${t.scope}:${t.target}`, r.before, r.after, opts.reason ? { reason: opts.reason } : undefined);
    if (opts.json) printJson(io, r.after);
    else io.out(`resumed ${t.scope === 'all' ? 'all traffic' : `${t.scope} ${t.target}`}\n`);
  } finally {
    await done();
  }
}

export async function list(opts: KillOptions & { all?: boolean }, io: CliIO): Promise<void> {
  const { store, done } = await openForAdmin(opts);
  try {
    const rows = opts.all ? store.killSwitches.list() : store.killSwitches.active();
    if (opts.json) printJson(io, rows);
    else if (rows.length === 0) io.out('no active kill switches\n');
    else for (const k of rows) io.out(`${k.id}  ${k.scope.padEnd(8)} ${k.target.padEnd(24)} since ${k.setAt} by ${k.setBy}: ${k.reason}${k.resumedAt ? ` (resumed ${k.resumedAt})` : ''}\n`);
  } finally {
    await done();
  }
}

export function define(program: Command, io: CliIO): void {
  dataOptions(
    program
      .command('kill')
      .description('suspend an AI system, supplier, model, user, or all traffic (ends in-flight streams too)')
      .argument('<scope>', SCOPES.join('|'))
      .argument('[id]', 'the system, supplier, model or user'),
  )
    .requiredOption('--reason <text>', 'why (recorded in the audit log)')
    .option('--json', 'print JSON')
    .action((scope: string, id: string | undefined, opts: KillOptions) => kill(scope, id, opts, io));
  dataOptions(program.command('resume').description('lift a kill switch').argument('<scope>', SCOPES.join('|')).argument('[id]', 'the target'))
    .option('--reason <text>', 'why (recorded)')
    .option('--json', 'print JSON')
    .action((scope: string, id: string | undefined, opts: KillOptions) => resume(scope, id, opts, io));
  dataOptions(program.command('kills').description('list kill switches'))
    .option('--all', 'include resumed ones')
    .option('--json', 'print JSON')
    .action((opts) => list(opts, io));
}
