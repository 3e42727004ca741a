// The configured MCP servers and the tools each AI system may use of them: one module the CLI
// (`warden mcp list|tools`) and the admin API (`/api/mcp/servers…`) both call.
import type { SystemConfig, WardenConfig } from '../config/schema.js';
import { WardenError } from '../core/errors.js';
import { mcpScope } from './scope.js';
import type { Upstreams } from './upstream.js';

export interface McpServerStatus {
  id: string;
  name?: string;
  transport: 'http' | 'stdio';
  /** The URL (http) or the command (stdio); never headers or env, which carry credentials. */
  endpoint: string;
  reachable: boolean;
  error?: string;
  upstream?: { name: string; version: string };
  /** AI systems whose scope names this server. */
  systems: string[];
  approved: boolean;
}

export interface McpToolEntry {
  name: string;
  title?: string;
  description?: string;
  /** AI systems that may call it. */
  systems: string[];
}

/** Pages of tools/list fetched at most, so a misbehaving server cannot keep the catalog looping. */
const MAX_PAGES = 50;

export class McpCatalog {
  constructor(
    private readonly config: Pick<WardenConfig, 'mcp_servers' | 'systems'>,
    private readonly upstreams: Upstreams,
    /** The AI system as the gateway sees it (config with the inventory's entry). */
    private readonly system: (id: string) => SystemConfig | undefined,
  ) {}

  private systemsOn(server: string): string[] {
    return this.config.systems.filter((s) => mcpScope(this.system(s.id) ?? s, server)).map((s) => s.id);
  }

  /** Every configured server, with whether Warden can reach it now (connecting if it was not). */
  async servers(): Promise<McpServerStatus[]> {
    return Promise.all(
      this.config.mcp_servers.map(async (s) => {
        const st: McpServerStatus = {
          id: s.id,
          ...(s.name ? { name: s.name } : {}),
          transport: s.url ? 'http' : 'stdio',
          endpoint: s.url ?? [s.command, ...s.args].join(' '),
          reachable: false,
          systems: this.systemsOn(s.id),
          approved: s.approved,
        };
        try {
          const info = await this.upstreams.get(s.id)!.describe();
          st.reachable = true;
          if (info.serverInfo) st.upstream = { name: String(info.serverInfo.name), version: String(info.serverInfo.version) };
        } catch (err) {
          st.error = (err as Error).message;
        }
        return st;
      }),
    );
  }

  /** The server's tools, each with the systems that may call it; with `system`, only the tools that system may call. */
  async tools(server: string, system?: string): Promise<{ server: string; system?: string; tools: McpToolEntry[] }> {
    const up = this.upstreams.get(server);
    if (!up) throw new WardenError('WARDEN_NOT_FOUND', `No MCP server '${server}'`);
    if (system !== undefined && !this.config.systems.some((s) => s.id === system) && !this.system(system))
      throw new WardenError('WARDEN_NOT_FOUND', `No AI system '${system}'`);
    const systems = system !== undefined ? [system] : this.systemsOn(server);
    const scopes = systems.map((id) => ({ id, scope: mcpScope(this.system(id), server) }));
    const out: McpToolEntry[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      const r = await up.request('tools/list', cursor ? { cursor } : {});
      for (const t of Array.isArray(r.tools) ? (r.tools as Array<Record<string, unknown>>) : []) {
        if (typeof t.name !== 'string') continue;
        const may = scopes.filter((s) => s.scope?.allows('tools', t.name as string)).map((s) => s.id);
        if (system !== undefined && may.length === 0) continue;
        out.push({ name: t.name, ...(typeof t.title === 'string' ? { title: t.title } : {}), ...(typeof t.description === 'string' ? { description: t.description } : {}), systems: may });
      }
      cursor = typeof r.nextCursor === 'string' && r.nextCursor ? r.nextCursor : undefined;
      if (!cursor) break;
    }
    return { server, ...(system !== undefined ? { system } : {}), tools: out };
  }

  async close(): Promise<void> {
    await this.upstreams.close();
  }
}
