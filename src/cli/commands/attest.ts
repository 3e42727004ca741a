// `warden attest`: a person's attestation that a requirement is met, with the document behind it.
import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { CliError } from '../../core/errors.js';
import { printJson, type CliIO } from '../io.js';
import { changeOptions, dataOptions, openForRead, withChanges, type ChangeOptions } from '../admin.js';
import type { CommonOptions } from '../context.js';

interface AttestOptions extends ChangeOptions {
  framework: string;
  owner: string;
  document: string;
  expires: string;
  note?: string;
  json?: boolean;
}

export async function attest(requirement: string, opts: AttestOptions, io: CliIO): Promise<void> {
  let content: Buffer;
  try {
    content = readFileSync(opts.document);
  } catch (err) {
    throw new CliError(`--document: ${(err as Error).message}`);
  }
  await withChanges(opts, io, async ({ changes }) => {
    const att = await changes.attest(
      { framework: opts.framework, requirement, owner: opts.owner, expiresAt: opts.expires, ...(opts.note ? { note: opts.note } : {}) },
      { name: basename(opts.document), content },
    );
    if (opts.json) printJson(io, att);
    else io.out(`attestation ${att.id}: ${att.framework}:${att.requirement} by ${att.owner}, ${att.document} sha256 ${att.sha256}, until ${att.expiresAt}\n`);
  });
}

export async function list(opts: CommonOptions & { framework?: string; json?: boolean }, io: CliIO): Promise<void> {
  const a = await openForRead(opts);
  try {
    const rows = a.store.compliance.attestations(opts.framework ? { framework: opts.framework as never } : {});
    if (opts.json) return printJson(io, rows);
    if (rows.length === 0) io.out('no attestations\n');
    const now = new Date().toISOString();
    for (const r of rows)
      io.out(`${r.id}  ${r.framework}:${r.requirement}  ${r.owner}  ${r.document}  until ${r.expiresAt}${r.revokedAt ? ` (revoked ${r.revokedAt})` : r.expiresAt < now ? ' (EXPIRED)' : ''}\n`);
  } finally {
    await a.done();
  }
}

export async function revoke(id: string, opts: ChangeOptions, io: CliIO): Promise<void> {
  await withChanges(opts, io, async ({ changes }) => {
    await changes.revokeAttestation(id);
    io.out(`revoked ${id}\n`);
  });
}

export function define(program: Command, io: CliIO): void {
  const cmd = program.command('attest').description('manual attestations for requirements no record can show: a document (kept with its SHA-256), an owner, an expiry');
  changeOptions(
    cmd
      .command('add <requirement>')
      .description('attest a requirement (e.g. 5.2, GOVERN-2.2, art-17)')
      .requiredOption('--framework <id>', 'iso42001, nist-ai-rmf, eu-ai-act, naic, soc2 or hipaa')
      .requiredOption('--owner <who>', 'the person answerable for it')
      .requiredOption('--document <file>', 'the document that shows it (stored in the data folder)')
      .requiredOption('--expires <date>', 'when the attestation lapses')
      .option('--note <text>', 'a short note')
      .option('--json', 'print JSON'),
  ).action((req: string, o: AttestOptions) => attest(req, o, io));
  dataOptions(cmd.command('list').description('attestations').option('--framework <id>', 'only this framework').option('--json', 'print JSON')).action((o) => list(o, io));
  changeOptions(cmd.command('revoke <id>').description('withdraw an attestation')).action((id: string, o: CommonOptions) => revoke(id, o, io));
}
