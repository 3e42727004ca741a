import type { RegistryStore } from '../registry/types.js';
import type { ComplianceStore } from '../compliance/types.js';
import type { AccountStore } from './accounts.js';

export type { AccountRecord, AccountStore, Role, TokenKind, TokenRecord } from './accounts.js';

// The storage interface. Only src/store/ knows SQL; other modules see these types.

export interface KeyRecord {
  /** Public id of the key, safe to log and show. */
  id: string;
  user: string;
  groups: string[];
  system: string;
  createdAt: string;
  revokedAt: string | null;
}

export interface NewKey {
  user: string;
  groups: string[];
  system: string;
}

export interface KeyStore {
  /** Creates a key; the secret is returned once and stored only as a hash. */
  create(input: NewKey): { key: string; record: KeyRecord };
  list(): KeyRecord[];
  get(id: string): KeyRecord | undefined;
  /** Marks a key revoked; returns the record before and after, or undefined when unknown. */
  revoke(id: string): { before: KeyRecord; after: KeyRecord } | undefined;
  /** Takes back a revocation the audit log could not record. */
  unrevoke(id: string): void;
  /** Active (not revoked) keys by the SHA-256 hex of the secret. */
  activeByHash(): Map<string, KeyRecord>;
}

export interface PolicyVersionRecord {
  version: string;
  loadedAt: string;
  loadedBy: string;
  files: Array<{ name: string; content: string }>;
}

export interface PolicyVersionStore {
  /** Keeps a policy version (once per version); returns true when it was new. */
  save(rec: PolicyVersionRecord): boolean;
  list(): Array<Omit<PolicyVersionRecord, 'files'>>;
  get(version: string): PolicyVersionRecord | undefined;
}

export type ReviewStatus = 'pending' | 'approved' | 'denied' | 'expired';

export interface ReviewRecord {
  id: string;
  /** The decision that held the request. */
  decisionId: string;
  /** Keyed hash of caller, system, model and content: a resend of the same request matches it. */
  fingerprint: string;
  user: string;
  system: string;
  supplier: string;
  model: string;
  rules: string[];
  /** Finding summaries (types and counts, no values). */
  findings: Array<{ type: string; count: number }>;
  /** The request text with findings masked, shortened. */
  excerpt: string;
  reviewers: string[];
  /** How long an approval stays usable, from the rule. */
  validityMs: number;
  status: ReviewStatus;
  createdAt: string;
  /** A pending review expires then. */
  expiresAt: string;
  decidedAt: string | null;
  decidedBy: string | null;
  reason: string | null;
  /** An approval lets the same request through until then. */
  validUntil: string | null;
  /** Set once an approved request went through. */
  usedAt: string | null;
}

export interface ReviewStore {
  create(r: Omit<ReviewRecord, 'status' | 'decidedAt' | 'decidedBy' | 'reason' | 'validUntil' | 'usedAt'>): ReviewRecord;
  get(id: string): ReviewRecord | undefined;
  list(filter?: { status?: ReviewStatus }): ReviewRecord[];
  /** Approves or denies a pending review; undefined when it is not pending. */
  decide(id: string, status: 'approved' | 'denied', by: string, reason: string): { before: ReviewRecord; after: ReviewRecord } | undefined;
  /** Puts a decided review back to pending (undoes a decision the audit log could not record). */
  undecide(before: ReviewRecord): void;
  /** The approved, unused, still valid review for a fingerprint; marks it used (one approval, one request). */
  consumeApproval(fingerprint: string, now: Date): ReviewRecord | undefined;
  /** The newest review for a fingerprint that is still pending (so a resend does not open a second one). */
  pendingFor(fingerprint: string, now: Date): ReviewRecord | undefined;
}

/** `mcp-server`: an MCP server id; `mcp-tool`: `<server>/<tool>` (docs/MCP.md). */
export const KILL_SCOPES = ['system', 'supplier', 'model', 'user', 'mcp-server', 'mcp-tool', 'all'] as const;
export type KillScope = (typeof KILL_SCOPES)[number];

export interface KillSwitchRecord {
  id: string;
  scope: KillScope;
  /** The system, supplier, model or user id; '*' for all. */
  target: string;
  reason: string;
  setBy: string;
  setAt: string;
  resumedBy: string | null;
  resumedAt: string | null;
}

export interface KillSwitchStore {
  /** Suspends a target; a second switch on the same target is refused (returns the active one). */
  set(scope: KillScope, target: string, reason: string, by: string): { created: boolean; record: KillSwitchRecord };
  /** Resumes the active switch on a target; undefined when none is active. */
  resume(scope: KillScope, target: string, by: string): { before: KillSwitchRecord; after: KillSwitchRecord } | undefined;
  active(): KillSwitchRecord[];
  list(): KillSwitchRecord[];
  /** Removes a switch the audit log could not record. */
  remove(id: string): void;
  /** Makes a resumed switch active again (a resume the audit log could not record). */
  unresume(id: string): void;
}

export interface Store {
  /** AI systems, suppliers, risks, assessments, incidents, discovery candidates. */
  registry: RegistryStore;
  keys: KeyStore;
  killSwitches: KillSwitchStore;
  reviews: ReviewStore;
  policyVersions: PolicyVersionStore;
  /** Statement of Applicability and attestations (ISO/IEC 42001 6.1.3, manual evidence). */
  compliance: ComplianceStore;
  /** Accounts and tokens of the admin API. */
  accounts: AccountStore;
  /** Changes whenever any process commits a change to the store: poll it to pick up changes. */
  dataVersion(): number;
  close(): void;
}
