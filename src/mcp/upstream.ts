// Warden as an MCP client of the servers it fronts: one connection per configured server, made
// with the official SDK (Streamable HTTP, or stdio to a process Warden starts and supervises).
import type { Logger } from 'pino';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { ErrorCode, McpError, ResultSchema, ToolListChangedNotificationSchema } from '@modelcontextprotocol/sdk/types.js';
import type { McpServerConfig } from '../config/mcp.js';
import { parseByteSize } from '../config/schema.js';
import { WardenError } from '../core/errors.js';

/** An upstream JSON-RPC error, relayed to the client (its message masked like every answer). */
export class UpstreamRpcError extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly data: unknown,
  ) {
    super(message);
  }
}

export interface UpstreamInfo {
  capabilities: Record<string, unknown>;
  instructions?: string;
  serverInfo?: { name: string; version: string };
}

/** Restart delays of a supervised stdio server that keeps failing: 0.5 s doubling up to 30 s. */
const BACKOFF_MIN_MS = 500;
const BACKOFF_MAX_MS = 30_000;

/** One upstream MCP server. Connects on first use; after a loss (a stdio process exited, a cut session) the next call reconnects, with backoff. */
export class Upstream {
  private client: Client | undefined;
  private connecting: Promise<Client> | undefined;
  private info: UpstreamInfo | undefined;
  private failures = 0;
  private nextAttempt = 0;
  readonly maxBytes: number;
  /** Restarts of a stdio server (or reconnections) since Warden started. */
  restarts = 0;

  constructor(
    readonly config: McpServerConfig,
    private readonly log: Logger,
    /** Called when the server says its tool list changed. */
    private readonly onListChanged: (server: string) => void = () => {},
  ) {
    this.maxBytes = parseByteSize(config.max_message_size);
  }

  get transportKind(): 'http' | 'stdio' {
    return this.config.url ? 'http' : 'stdio';
  }

  /** The connected client, connecting (or restarting the process) if needed. */
  private connect(): Promise<Client> {
    if (this.client) return Promise.resolve(this.client);
    if (this.connecting) return this.connecting;
    const wait = this.nextAttempt - Date.now();
    if (wait > 0) return Promise.reject(new WardenError('WARDEN_UPSTREAM_UNAVAILABLE', `MCP server ${this.config.id} is restarting (next attempt in ${Math.ceil(wait / 1000)} s)`));
    this.connecting = this.open().finally(() => (this.connecting = undefined));
    return this.connecting;
  }

  private async open(): Promise<Client> {
    const c = this.config;
    const client = new Client({ name: 'warden', version: '0.1.0' }, { capabilities: {} });
    const transport = c.url
      ? new StreamableHTTPClientTransport(new URL(c.url), { requestInit: { headers: c.headers } })
      : new StdioClientTransport({ command: c.command!, args: c.args, env: c.env, cwd: c.cwd, stderr: 'pipe' });
    if (transport instanceof StdioClientTransport) {
      // The server's own log lines, at debug: they may quote what it was asked.
      transport.stderr?.on('data', (b: Buffer) => this.log.debug({ mcpServer: c.id, stderr: b.toString('utf8').slice(0, 2000) }, 'mcp server stderr'));
    }
    client.setNotificationHandler(ToolListChangedNotificationSchema, () => this.onListChanged(c.id));
    client.onclose = () => {
      if (this.client === client) {
        this.client = undefined;
        this.log.warn({ mcpServer: c.id }, 'mcp upstream connection closed; the next call reconnects');
      }
    };
    try {
      await withTimeout(client.connect(transport, { timeout: c.connect_timeout_ms }), c.connect_timeout_ms, `MCP server ${c.id} did not initialise in time`);
    } catch (err) {
      await client.close().catch(() => {});
      this.failures++;
      this.nextAttempt = Date.now() + Math.min(BACKOFF_MAX_MS, BACKOFF_MIN_MS * 2 ** (this.failures - 1));
      this.log.error({ mcpServer: c.id, err: (err as Error).message }, 'mcp upstream could not be reached');
      throw err instanceof WardenError ? err : new WardenError('WARDEN_UPSTREAM_UNAVAILABLE', `MCP server ${c.id} could not be reached`);
    }
    if (this.info) this.restarts++;
    this.failures = 0;
    this.nextAttempt = 0;
    this.info = {
      capabilities: (client.getServerCapabilities() ?? {}) as Record<string, unknown>,
      instructions: client.getInstructions(),
      serverInfo: client.getServerVersion() as UpstreamInfo['serverInfo'],
    };
    this.client = client;
    return client;
  }

  /** What the server said about itself when Warden connected (connecting if needed). */
  async describe(): Promise<UpstreamInfo> {
    await this.connect();
    return this.info!;
  }

  /** One request to the server; JSON-RPC errors come back as UpstreamRpcError, transport trouble as Warden errors. */
  async request(method: string, params: Record<string, unknown>, signal?: AbortSignal): Promise<Record<string, unknown>> {
    const client = await this.connect();
    try {
      const result = await client.request({ method, params } as never, ResultSchema, { timeout: this.config.timeout_ms, maxTotalTimeout: this.config.timeout_ms, signal });
      return result as Record<string, unknown>;
    } catch (err) {
      if (err instanceof McpError) {
        if (err.code === ErrorCode.RequestTimeout) throw new WardenError('WARDEN_UPSTREAM_TIMEOUT', `MCP server ${this.config.id} did not answer in time`);
        if (err.code === ErrorCode.ConnectionClosed) throw new WardenError('WARDEN_UPSTREAM_UNAVAILABLE', `MCP server ${this.config.id} closed the connection`);
        // The SDK prefixes "MCP error <code>: "; the client gets the server's own message.
        throw new UpstreamRpcError(err.code, err.message.replace(/^MCP error -?\d+: /, ''), err.data);
      }
      if (signal?.aborted) throw new WardenError('WARDEN_UPSTREAM_UNAVAILABLE', 'The client went away');
      this.log.error({ mcpServer: this.config.id, err: (err as Error).message }, 'mcp upstream request failed');
      // A transport that failed is dropped, so the next call reconnects.
      const c = this.client;
      this.client = undefined;
      await c?.close().catch(() => {});
      throw new WardenError('WARDEN_UPSTREAM_UNAVAILABLE', `MCP server ${this.config.id} could not be reached`);
    }
  }

  async close(): Promise<void> {
    const c = this.client;
    this.client = undefined;
    await c?.close().catch(() => {});
  }
}

/** The upstreams of every configured MCP server. */
export class Upstreams {
  readonly byId = new Map<string, Upstream>();

  constructor(servers: readonly McpServerConfig[], log: Logger, onListChanged?: (server: string) => void) {
    for (const s of servers) this.byId.set(s.id, new Upstream(s, log, onListChanged));
  }

  get(id: string): Upstream | undefined {
    return this.byId.get(id);
  }

  async close(): Promise<void> {
    await Promise.all([...this.byId.values()].map((u) => u.close()));
  }
}

function withTimeout<T>(p: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout;
  const t = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new WardenError('WARDEN_UPSTREAM_TIMEOUT', message)), ms);
  });
  return Promise.race([p, t]).finally(() => clearTimeout(timer));
}
