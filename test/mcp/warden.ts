// A real Warden fronting the test MCP servers: `files` (Streamable HTTP, in process) and `local`
// (stdio, a process Warden starts), with a policy of MCP rules.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
import { parseConfig } from '../../src/config/load.js';
import { startWarden, type RunningWarden } from '../../src/server/runtime.js';
import { startHttpUpstream, type HttpUpstream } from './upstream.js';

export const CARD = '4111 1111 1111 1111';

export const MCP_POLICY = `
rules:
  - id: mcp-card-redact
    direction: request
    match: { findings: [CREDIT_CARD] }
    when: "mcp.tool == 'echo' || mcp.tool == 'free_form'"
    action: redact
    redact: { method: mask }
  - id: mcp-card-block
    direction: request
    match: { findings: [CREDIT_CARD] }
    when: "mcp.tool == 'get_weather'"
    action: block
    message: No payment data in weather lookups.
  - id: mcp-hold-delete
    direction: request
    when: "mcp.method == 'tools/call' && mcp.tool == 'delete_file'"
    action: hold
    message: Deleting files needs a person.
  - id: mcp-warn-atlantis
    direction: request
    when: "mcp.tool == 'get_weather' && mcp.arguments.city == 'Atlantis'"
    action: warn
    message: Atlantis is fictional.
  - id: mcp-monitor-paris
    direction: request
    mode: monitor
    when: "mcp.tool == 'get_weather' && mcp.arguments.city == 'Paris'"
    action: block
  - id: mcp-result-injection-mask
    direction: response
    match: { findings: ['@injection'] }
    when: "mcp.server == 'files'"
    action: redact
    redact: { method: mask }
  - id: mcp-result-injection-block
    direction: response
    match: { findings: ['@injection'] }
    when: "mcp.server == 'local'"
    action: block
`;

export interface McpWarden {
  warden: RunningWarden;
  upstream: HttpUpstream;
  url: string;
  /** A key of the `agent` system (every tool of both servers but the out-of-scope ones). */
  key: string;
  /** A key of the `narrow` system: get_weather on `files` only. */
  narrowKey: string;
  seenFile: string;
  dataDir: string;
  /** The config as a file, for the CLI. */
  configFile: string;
  makeKey(system: string, user?: string): string;
  close(): Promise<void>;
}

export async function startMcpWarden(o: { maxMessageSize?: string; policy?: string } = {}): Promise<McpWarden> {
  const upstream = await startHttpUpstream();
  const dataDir = mkdtempSync(join(tmpdir(), 'warden-mcp-'));
  const policyDir = join(dataDir, 'policies');
  mkdirSync(policyDir);
  writeFileSync(join(policyDir, 'mcp.yaml'), o.policy ?? MCP_POLICY);
  const seenFile = join(dataDir, 'stdio-seen.jsonl');
  const stdioScript = new URL('./stdio-server.ts', import.meta.url).pathname;
  const yaml = `
log_level: silent
suppliers:
  - { id: demo, type: demo }
mcp_servers:
  - id: files
    url: ${upstream.url}
    headers: { x-upstream-token: upstream-secret }
    max_message_size: ${o.maxMessageSize ?? '64kb'}
    timeout_ms: 5000
  - id: local
    command: ${process.execPath}
    args: [--import, tsx, ${stdioScript}]
    env: { SEEN_FILE: ${seenFile} }
    connect_timeout_ms: 20000
systems:
  - id: agent
    suppliers: [demo]
    models: ['*']
    mcp:
      - server: files
        tools: [echo, get_weather, read_page, free_form, 'delete_*']
        resources: ['file:///docs/*']
        prompts: [summarise]
      - server: local
        tools: ['*']
  - id: narrow
    suppliers: [demo]
    models: ['*']
    mcp:
      - server: files
        tools: [get_weather]
  - id: no-mcp
    suppliers: [demo]
    models: ['*']
`;
  const configFile = join(dataDir, 'warden.yaml');
  writeFileSync(configFile, yaml);
  const config = parseConfig(yaml, 'mcp-test.yaml');
  const warden = await startWarden({ config, dataDir, port: 0, policyDir, log: pino({ level: 'silent' }) });
  const makeKey = (system: string, user = 'agent@example.com') => {
    const { key } = warden.store.keys.create({ user, groups: ['agents'], system });
    warden.gateway.deps.live.refresh(true);
    return key;
  };
  return {
    warden,
    upstream,
    url: warden.url,
    key: makeKey('agent'),
    narrowKey: makeKey('narrow'),
    seenFile,
    dataDir,
    configFile,
    makeKey,
    close: async () => {
      await warden.close();
      await upstream.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The SDK client over Streamable HTTP to /mcp/{server}, with a Warden key. */
export async function streamableClient(url: string, server: string, key: string): Promise<Client> {
  const client = new Client({ name: 'test-agent', version: '1.0.0' });
  await client.connect(new StreamableHTTPClientTransport(new URL(`${url}/mcp/${server}`), { requestInit: { headers: { authorization: `Bearer ${key}` } } }));
  return client;
}

/** The SDK client over the HTTP+SSE transport to /mcp/{server}/sse. */
export async function sseClient(url: string, server: string, key: string): Promise<Client> {
  const client = new Client({ name: 'test-agent', version: '1.0.0' });
  await client.connect(new SSEClientTransport(new URL(`${url}/mcp/${server}/sse`), { requestInit: { headers: { authorization: `Bearer ${key}` } } }));
  return client;
}

/** The text of a tool result's first content block. */
export function textOf(r: unknown): string {
  const c = (r as { content?: Array<{ type: string; text?: string }> }).content ?? [];
  return c.map((x) => x.text ?? '').join('');
}
