// Types of the compliance module: catalogs, statuses, evidence, the SoA and attestations.

export const FRAMEWORK_IDS = ['iso42001', 'nist-ai-rmf', 'eu-ai-act', 'naic', 'soc2', 'hipaa'] as const;
export type FrameworkId = (typeof FRAMEWORK_IDS)[number];

/** Status of a requirement or of one check, from best to worst; `manual` means no record can show it. */
export const STATUSES = ['met', 'partial', 'gap', 'not-applicable', 'manual'] as const;
export type Status = (typeof STATUSES)[number];

export interface Requirement {
  /** Id in Warden's control syntax (the part after `framework:` in a policy's `controls`). */
  id: string;
  title: string;
  parent?: string;
  /** iso42001: clause or annexA. */
  kind?: string;
}

export interface Catalog {
  framework: FrameworkId;
  title: string;
  source: string;
  requirements: Requirement[];
}

/** One piece of evidence a check found. */
export interface Evidence {
  /** What was checked, in a sentence. */
  check: string;
  status: Status;
  detail: string;
  counts?: Record<string, number>;
  period?: { from: string; to: string };
  /** Sample decision ids (their receipts go in an evidence pack). */
  decisions?: string[];
  /** Registry, review, kill-switch or policy-version ids the check looked at. */
  records?: string[];
}

/** The outcome of one collector for one requirement. */
export interface CollectorResult {
  collector: string;
  status: Status;
  evidence: Evidence[];
}

export interface GapEntry {
  framework: FrameworkId;
  id: string;
  title: string;
  status: Status;
  collectors: string[];
  evidence: Evidence[];
  /** Ids in the other framework the NIST AI RMF ↔ ISO 42001 crosswalk pairs with this one. */
  related?: string[];
  attestations?: Array<{ id: string; owner: string; expiresAt: string; sha256: string; document: string; expired: boolean }>;
  soa?: SoaEntry;
  /** For a requirement no record shows: the document an auditor expects (its attestation template). */
  expects?: string;
}

export interface GapReport {
  framework: FrameworkId;
  title: string;
  period: { from: string; to: string };
  generatedAt: string;
  summary: Record<Status, number>;
  entries: GapEntry[];
}

export const IMPLEMENTATION = ['not-started', 'planned', 'partial', 'implemented'] as const;
export type Implementation = (typeof IMPLEMENTATION)[number];

/** One line of the Statement of Applicability (ISO/IEC 42001 6.1.3). */
export interface SoaEntry {
  control: string;
  applicable: boolean;
  justification: string;
  implementation: Implementation;
  /** Links to evidence: requirement ids, attestation ids, documents, URLs. */
  evidence: string[];
  updatedAt: string;
  updatedBy: string;
}

/** A person's statement that a requirement is met, backed by a document. */
export interface Attestation {
  id: string;
  framework: FrameworkId;
  requirement: string;
  owner: string;
  /** Name of the document as given. */
  document: string;
  sha256: string;
  expiresAt: string;
  note?: string;
  createdAt: string;
  createdBy: string;
  revokedAt: string | null;
}

/** Storage of the SoA and attestations. Only src/store/ implements it. */
export interface ComplianceStore {
  soaList(): SoaEntry[];
  soaGet(control: string): SoaEntry | undefined;
  soaPut(entry: SoaEntry): void;
  soaDelete(control: string): void;
  attestations(filter?: { framework?: FrameworkId; requirement?: string }): Attestation[];
  attestationGet(id: string): Attestation | undefined;
  /** Stores the attestation and its document bytes (kept once per SHA-256). */
  attestationCreate(a: Attestation, document: Buffer): void;
  /** Sets or (with null, to undo a revocation the log refused) clears the revocation time. */
  attestationRevoke(id: string, at: string | null): Attestation | undefined;
  /** Removes an attestation (undoing one the log refused to record); its document stays. */
  attestationDelete(id: string): void;
  document(sha256: string): Buffer | undefined;
}
