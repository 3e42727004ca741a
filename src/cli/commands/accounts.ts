import type { Command } from 'commander';
import { CliError } from '../../core/errors.js';
import { printJson, type CliIO } from '../io.js';
import { changeOptions, dataOptions, openForRead, withChanges, type ChangeOptions } from '../admin.js';
import type { CommonOptions } from '../context.js';

const ROLE_LIST = 'admin, policy-author, reviewer, auditor, viewer';

interface PasswordOptions extends ChangeOptions {
  passwordStdin?: boolean;
  password?: boolean;
  json?: boolean;
}

/** Reads a line from a stream (the password on stdin), without echoing anything. */
async function readLine(stream: NodeJS.ReadableStream): Promise<string> {
  let text = '';
  for await (const chunk of stream) {
    text += chunk.toString();
    if (text.includes('\n')) break;
  }
  return text.split(/\r?\n/)[0];
}

/** Asks for a password on the terminal with echo off. */
async function promptHidden(prompt: string, io: CliIO): Promise<string> {
  const stdin = process.stdin;
  io.err(prompt);
  stdin.setRawMode(true);
  stdin.resume();
  stdin.setEncoding('utf8');
  return new Promise((resolve, reject) => {
    let value = '';
    const onData = (ch: string) => {
      for (const c of ch) {
        if (c === '\r' || c === '\n') {
          done();
          io.err('\n');
          resolve(value);
          return;
        }
        if (c === '\u0003') {
          done();
          reject(new CliError('cancelled'));
          return;
        }
        if (c === '\u007f' || c === '\b') value = value.slice(0, -1);
        else value += c;
      }
    };
    const done = () => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
    };
    stdin.on('data', onData);
  });
}

/** The new password: from stdin with --password-stdin, else asked twice on a terminal. */
async function newPassword(opts: PasswordOptions, io: CliIO): Promise<string> {
  const { passwordProblems } = await import('../../server/admin/passwords.js');
  let pw: string;
  if (opts.passwordStdin) pw = await readLine(io.stdin);
  else if (process.stdin.isTTY && io.stdin === process.stdin) {
    pw = await promptHidden('password: ', io);
    if ((await promptHidden('again: ', io)) !== pw) throw new CliError('the passwords differ');
  } else throw new CliError('no terminal to ask for a password: pass --password-stdin (or --no-password for a token-only account)');
  const problems = passwordProblems(pw);
  if (problems.length) throw new CliError(`the password needs ${problems.join(' and ')}`);
  return pw;
}

export async function create(opts: PasswordOptions & { user: string; role: string }, io: CliIO): Promise<void> {
  const { isRole } = await import('../../server/admin/roles.js');
  // Checked before the password is asked for; the service checks everything again.
  if (!isRole(opts.role)) throw new CliError(`--role must be one of ${ROLE_LIST}`);
  const password = opts.password === false ? undefined : await newPassword(opts, io);
  await withChanges(opts, io, async ({ changes }) => {
    const rec = await changes.createAccount({ user: opts.user, role: opts.role, ...(password ? { password } : {}) });
    if (opts.json) printJson(io, rec);
    else io.out(`created ${rec.role} account ${rec.user}${password ? '; sign in with POST /api/auth/login' : ' (no password: use `warden tokens create`)'}\n`);
  });
}

export async function list(opts: CommonOptions & { json?: boolean }, io: CliIO): Promise<void> {
  const { store, done } = await openForRead(opts);
  try {
    const rows = store.accounts.list();
    if (opts.json) printJson(io, rows);
    else if (rows.length === 0) io.out('no accounts\n');
    else {
      io.out('USER                           ROLE           STATE     PASSWORD SET\n');
      for (const a of rows) io.out(`${a.user.padEnd(30)} ${a.role.padEnd(14)} ${(a.disabled ? 'disabled' : 'active').padEnd(9)} ${a.passwordSetAt ?? '-'}\n`);
    }
  } finally {
    await done();
  }
}

async function change(user: string, opts: PasswordOptions, io: CliIO, what: { disabled?: boolean; role?: string; password?: boolean }): Promise<void> {
  const { isRole } = await import('../../server/admin/roles.js');
  if (what.role !== undefined && !isRole(what.role)) throw new CliError(`--role must be one of ${ROLE_LIST}`);
  const password = what.password ? await newPassword(opts, io) : undefined;
  const fields = Object.entries(what).filter(([, v]) => v !== undefined).map(([k]) => k);
  const change = Object.fromEntries(Object.entries({ disabled: what.disabled, role: what.role, password }).filter(([, v]) => v !== undefined));
  await withChanges(opts, io, async ({ changes }) => {
    const after = await changes.updateAccount(user, change);
    if (opts.json) printJson(io, after);
    else io.out(`${user}: ${fields.map((f) => (f === 'disabled' ? (what.disabled ? 'disabled (its sessions ended; its API tokens stop working)' : 'enabled') : f === 'role' ? `role ${what.role}` : 'password set')).join(', ')}\n`);
  });
}

export function define(program: Command, io: CliIO): void {
  const accounts = program.command('accounts').description(`local accounts of the admin API (roles: ${ROLE_LIST})`);
  changeOptions(accounts.command('create').description('create an account; asks for the password on a terminal'))
    .requiredOption('--user <name>', 'user name')
    .requiredOption('--role <role>', ROLE_LIST)
    .option('--password-stdin', 'read the password from the first line of stdin')
    .option('--no-password', 'no password: the account uses API tokens only')
    .option('--json', 'print JSON')
    .action((opts) => create(opts, io));
  dataOptions(accounts.command('list').description('list accounts (never password hashes)'))
    .option('--json', 'print JSON')
    .action((opts) => list(opts, io));
  changeOptions(accounts.command('disable').description('disable an account: its sessions end, its tokens stop working').argument('<user>'))
    .option('--json', 'print JSON')
    .action((user: string, opts) => change(user, opts, io, { disabled: true }));
  changeOptions(accounts.command('enable').description('enable a disabled account (also lifts a lockout)').argument('<user>'))
    .option('--json', 'print JSON')
    .action((user: string, opts) => change(user, opts, io, { disabled: false }));
  changeOptions(accounts.command('role').description("change an account's role").argument('<user>').argument('<role>', ROLE_LIST))
    .option('--json', 'print JSON')
    .action((user: string, role: string, opts) => change(user, opts, io, { role }));
  changeOptions(accounts.command('password').description('set a new password (ends its sessions, lifts a lockout)').argument('<user>'))
    .option('--password-stdin', 'read the password from the first line of stdin')
    .option('--json', 'print JSON')
    .action((user: string, opts) => change(user, opts, io, { password: true }));
}
