import type { Command } from 'commander';
import { dataOptions, type CommonOptions } from '../context.js';
import { printJson, type CliIO } from '../io.js';

interface Opts extends CommonOptions {
  proxyLog?: string;
  format?: string;
  candidates?: boolean;
  register?: boolean;
  json?: boolean;
}

/** Reads a proxy log (or stdin for `-`) line by line into a tally. */
export async function discoverProxyLog(opts: Opts, io: CliIO): Promise<void> {
  const { CliError } = await import('../../core/errors.js');
  const { DiscoveryTally } = await import('../../registry/discover.js');
  const { createReadStream, existsSync } = await import('node:fs');
  const { createInterface } = await import('node:readline');
  const { join } = await import('node:path');
  const format = (opts.format ?? 'auto') as 'auto';
  if (!['auto', 'squid', 'common', 'combined'].includes(format)) throw new CliError('--format is squid, common, combined or auto');
  const file = opts.proxyLog!;
  if (file !== '-' && !existsSync(file)) throw new CliError(`no such file: ${file}`);
  const tally = new DiscoveryTally(format);
  const input = file === '-' ? io.stdin : createReadStream(file, { encoding: 'utf8' });
  for await (const line of createInterface({ input, crlfDelay: Infinity })) tally.add(line);
  const report = tally.report();
  if (report.requests === 0 && report.skipped > 0)
    throw new CliError(`${file}: no line is a ${format === 'auto' ? 'squid, common or combined' : format} log line (first problem on line ${report.problems[0].line}: ${report.problems[0].message})`);

  // Mark the services whose supplier is already in the register, when there is one.
  let registered = new Set<string>();
  const { loadContext } = await import('../context.js');
  const { dataDir } = await loadContext(opts);
  if (existsSync(join(dataDir, 'warden.db'))) {
    const { withRegistry } = await import('../registry.js');
    registered = await withRegistry(opts, false, (svc) => new Set(svc.listSuppliers().map((s) => s.id)));
  }
  const services = report.services.map((s) => ({ ...s, inSupplierRegister: registered.has(s.supplier) }));
  const added = opts.register ? await registerPending(opts, file, services.filter((s) => !s.inSupplierRegister)) : [];
  if (opts.json) return printJson(io, { ...report, services, registered: added });

  const { printTable } = await import('../registry.js');
  io.out('Public AI services reached (candidates for the supplier register):\n\n');
  printTable(
    io,
    ['SERVICE', 'SUPPLIER', 'USERS', 'REQUESTS', 'DENIED', 'REGISTER', 'LAST SEEN', 'NAME'],
    services.map((s) => [s.service, s.supplier, String(s.users), String(s.requests), String(s.denied), s.inSupplierRegister ? 'yes' : 'no', s.lastSeen ?? '', s.name]),
    'none',
  );
  if (report.usage.length) {
    io.out('\nWho reaches them:\n\n');
    printTable(
      io,
      ['USER', 'SERVICE', 'REQUESTS', 'DENIED', 'FIRST SEEN', 'LAST SEEN', 'HOSTS'],
      report.usage.map((u) => [u.user + (u.identifiedBy === 'client' ? ' (address)' : ''), u.service, String(u.requests), String(u.denied), u.firstSeen ?? '', u.lastSeen ?? '', u.hosts.join(',')]),
      'none',
    );
  }
  io.out(`\n${report.lines} lines, ${report.requests} requests, ${report.aiRequests} to AI services, ${report.skipped} skipped\n`);
  for (const p of report.problems.slice(0, 5)) io.err(`${file}:${p.line}: ${p.message}\n`);
  if (added.length) io.out(`added to the supplier register as pending: ${added.join(', ')}\n`);
}

/** Adds each supplier not yet in the register as `pending`, due for review today. */
async function registerPending(opts: Opts, file: string, services: Array<{ supplier: string; name: string; users: number; requests: number }>): Promise<string[]> {
  const { withRegistry } = await import('../registry.js');
  const bySupplier = new Map<string, typeof services>();
  for (const s of services) bySupplier.set(s.supplier, [...(bySupplier.get(s.supplier) ?? []), s]);
  if (bySupplier.size === 0) return [];
  const today = new Date().toISOString().slice(0, 10);
  return withRegistry(opts, true, async (svc) => {
    const added: string[] = [];
    for (const [supplier, list] of bySupplier) {
      await svc.createSupplier({
        id: supplier,
        name: list.map((s) => s.name).join(', '),
        services: list.map((s) => s.name),
        status: 'pending',
        nextReviewAt: today,
        notes: `found by warden discover in ${file}: ${list.reduce((n, s) => n + s.users, 0)} users, ${list.reduce((n, s) => n + s.requests, 0)} requests`,
      });
      added.push(supplier);
    }
    return added;
  });
}

/** Keys the gateway saw whose AI system is not in the inventory. */
export async function listCandidates(opts: Opts, io: CliIO): Promise<void> {
  const { withRegistry, printTable } = await import('../registry.js');
  await withRegistry(opts, false, (svc) => {
    const rows = svc.discoveryCandidates();
    if (opts.json) return printJson(io, rows);
    printTable(
      io,
      ['SYSTEM', 'KEY', 'USER', 'REQUESTS', 'FIRST SEEN', 'LAST SEEN', 'NOW REGISTERED'],
      rows.map((c) => [c.systemId, c.keyId, c.user, String(c.count), c.firstSeen, c.lastSeen, c.registered ? 'yes' : 'no']),
      'no unknown AI systems seen by the gateway',
    );
  });
}

export function define(program: Command, io: CliIO): void {
  dataOptions(
    program
      .command('discover')
      .description('shadow AI: who reaches which public AI services (from proxy logs), and unknown AI systems seen by the gateway'),
  )
    .option('--proxy-log <file>', 'web proxy log to read (- for stdin)')
    .option('--format <format>', 'squid (native), common, combined or auto (default auto, per line)')
    .option('--register', 'add the suppliers of services found to the supplier register as pending (due for review today)')
    .option('--candidates', 'list keys the gateway saw whose AI system is not in the inventory')
    .option('--json', 'print JSON')
    .action(async (o: Opts) => {
      if (o.proxyLog) return discoverProxyLog(o, io);
      if (o.candidates) return listCandidates(o, io);
      const { CliError } = await import('../../core/errors.js');
      throw new CliError('give --proxy-log FILE, or --candidates');
    });
}
