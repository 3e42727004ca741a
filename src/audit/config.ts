// The `audit:` section of warden.yaml. Keys are snake_case like the rest of the file; parsing
// yields the camelCase options openAuditLog takes (spread in dataDir and instance). docs/AUDIT.md
// documents every key.
import { z } from 'zod';
import type { AuditLogOptions } from './log.js';
import type { SinkConfig } from './sinks.js';

const headers = z.record(z.string(), z.string()).default({});
const retry = {
  /** Records per delivery. */
  batch_size: z.number().int().min(1).max(10_000).default(500),
  /** Longest wait between retries while a SIEM is down. */
  max_backoff_ms: z.number().int().min(100).default(60_000),
};

const syslogSink = z
  .object({
    type: z.literal('syslog'),
    name: z.string().min(1).optional(),
    host: z.string().min(1),
    port: z.number().int().min(1).max(65535).default(6514),
    tls: z
      .union([
        z.boolean(),
        z.object({ ca_file: z.string().optional(), reject_unauthorized: z.boolean().default(true), servername: z.string().optional() }).strict(),
      ])
      .default(false),
    /** RFC 5424 facility number; 13 is "log audit". */
    facility: z.number().int().min(0).max(23).default(13),
    app_name: z.string().min(1).max(48).default('warden'),
    format: z.enum(['json', 'cef']).default('json'),
    ...retry,
  })
  .strict();

const splunkSink = z
  .object({
    type: z.literal('splunk-hec'),
    name: z.string().min(1).optional(),
    /** Base URL of the collector, e.g. https://splunk.example.com:8088 */
    url: z.string().url(),
    token: z.string().min(1),
    index: z.string().optional(),
    source: z.string().default('warden'),
    sourcetype: z.string().default('warden:audit'),
    ...retry,
  })
  .strict();

const webhookSink = z
  .object({
    type: z.literal('webhook'),
    name: z.string().min(1).optional(),
    url: z.string().url(),
    headers,
    format: z.enum(['json', 'ocsf', 'cef']).default('json'),
    ...retry,
  })
  .strict();

const target = z.union([
  z.object({ type: z.literal('file'), path: z.string().min(1) }).strict(),
  z.object({ type: z.literal('http'), url: z.string().url(), headers: z.record(z.string(), z.string()).optional() }).strict(),
]);

const rawSchema = z
  .object({
    key_name: z.string().regex(/^[^\s+]+$/, 'a key name has no spaces or +').default('warden-audit'),
    signing_key: z.string().startsWith('PRIVATE+KEY+').optional(),
    signing_key_file: z.string().optional(),
    origin: z.string().min(1).regex(/^[^\n]+$/).optional(),
    hmac_key_file: z.string().optional(),
    checkpoint: z
      .object({
        interval_ms: z.number().int().min(100).default(5_000),
        every_records: z.number().int().min(1).default(1_000),
        targets: z.array(target).default([]),
      })
      .strict()
      .default({ interval_ms: 5_000, every_records: 1_000, targets: [] }),
    sinks: z.array(z.discriminatedUnion('type', [syslogSink, splunkSink, webhookSink])).default([]),
    retention: z
      .object({
        decision_days: z.number().int().min(1).default(184),
        admin_days: z.number().int().min(1).default(2_190),
      })
      .strict()
      .default({ decision_days: 184, admin_days: 2_190 }),
    content_store: z
      .object({
        enabled: z.boolean().default(true),
        /** A file with the 32-byte key, hex or base64. */
        key_file: z.string().optional(),
        /** The key itself (hex or base64); prefer key_file. */
        key: z.string().optional(),
      })
      .strict()
      .refine((c) => !c.enabled || !!c.key_file !== !!c.key, { message: 'content_store needs exactly one of key_file or key' })
      .optional(),
  })
  .strict()
  .refine((c) => !(c.signing_key && c.signing_key_file), { message: 'give signing_key or signing_key_file, not both' });

function decodeKey(text: string): Buffer {
  const t = text.trim();
  const key = /^[0-9a-f]{64}$/i.test(t) ? Buffer.from(t, 'hex') : Buffer.from(t, 'base64');
  if (key.length !== 32) throw new Error('content_store.key must be 32 bytes, hex or base64');
  return key;
}

export type AuditSectionOptions = Omit<AuditLogOptions, 'dataDir' | 'instance'>;

/** Schema of the `audit:` section; its output spreads into openAuditLog's options. */
export const auditConfigSchema = rawSchema.transform((c): AuditSectionOptions => {
  const out: AuditSectionOptions = {
    keyName: c.key_name,
    checkpointIntervalMs: c.checkpoint.interval_ms,
    checkpointEveryRecords: c.checkpoint.every_records,
    checkpointTargets: c.checkpoint.targets,
    sinks: c.sinks.map((s, i): SinkConfig => {
      const name = s.name ?? `${s.type}-${i}`;
      const common = { name, batchSize: s.batch_size, maxBackoffMs: s.max_backoff_ms };
      if (s.type === 'syslog')
        return {
          ...common,
          type: 'syslog',
          host: s.host,
          port: s.port,
          tls: s.tls === false ? null : s.tls === true ? { rejectUnauthorized: true } : { caFile: s.tls.ca_file, rejectUnauthorized: s.tls.reject_unauthorized, servername: s.tls.servername },
          facility: s.facility,
          appName: s.app_name,
          format: s.format,
        };
      if (s.type === 'splunk-hec') return { ...common, type: 'splunk-hec', url: s.url, token: s.token, index: s.index, source: s.source, sourcetype: s.sourcetype };
      return { ...common, type: 'webhook', url: s.url, headers: s.headers, format: s.format };
    }),
    retention: { decisionDays: c.retention.decision_days, adminDays: c.retention.admin_days },
  };
  if (c.signing_key) out.signingKey = c.signing_key;
  if (c.signing_key_file) out.signingKeyFile = c.signing_key_file;
  if (c.origin) out.origin = c.origin;
  if (c.hmac_key_file) out.hmacKeyFile = c.hmac_key_file;
  if (c.content_store?.enabled) out.contentStore = c.content_store.key ? { key: decodeKey(c.content_store.key) } : { keyFile: c.content_store.key_file };
  return out;
});

export type AuditConfig = z.input<typeof auditConfigSchema>;
