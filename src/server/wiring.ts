// Connects the detect, policy and audit modules to the gateway's stage interfaces.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from 'pino';
import type { WardenConfig } from '../config/schema.js';
import type { Finding, RedactionMethod } from '../core/types.js';
import { adminRecord } from '../core/admin.js';
import {
  compilePolicy,
  evaluate,
  loadPolicySource,
  redactText,
  restoreText,
  StreamRestorer,
  TokenVault,
  watchPolicies,
  type CompiledPolicy,
  type PolicySource,
} from '../policy/index.js';
import type { AuditLog } from '../audit/index.js';
import type { Store } from '../store/types.js';
import type { Decider, Inspector, Redactor } from '../gateway/deps.js';

export interface AuditHandle {
  log: AuditLog;
  close(): Promise<void>;
}

/** Opens the audit log of a data folder with the `audit:` section of the config. */
export async function openAudit(config: WardenConfig, dataDir: string, instance: string): Promise<AuditHandle> {
  const { openAuditLog, auditConfigSchema } = await import('../audit/index.js');
  const section = auditConfigSchema.parse(config.audit ?? {});
  const log = await openAuditLog({ ...section, dataDir, instance });
  return { log, close: () => log.close() };
}

/**
 * The detector set from the `detect:` section, as a pool: small requests are scanned inline,
 * large ones in worker threads, so one huge prompt cannot stall the gateway.
 */
export async function createInspector(config: WardenConfig): Promise<Inspector & { close(): Promise<void> }> {
  const { createDetectorPool, customDetectorSchema } = await import('../detect/index.js');
  const section = (config.detect ?? {}) as { detectors?: string[]; custom?: unknown[]; workers?: number; inline_limit?: number };
  const custom = (section.custom ?? []).map((c) => customDetectorSchema.parse(c));
  return createDetectorPool({ detectors: section.detectors, custom, workers: section.workers, inlineLimit: section.inline_limit });
}

export interface PolicyHandle {
  decider: Decider;
  current(): CompiledPolicy;
  close(): void;
}

/**
 * Compiles the policy folder and keeps it current: each valid new version is swapped in whole,
 * kept in the store and recorded in the audit log; an invalid one is logged and refused.
 */
export function createDecider(dir: string, hotReload: boolean, log: Logger, audit: AuditHandle, store?: Store, instance = 'warden'): PolicyHandle {
  const src = loadPolicySource(dir);
  let current = compilePolicy(src);
  const keep = (s: PolicySource, by: string) => {
    if (!store) return;
    const isNew = store.policyVersions.save({ version: s.version, loadedAt: new Date().toISOString(), loadedBy: by, files: s.files });
    audit.log
      .append(adminRecord(instance, by, 'policy.load', s.dir, null, { version: s.version, files: s.files.map((f) => f.name) }, { new: isNew }))
      .catch((err) => log.error({ err }, 'audit append of policy load failed'));
  };
  keep(src, 'warden start');
  const watcher = hotReload
    ? watchPolicies(
        dir,
        (p, s) => {
          current = p;
          log.info({ version: p.version }, 'policy reloaded');
          keep(s, 'hot reload');
        },
        (err) => log.error({ err: err.message }, 'policy reload refused; the previous version stays'),
      )
    : undefined;
  return {
    decider: { decide: (input) => evaluate(current, input), version: () => current.version, guardsResponses: () => current.responseRules.length > 0 },
    current: () => current,
    close: () => watcher?.close(),
  };
}

/** A secret key kept in the data folder (mode 0600), made on first use. */
export function dataKey(dataDir: string, name: string): Buffer {
  const file = join(dataDir, name);
  if (existsSync(file)) return Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
  const key = randomBytes(32);
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  writeFileSync(file, key.toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
  return key;
}

/** Redaction and tokenisation with the policy module's functions; hash tokens are keyed per data folder. */
export function createRedactor(hashKey: Buffer): Redactor {
  return {
    newVault: () => new TokenVault(),
    redact: (text: string, findings: Finding[], method: RedactionMethod, vault: unknown) =>
      redactText(text, findings, method, { hashKey, vault: vault as TokenVault | undefined }).text,
    restore: (text: string, vault: unknown) => restoreText(text, vault as TokenVault),
    streamRestorer: (vault: unknown) => new StreamRestorer(vault as TokenVault),
  };
}
