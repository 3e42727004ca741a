import { hostname } from 'node:os';
import { resolve } from 'node:path';
import pino, { type Logger } from 'pino';
import type { FastifyInstance } from 'fastify';
import type { WardenConfig } from '../config/schema.js';
import { parseByteSize } from '../config/schema.js';
import { openSqliteStore } from '../store/sqlite.js';
import type { Store } from '../store/types.js';
import { createSupplierClient, type SupplierClient } from '../providers/clients/index.js';
import { packagePath } from '../core/paths.js';
import { Router } from './routing.js';
import { LiveState, matches } from './live-state.js';
import { WardenError } from '../core/errors.js';
import { sampleInput, targetOf } from '../gateway/request.js';
import { auditConfigSchema } from '../audit/config.js';
import { loadSigningKey, signerFrom } from '../audit/keys.js';
import { GatewayMetrics } from './metrics.js';
import { Gateway } from '../gateway/gateway.js';
import { createExcerptMasker } from '../gateway/enforce.js';
import { buildApp } from './app.js';
import { registerAdminApi } from './admin/index.js';
import { reviewNotifier } from './notify.js';
import type { Inspector } from '../gateway/deps.js';
import { McpSessions } from '../mcp/sessions.js';
import { Upstreams } from '../mcp/upstream.js';
import { notifyListChanged, registerMcpRoutes } from '../mcp/http.js';
import { McpCatalog } from '../mcp/catalog.js';
import { createInspector, createDecider, createRedactor, dataKey, openAudit, type PolicyHandle, type AuditHandle } from './wiring.js';

export interface StartOptions {
  config: WardenConfig;
  /** Overrides config.data_dir. */
  dataDir?: string;
  host?: string;
  port?: number;
  /** Overrides config.policies.dir. */
  policyDir?: string;
  log?: Logger;
  /** Replacements for stages (tests of fail-closed behaviour use failing ones). */
  overrides?: { inspector?: Inspector; audit?: AuditHandle };
}

export interface RunningWarden {
  url: string;
  port: number;
  app: FastifyInstance;
  gateway: Gateway;
  store: Store;
  dataDir: string;
  policy: PolicyHandle;
  audit: AuditHandle;
  /** The MCP servers Warden fronts (docs/MCP.md). */
  mcp: McpCatalog;
  /** Graceful stop: stop accepting, finish in-flight requests, flush the log, exit. */
  close(): Promise<void>;
}

/** Starts one gateway process's worth of Warden. */
export async function startWarden(opts: StartOptions): Promise<RunningWarden> {
  const config = opts.config;
  const dataDir = resolve(opts.dataDir ?? config.data_dir);
  const log = opts.log ?? pino({ level: process.env.WARDEN_LOG_LEVEL ?? config.log_level, base: { svc: 'warden' } });
  const instance = config.server.instance ?? `${hostname()}:${process.pid}`;

  const store = openSqliteStore(dataDir);
  const audit = opts.overrides?.audit ?? (await openAudit(config, dataDir, instance));
  const policyDir = resolve(opts.policyDir ?? config.policies.dir ?? packagePath('policies', 'default'));
  let policy: PolicyHandle;
  try {
    policy = createDecider(policyDir, config.policies.hot_reload, log, audit, store, instance);
  } catch (err) {
    await audit.close();
    store.close();
    throw err;
  }
  const pool = opts.overrides?.inspector ? undefined : await createInspector(config);
  const inspector = opts.overrides?.inspector ?? pool!;
  const redactor = createRedactor(dataKey(dataDir, 'token-hash.key'));
  let gatewayRef: Gateway | undefined;
  const live = new LiveState(store, 250, (kills) => {
    // A new kill switch also ends the streams it covers that are already flowing.
    for (const k of kills) {
      const n = gatewayRef?.endStreams((ex) => matches(k, targetOf(ex)), new WardenError('WARDEN_SUSPENDED', `Suspended by a kill switch: ${k.reason}`)) ?? 0;
      if (n) log.warn({ kill: k.id, scope: k.scope, target: k.target, streams: n }, 'kill switch ended streams');
    }
  });
  const router = new Router(config);
  const clients = new Map<string, SupplierClient>();
  for (const s of config.suppliers)
    clients.set(
      s.id,
      createSupplierClient(s, {
        connectTimeoutMs: config.upstream.connect_timeout_ms,
        headersTimeoutMs: config.upstream.headers_timeout_ms,
        bodyTimeoutMs: config.upstream.body_timeout_ms,
        keepAliveTimeoutMs: config.upstream.keep_alive_timeout_ms,
        connections: config.upstream.connections,
      }),
    );
  const metrics = new GatewayMetrics();
  const gateway = new Gateway({ instance, router, live, clients, inspector, decider: policy.decider, redactor, audit: audit.log, metrics, log, reviews: store.reviews, registry: store.registry,
    onReview: config.oversight.review_webhook ? reviewNotifier(config.oversight.review_webhook, config.oversight.review_sla_minutes, log) : undefined,
    maskExcerpt: createExcerptMasker({
      maskDigits: config.oversight.excerpt.mask_digits,
      terms: config.oversight.excerpt.mask_terms,
      patterns: config.oversight.excerpt.mask_patterns,
    }),
  });
  gatewayRef = gateway;
  let ready = false;
  const app = buildApp(gateway, { bodyLimit: parseByteSize(config.server.body_limit), ready: () => ready });
  // MCP: Warden fronts each configured server at /mcp/{id} (docs/MCP.md).
  const mcpSessions = new McpSessions();
  const upstreams = new Upstreams(config.mcp_servers, log, (server) => notifyListChanged(mcpSessions, server));
  if (config.mcp_servers.length) await registerMcpRoutes(app, { gateway, upstreams, sessions: mcpSessions, servers: config.mcp_servers });
  const mcpCatalog = new McpCatalog(config, upstreams, (id) => gateway.systemConfig(id));
  const auditSection = auditConfigSchema.parse(config.audit ?? {});
  await registerAdminApi(app, {
    mcp: mcpCatalog,
    config: config.admin,
    store,
    audit: audit.log,
    policy,
    refreshLive: () => live.refresh(true),
    instance,
    dataDir,
    log,
    reviewSlaMinutes: config.oversight.review_sla_minutes,
    retention: auditSection.retention,
    // Read when a pack is built: the key the log signs its checkpoints with.
    signer: () => signerFrom(loadSigningKey(dataDir, auditSection)),
    sample: { scan: async (texts) => inspector.scanSegments(texts), input: (spec, findings) => sampleInput(gateway.deps, spec, findings), defaultSystem: config.systems[0]?.id },
  });
  await app.listen({ host: opts.host ?? config.server.host, port: opts.port ?? config.server.port });
  const addr = app.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  const host = opts.host ?? config.server.host;
  ready = true;
  log.info({ port, host, dataDir, policyVersion: policy.decider.version(), instance }, 'warden ready');

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      ready = false;
      const grace = setTimeout(() => app.server.closeAllConnections(), config.server.shutdown_grace_ms);
      grace.unref();
      mcpSessions.close();
      await app.close();
      clearTimeout(grace);
      await upstreams.close();
      live.close();
      policy.close();
      await Promise.all([...clients.values()].map((c) => c.close()));
      await pool?.close();
      await audit.close();
      store.close();
      log.info('warden stopped');
      log.flush?.();
    })());

  return { url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`, port, app, gateway, store, dataDir, policy, audit, mcp: mcpCatalog, close };
}
