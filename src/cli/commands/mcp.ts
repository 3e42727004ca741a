import type { Command } from 'commander';
import { CliError, WardenError } from '../../core/errors.js';
import { printJson, type CliIO } from '../io.js';
import { dataOptions, loadContext, type CommonOptions } from '../context.js';

interface McpOptions extends CommonOptions {
  json?: boolean;
  system?: string;
}

/** The catalog over the config's MCP servers, connecting from this process (a stdio server is started for the command). */
async function openCatalog(opts: McpOptions) {
  // Supplier keys are not needed to reach MCP servers; the servers' own ${ENV} references are.
  const { config } = await loadContext(opts, { supplierSecrets: false, mcpSecrets: true });
  if (config.mcp_servers.length === 0) throw new CliError('no mcp_servers in the config');
  const pino = (await import('pino')).default;
  const { Upstreams } = await import('../../mcp/upstream.js');
  const { McpCatalog } = await import('../../mcp/catalog.js');
  const upstreams = new Upstreams(config.mcp_servers, pino({ level: 'silent' }));
  return new McpCatalog(config, upstreams, (id) => config.systems.find((s) => s.id === id));
}

export async function list(opts: McpOptions, io: CliIO): Promise<void> {
  const catalog = await openCatalog(opts);
  try {
    const servers = await catalog.servers();
    if (opts.json) return printJson(io, servers);
    io.out('ID               TRANSPORT  REACHABLE  SYSTEMS              ENDPOINT\n');
    for (const s of servers)
      io.out(`${s.id.padEnd(16)} ${s.transport.padEnd(10)} ${(s.reachable ? 'yes' : 'no').padEnd(10)} ${(s.systems.join(',') || '-').padEnd(20)} ${s.endpoint}${s.error ? `\n  ${s.error}` : ''}\n`);
  } finally {
    await catalog.close();
  }
}

export async function tools(server: string, opts: McpOptions, io: CliIO): Promise<void> {
  const catalog = await openCatalog(opts);
  try {
    const r = await catalog.tools(server, opts.system);
    if (opts.json) return printJson(io, r);
    if (r.tools.length === 0) io.out(opts.system ? `AI system ${opts.system} may use no tool of ${server}\n` : `${server} has no tools\n`);
    for (const t of r.tools) io.out(`${t.name.padEnd(24)} ${opts.system ? '' : `${(t.systems.join(',') || '(no system)').padEnd(24)} `}${(t.description ?? '').split('\n')[0].slice(0, 80)}\n`);
  } catch (err) {
    if (err instanceof WardenError) throw new CliError(err.message);
    throw err;
  } finally {
    await catalog.close();
  }
}

export function define(program: Command, io: CliIO): void {
  const mcp = program.command('mcp').description('MCP servers Warden fronts at /mcp/{server} (docs/MCP.md)');
  dataOptions(mcp.command('list').description('configured MCP servers, whether they answer now, and the AI systems that may use each'))
    .option('--json', 'print JSON')
    .action((opts: McpOptions) => list(opts, io));
  dataOptions(mcp.command('tools').description("a server's tools and the AI systems that may call each").argument('<server>', 'MCP server id'))
    .option('--system <id>', 'only the tools this AI system may call')
    .option('--json', 'print JSON')
    .action((server: string, opts: McpOptions) => tools(server, opts, io));
}
