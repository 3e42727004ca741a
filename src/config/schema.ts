import { z } from 'zod';
import { compileRe2 } from '../policy/re2.js';
import { adminConfigSchema } from './admin.js';
import { mcpServerSchema, systemMcpSchema } from './mcp.js';

function validRe2(p: string): boolean {
  try {
    compileRe2(p);
    return true;
  } catch {
    return false;
  }
}

// The schema of warden.yaml. docs/CONFIG.md documents every key; a test checks it does.

const id = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'ids are 1-64 letters, digits, dot, dash or underscore');

const byteSize = z.union([
  z.number().int().positive(),
  z.string().regex(/^\d+(\.\d+)?\s*(b|kb|mb|gb)?$/i, 'a size like 4mb, 512kb or a number of bytes'),
]);

export const supplierSchema = z
  .object({
    id,
    type: z.enum(['openai', 'anthropic', 'azure-openai', 'demo']),
    base_url: z.string().url().optional(),
    api_key: z.string().optional(),
    /** Models this supplier serves; `*` serves any model name. */
    models: z.array(z.string().min(1)).default(['*']),
    /** Azure OpenAI: model name -> deployment name. */
    deployments: z.record(z.string(), z.string()).optional(),
    api_version: z.string().optional(),
    /** A public cloud AI service (as opposed to a model run on the company's own premises). */
    public: z.boolean().default(true),
    /** A business associate agreement (HIPAA) covers this supplier. */
    baa: z.boolean().default(false),
    /** Due-diligence approval; traffic to an unapproved supplier is blocked by default policy. */
    approved: z.boolean().default(true),
    /** Extra headers sent upstream (e.g. an organisation id). */
    headers: z.record(z.string(), z.string()).default({}),
    timeout_ms: z.number().int().positive().optional(),
  })
  .strict()
  .superRefine((s, ctx) => {
    if (s.type !== 'demo' && !s.base_url) ctx.addIssue({ code: 'custom', path: ['base_url'], message: `supplier type ${s.type} needs base_url` });
    if (s.type === 'azure-openai' && !s.api_version)
      ctx.addIssue({ code: 'custom', path: ['api_version'], message: 'azure-openai suppliers need api_version' });
  });

export const systemSchema = z
  .object({
    id,
    name: z.string().optional(),
    suppliers: z.array(id).min(1),
    /** Model names (or aliases) this system may use; `*` = any model its suppliers serve. */
    models: z.array(z.string().min(1)).min(1),
    /** Tools its agents may offer and call; omitted = any. */
    tools: z.array(z.string()).optional(),
    /** Kinds of data this system is approved to handle: personal, health, payment … */
    data_categories: z.array(z.string()).default([]),
    /** Approved for production traffic. */
    approved: z.boolean().default(true),
    /** MCP servers its agents may use through /mcp/{server}, and which tools, resources and prompts (docs/MCP.md). */
    mcp: z.array(systemMcpSchema).default([]),
  })
  .strict();

export const configSchema = z
  .object({
    server: z
      .object({
        host: z.string().default('127.0.0.1'),
        port: z.number().int().min(0).max(65535).default(8080),
        body_limit: byteSize.default('4mb'),
        instance: z.string().optional(),
        shutdown_grace_ms: z.number().int().nonnegative().default(10000),
      })
      .strict()
      .default({ host: '127.0.0.1', port: 8080, body_limit: '4mb', shutdown_grace_ms: 10000 }),
    data_dir: z.string().default('.warden'),
    log_level: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    upstream: z
      .object({
        connect_timeout_ms: z.number().int().positive().default(5000),
        headers_timeout_ms: z.number().int().positive().default(60000),
        body_timeout_ms: z.number().int().positive().default(120000),
        keep_alive_timeout_ms: z.number().int().positive().default(30000),
        connections: z.number().int().positive().default(256),
      })
      .strict()
      .default({ connect_timeout_ms: 5000, headers_timeout_ms: 60000, body_timeout_ms: 120000, keep_alive_timeout_ms: 30000, connections: 256 }),
    suppliers: z.array(supplierSchema).default([]),
    systems: z.array(systemSchema).default([]),
    /** MCP servers Warden fronts at /mcp/{id} (docs/MCP.md). */
    mcp_servers: z.array(mcpServerSchema).default([]),
    /** Model aliases: a name clients use -> a supplier and its model name. */
    aliases: z.record(z.string(), z.object({ supplier: id, model: z.string() }).strict()).default({}),
    policies: z
      .object({ dir: z.string().optional(), hot_reload: z.boolean().default(true) })
      .strict()
      .default({ hot_reload: true }),
    oversight: z
      .object({
        /** Notified (POST, JSON) when a hold opens a review. */
        review_webhook: z
          .object({ url: z.string().url(), headers: z.record(z.string(), z.string()).default({}) })
          .strict()
          .optional(),
        /** Waiting time after which a pending review counts as over its SLA. */
        review_sla_minutes: z.number().int().positive().default(60),
        /** How a held request's excerpt is masked before it is stored for reviewers. */
        excerpt: z
          .object({
            /** Every digit becomes '#', whatever the detectors found (a card written with dots, a house number). */
            mask_digits: z.boolean().default(true),
            /** Words and phrases masked wherever they appear (case-insensitive). */
            mask_terms: z.array(z.string().min(1)).default([]),
            /** RE2 patterns masked wherever they match. */
            mask_patterns: z.array(z.string().min(1).refine(validRe2, 'not a valid RE2 pattern')).default([]),
          })
          .strict()
          .default({ mask_digits: true, mask_terms: [], mask_patterns: [] }),
      })
      .strict()
      .default({ review_sla_minutes: 60, excerpt: { mask_digits: true, mask_terms: [], mask_patterns: [] } }),
    detect: z.unknown().optional(),
    audit: z.unknown().optional(),
    /** The admin API under /api (docs/ADMIN_API.md). */
    admin: adminConfigSchema.optional(),
  })
  .strict()
  .superRefine((c, ctx) => {
    const supplierIds = new Set(c.suppliers.map((s) => s.id));
    c.suppliers.forEach((s, i) => {
      if (c.suppliers.findIndex((x) => x.id === s.id) !== i)
        ctx.addIssue({ code: 'custom', path: ['suppliers', i, 'id'], message: `duplicate supplier id ${s.id}` });
    });
    c.systems.forEach((s, i) => {
      if (c.systems.findIndex((x) => x.id === s.id) !== i)
        ctx.addIssue({ code: 'custom', path: ['systems', i, 'id'], message: `duplicate system id ${s.id}` });
      s.suppliers.forEach((sup, j) => {
        if (!supplierIds.has(sup)) ctx.addIssue({ code: 'custom', path: ['systems', i, 'suppliers', j], message: `unknown supplier ${sup}` });
      });
    });
    // An MCP server is a supplier in the register: one id space, so a record names one of them.
    c.mcp_servers.forEach((m, i) => {
      if (supplierIds.has(m.id) || c.mcp_servers.findIndex((x) => x.id === m.id) !== i)
        ctx.addIssue({ code: 'custom', path: ['mcp_servers', i, 'id'], message: `duplicate id ${m.id} (MCP servers and suppliers share ids)` });
    });
    const mcpIds = new Set(c.mcp_servers.map((m) => m.id));
    c.systems.forEach((s, i) =>
      s.mcp.forEach((m, j) => {
        if (!mcpIds.has(m.server)) ctx.addIssue({ code: 'custom', path: ['systems', i, 'mcp', j, 'server'], message: `unknown MCP server ${m.server}` });
      }),
    );
    for (const [alias, target] of Object.entries(c.aliases)) {
      if (!supplierIds.has(target.supplier))
        ctx.addIssue({ code: 'custom', path: ['aliases', alias, 'supplier'], message: `unknown supplier ${target.supplier}` });
    }
  });

export type WardenConfig = z.infer<typeof configSchema>;
export type SupplierConfig = z.infer<typeof supplierSchema>;
export type SystemConfig = z.infer<typeof systemSchema>;

/** Parses a size such as `4mb` into bytes. */
export function parseByteSize(v: number | string): number {
  if (typeof v === 'number') return v;
  const m = /^(\d+(?:\.\d+)?)\s*(b|kb|mb|gb)?$/i.exec(v.trim());
  if (!m) throw new Error(`not a size: ${v}`);
  const mult = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 }[(m[2] ?? 'b').toLowerCase() as 'b'];
  return Math.floor(Number(m[1]) * mult);
}
