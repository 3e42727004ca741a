import type { Command } from 'commander';
import { CliError } from '../../core/errors.js';
import { printJson, type CliIO } from '../io.js';
import { changeOptions, dataOptions, openForRead, withChanges, type ChangeOptions } from '../admin.js';
import type { CommonOptions } from '../context.js';
import type { ReviewRecord } from '../../store/types.js';

interface Opts extends ChangeOptions {
  json?: boolean;
  status?: string;
  reason?: string;
  sla?: string;
}

/** Waiting time and whether it is past the SLA. */
function waiting(r: ReviewRecord, slaMinutes: number, now = Date.now()): { minutes: number; overSla: boolean } {
  const end = r.decidedAt ? Date.parse(r.decidedAt) : now;
  const minutes = Math.round((end - Date.parse(r.createdAt)) / 60_000);
  return { minutes, overSla: minutes > slaMinutes };
}

export async function list(opts: Opts, io: CliIO): Promise<void> {
  const { store, config, done } = await openForRead(opts);
  const sla = Number(opts.sla ?? config.oversight.review_sla_minutes);
  try {
    const status = opts.status as ReviewRecord['status'] | undefined;
    if (status && !['pending', 'approved', 'denied', 'expired'].includes(status)) throw new CliError('--status is pending, approved, denied or expired');
    const rows = store.reviews.list(status ? { status } : {});
    if (opts.json) printJson(io, rows.map((r) => ({ ...r, waiting: waiting(r, sla) })));
    else if (rows.length === 0) io.out('no reviews\n');
    else
      for (const r of rows) {
        const w = waiting(r, sla);
        io.out(`${r.id}  ${r.status.padEnd(8)} ${r.user} → ${r.system}/${r.supplier}/${r.model}  rules ${r.rules.join(',')}  waited ${w.minutes} min${w.overSla ? ' (over SLA)' : ''}\n`);
      }
  } finally {
    await done();
  }
}

export async function show(id: string, opts: Opts, io: CliIO): Promise<void> {
  const { store, done } = await openForRead(opts);
  try {
    const r = store.reviews.get(id);
    if (!r) throw new CliError(`no review ${id}`);
    if (opts.json) printJson(io, r);
    else
      io.out(
        `review ${r.id} (${r.status})\n  decision  ${r.decisionId}\n  user      ${r.user}\n  system    ${r.system}\n  supplier  ${r.supplier} / ${r.model}\n  rules     ${r.rules.join(', ')}\n  findings  ${r.findings.map((f) => `${f.type}×${f.count}`).join(', ') || 'none'}\n  opened    ${r.createdAt} (expires ${r.expiresAt})\n  excerpt   ${r.excerpt}\n${r.decidedAt ? `  decided   ${r.decidedAt} by ${r.decidedBy}: ${r.reason}\n` : ''}`,
      );
  } finally {
    await done();
  }
}

export async function decide(id: string, status: 'approved' | 'denied', opts: Opts, io: CliIO): Promise<void> {
  await withChanges(opts, io, async ({ changes }) => {
    const after = await changes.decideReview(id, status, { reason: opts.reason ?? '' });
    if (opts.json) printJson(io, after);
    else io.out(`${status} ${id}${status === 'approved' ? `; the same request may go through once until ${after.validUntil}` : ''}\n`);
  });
}

export function define(program: Command, io: CliIO): void {
  const reviews = program.command('reviews').description('the review queue of held requests');
  dataOptions(reviews.command('list').description('list reviews'))
    .option('--status <s>', 'pending, approved, denied or expired')
    .option('--sla <minutes>', 'waiting-time SLA to flag (default: config oversight.review_sla_minutes, 60)')
    .option('--json', 'print JSON')
    .action((opts: Opts) => list(opts, io));
  dataOptions(reviews.command('show').description('one review').argument('<id>'))
    .option('--json', 'print JSON')
    .action((id: string, opts: Opts) => show(id, opts, io));
  changeOptions(reviews.command('approve').description('approve a held request').argument('<id>'))
    .requiredOption('--reason <text>', 'why (recorded)')
    .option('--json', 'print JSON')
    .action((id: string, opts: Opts) => decide(id, 'approved', opts, io));
  changeOptions(reviews.command('deny').description('deny a held request').argument('<id>'))
    .requiredOption('--reason <text>', 'why (recorded)')
    .option('--json', 'print JSON')
    .action((id: string, opts: Opts) => decide(id, 'denied', opts, io));
}
