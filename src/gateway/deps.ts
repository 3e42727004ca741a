// What the gateway needs from the inspect, decide and record stages. The detect, policy and
// audit modules provide these; tests may pass their own.
import type { AuditRecord, Decision, Finding, RedactionMethod } from '../core/types.js';

export interface StreamScan {
  push(chunk: string): Finding[];
  readonly safeOffset: number;
  end(): Finding[];
}

export interface Inspector {
  /** Findings of every text, `segment` set; a promise when the texts are large enough to be scanned off the event loop. */
  scanSegments(texts: string[]): Finding[] | Promise<Finding[]>;
  createStreamScanner(): StreamScan;
}

// The policy module's input types are the decide stage's contract.
import type { PolicyInput as DecideInput } from '../policy/input.js';
export type { SystemView, SupplierView } from '../policy/input.js';
export type { DecideInput };

export interface Decider {
  decide(input: DecideInput): Decision;
  version(): string;
  /** Whether any rule applies to responses; without one a stream needs no hold-back. */
  guardsResponses?(): boolean;
}

/** Redaction and reversible tokenisation of one interaction. */
export interface Redactor {
  /** A fresh vault for one interaction (tokenise on the way out, restore on the way back). */
  newVault(): unknown;
  redact(text: string, findings: Finding[], method: RedactionMethod, vault: unknown): string;
  restore(text: string, vault: unknown): string;
  /** Restores placeholders across chunk boundaries of a stream. */
  streamRestorer(vault: unknown): { push(chunk: string): string; end(): string };
}

export interface AuditSink {
  /** `defer`: the record may wait a few ms to share the next commit (nothing visible waits on it). */
  append(rec: AuditRecord, opts?: { defer?: boolean }): Promise<{ index: number }>;
  contentHmac(text: string): string;
  /** The encrypted raw-content store, when the deployment keeps raw content (audit.content_store). */
  readonly content?: { put(recordId: string, part: string, text: string): void } | null;
}

/** Whether a finding is of one of the types a decision names (`TYPE` or `TYPE:subtype`). */
export function typeMatcher(types: readonly string[]): (f: Finding) => boolean {
  const want = new Set(types);
  return (f) => want.has(f.type) || (f.subtype !== undefined && want.has(`${f.type}:${f.subtype}`));
}
