// The audit module: a verifiable, append-only log of every decision and admin change.
export { openAuditLog, DEFAULTS, type AuditLog, type AuditLogOptions } from './log.js';
export { auditConfigSchema, type AuditConfig, type AuditSectionOptions } from './config.js';
export type { SinkConfig } from './sinks.js';
export type { CheckpointTarget } from './targets.js';
export { ContentStore } from './content.js';
export { leafOf, canonicalJson } from './leaf.js';
export { verifyReceipt, buildReceipt, type Receipt } from './receipt.js';
export { verifyLog, type VerifyReport } from './verify.js';
export { parseVerifierKey, verifierKey, parsePrivateKey, generatePrivateKey } from './note.js';
