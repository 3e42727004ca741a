import type { Command } from 'commander';
import { printJson, type CliIO } from '../io.js';
import { KILL_SCOPES } from '../../store/types.js';
import { changeOptions, dataOptions, openForRead, withChanges, type ChangeOptions } from '../admin.js';

interface KillOptions extends ChangeOptions {
  reason?: string;
  json?: boolean;
}

/** The target as the change service takes it (it checks scope and id). */
const targetOf = (scope: string, id: string | undefined) => ({ scope, ...(id !== undefined ? { target: id } : {}) });
const named = (k: { scope: string; target: string }) => (k.scope === 'all' ? 'all traffic' : `${k.scope} ${k.target}`);

export async function kill(scope: string, id: string | undefined, opts: KillOptions, io: CliIO): Promise<void> {
  await withChanges(opts, io, async ({ changes }) => {
    const k = await changes.setKill({ ...targetOf(scope, id), reason: opts.reason ?? '' });
    if (opts.json) printJson(io, k);
    else io.out(`suspended ${named(k)} (${k.id}); running gateways stop it within a second\n`);
  });
}

export async function resume(scope: string, id: string | undefined, opts: KillOptions, io: CliIO): Promise<void> {
  await withChanges(opts, io, async ({ changes }) => {
    const k = await changes.resumeKill({ ...targetOf(scope, id), ...(opts.reason ? { reason: opts.reason } : {}) });
    if (opts.json) printJson(io, k);
    else io.out(`resumed ${named(k)}\n`);
  });
}

export async function list(opts: KillOptions & { all?: boolean }, io: CliIO): Promise<void> {
  const { store, done } = await openForRead(opts);
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
  changeOptions(
    program
      .command('kill')
      .description('suspend an AI system, supplier, model, user, MCP server or MCP tool, or all traffic (ends in-flight streams too)')
      .argument('<scope>', KILL_SCOPES.join('|'))
      .argument('[id]', 'the system, supplier, model, user, MCP server, or MCP tool as <server>/<tool>'),
  )
    .requiredOption('--reason <text>', 'why (recorded in the audit log)')
    .option('--json', 'print JSON')
    .action((scope: string, id: string | undefined, opts: KillOptions) => kill(scope, id, opts, io));
  changeOptions(program.command('resume').description('lift a kill switch').argument('<scope>', KILL_SCOPES.join('|')).argument('[id]', 'the target'))
    .option('--reason <text>', 'why (recorded)')
    .option('--json', 'print JSON')
    .action((scope: string, id: string | undefined, opts: KillOptions) => resume(scope, id, opts, io));
  dataOptions(program.command('kills').description('list kill switches'))
    .option('--all', 'include resumed ones')
    .option('--json', 'print JSON')
    .action((opts) => list(opts, io));
}
