import type { Command } from 'commander';
import { CliError } from '../../core/errors.js';
import { printJson, type CliIO } from '../io.js';
import { changeOptions, dataOptions, openForRead, withChanges, type ChangeOptions } from '../admin.js';
import type { CommonOptions } from '../context.js';

interface CreateOptions extends ChangeOptions {
  user: string;
  role: string;
  name?: string;
  expiresDays?: string;
  json?: boolean;
}

export async function create(opts: CreateOptions, io: CliIO): Promise<void> {
  const days = opts.expiresDays === undefined ? undefined : Number(opts.expiresDays);
  if (days !== undefined && !(Number.isInteger(days) && days > 0 && days <= 3650)) throw new CliError('--expires-days is a whole number of days from 1 to 3650');
  await withChanges(opts, io, async ({ changes }) => {
    const { token, record: rec } = await changes.createToken({ user: opts.user, role: opts.role, name: opts.name, expiresInDays: days });
    if (opts.json) printJson(io, { token, ...rec });
    else io.out(`${token}\n\nAPI token ${rec.id} for ${rec.user} as ${rec.role}${rec.expiresAt ? `, valid until ${rec.expiresAt}` : ''}. It is shown only once: store it now.\nUse it as: Authorization: Bearer <token>\n`);
  });
}

export async function list(opts: CommonOptions & { json?: boolean; all?: boolean }, io: CliIO): Promise<void> {
  const { store, done } = await openForRead(opts);
  try {
    const now = new Date().toISOString();
    const rows = store.accounts.listTokens().filter((t) => opts.all || (!t.revokedAt && (!t.expiresAt || t.expiresAt > now)));
    if (opts.json) printJson(io, rows);
    else if (rows.length === 0) io.out('no tokens\n');
    else {
      io.out('ID               KIND     USER                     ROLE           NAME             EXPIRES                   REVOKED\n');
      for (const t of rows)
        io.out(`${t.id.padEnd(16)} ${t.kind.padEnd(8)} ${t.user.padEnd(24)} ${t.role.padEnd(14)} ${(t.name ?? '').padEnd(16)} ${(t.expiresAt ?? 'never').padEnd(25)} ${t.revokedAt ?? ''}\n`);
    }
  } finally {
    await done();
  }
}

export async function revoke(id: string, opts: ChangeOptions & { json?: boolean; reason?: string }, io: CliIO): Promise<void> {
  await withChanges(opts, io, async ({ changes }) => {
    const after = await changes.revokeToken(id, opts.reason?.trim());
    if (opts.json) printJson(io, after);
    else io.out(`revoked ${id}; it stops working on its next request\n`);
  });
}

export function define(program: Command, io: CliIO): void {
  const tokens = program.command('tokens').description('API tokens of the admin API (kept only as SHA-256 hashes)');
  changeOptions(tokens.command('create').description('create an API token; it is printed once'))
    .requiredOption('--user <name>', 'the person or service it acts as (an account of that name, if any, must be enabled)')
    .requiredOption('--role <role>', 'admin, policy-author, reviewer, auditor or viewer')
    .option('--name <text>', 'what it is for')
    .option('--expires-days <n>', 'expire after this many days (default: never)')
    .option('--json', 'print a JSON object with a `token` field')
    .action((opts: CreateOptions) => create(opts, io));
  dataOptions(tokens.command('list').description('list tokens (never the secrets)'))
    .option('--all', 'include revoked and expired tokens')
    .option('--json', 'print JSON')
    .action((opts) => list(opts, io));
  changeOptions(tokens.command('revoke').description('revoke an API or session token by id').argument('<id>', 'token id (t_… or s_…)'))
    .option('--reason <text>', 'why (recorded in the audit log)')
    .option('--json', 'print JSON')
    .action((id: string, opts) => revoke(id, opts, io));
}
