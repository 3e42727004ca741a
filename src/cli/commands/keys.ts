import type { Command } from 'commander';
import { CliError } from '../../core/errors.js';
import { printJson, type CliIO } from '../io.js';
import { dataOptions, loadContext, type CommonOptions } from '../context.js';
import { changeOptions, withChanges, type ChangeOptions } from '../admin.js';

interface CreateOptions extends ChangeOptions {
  user: string;
  groups?: string;
  system: string;
  json?: boolean;
}

export async function create(opts: CreateOptions, io: CliIO): Promise<void> {
  const groups = (opts.groups ?? '').split(',').map((g) => g.trim()).filter(Boolean);
  await withChanges(opts, io, async ({ config, configFile, changes }) => {
    const { DEMO_SYSTEM } = await import('../../server/demo.js');
    if (configFile && opts.system !== DEMO_SYSTEM && !config.systems.some((s) => s.id === opts.system))
      throw new CliError(`AI system '${opts.system}' is not in ${configFile}; known: ${config.systems.map((s) => s.id).join(', ') || 'none'}`);
    const { key, record } = await changes.createKey({ user: opts.user, groups, system: opts.system });
    if (opts.json) printJson(io, { key, ...record });
    else io.out(`${key}\n\nKey ${record.id} for user ${record.user} (AI system ${record.system}). It is shown only once: store it now.\n`);
  });
}

export async function list(opts: CommonOptions & { json?: boolean; all?: boolean }, io: CliIO): Promise<void> {
  const { dataDir } = await loadContext(opts, { supplierSecrets: false });
  const { openSqliteStore } = await import('../../store/sqlite.js');
  const store = openSqliteStore(dataDir);
  try {
    const keys = store.keys.list().filter((k) => opts.all || !k.revokedAt);
    if (opts.json) printJson(io, keys);
    else if (keys.length === 0) io.out('no keys\n');
    else {
      io.out('ID                USER                 SYSTEM               GROUPS          CREATED                   REVOKED\n');
      for (const k of keys)
        io.out(
          `${k.id.padEnd(17)} ${k.user.padEnd(20)} ${k.system.padEnd(20)} ${k.groups.join(',').padEnd(15)} ${k.createdAt.padEnd(25)} ${k.revokedAt ?? ''}\n`,
        );
    }
  } finally {
    store.close();
  }
}

export async function revoke(id: string, opts: ChangeOptions & { json?: boolean; reason?: string }, io: CliIO): Promise<void> {
  await withChanges(opts, io, async ({ changes }) => {
    const after = await changes.revokeKey(id, opts.reason?.trim());
    if (opts.json) printJson(io, after);
    else io.out(`revoked ${id}; running gateways refuse it within a second\n`);
  });
}

export function define(program: Command, io: CliIO): void {
  const keys = program.command('keys').description('manage Warden keys (each bound to a user, groups and one AI system)');
  changeOptions(keys.command('create').description('create a key; it is printed once'))
    .requiredOption('--user <user>', 'the person or service the key belongs to')
    .requiredOption('--system <system>', 'the AI system the key is bound to')
    .option('--groups <a,b>', 'comma-separated groups')
    .option('--json', 'print a JSON object with a `key` field')
    .action((opts: CreateOptions) => create(opts, io));
  dataOptions(keys.command('list').description('list keys (never the secrets)'))
    .option('--all', 'include revoked keys')
    .option('--json', 'print JSON')
    .action((opts) => list(opts, io));
  changeOptions(keys.command('revoke').description('revoke a key by id').argument('<id>', 'key id (k_…)'))
    .option('--reason <text>', 'why (recorded in the audit log)')
    .option('--json', 'print JSON')
    .action((id: string, opts) => revoke(id, opts, io));
}
