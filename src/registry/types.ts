// Types of the AI-management records and the storage interface they live behind.
import type { z } from 'zod';
import type {
  aiSystemSchema,
  assessmentSchema,
  discoveryCandidateSchema,
  friaSchema,
  incidentSchema,
  riskSchema,
  seriousSchema,
  supplierSchema,
  timelineEntrySchema,
  LIFECYCLE_STAGES,
  EU_AI_ACT_CLASSES,
  SUPPLIER_STATUSES,
  RISK_TREATMENTS,
  SEVERITIES,
  INCIDENT_STATUSES,
  SERIOUS_INCIDENT_KINDS,
} from './schemas.js';

export type LifecycleStage = (typeof LIFECYCLE_STAGES)[number];
export type EuAiActClass = (typeof EU_AI_ACT_CLASSES)[number];
export type SupplierStatus = (typeof SUPPLIER_STATUSES)[number];
export type RiskTreatment = (typeof RISK_TREATMENTS)[number];
export type Severity = (typeof SEVERITIES)[number];
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];
export type SeriousIncidentKind = (typeof SERIOUS_INCIDENT_KINDS)[number];

/** An entry of the AI system inventory. */
export type AISystem = z.infer<typeof aiSystemSchema>;
/** A third-party AI supplier (ISO 42001 A.10.3). */
export type Supplier = z.infer<typeof supplierSchema>;
/** A risk of one AI system, with its treatment. */
export type Risk = z.infer<typeof riskSchema>;
/** An impact assessment of one AI system; `fria` holds the EU AI Act Art. 27 elements. */
export type ImpactAssessment = z.infer<typeof assessmentSchema>;
export type Fria = z.infer<typeof friaSchema>;
/** An AI incident, with its timeline and, when serious, its Art. 73 report. */
export type Incident = z.infer<typeof incidentSchema>;
export type TimelineEntry = z.infer<typeof timelineEntrySchema>;
export type SeriousIncident = z.infer<typeof seriousSchema>;
/** A key whose AI system is not in the inventory, seen by the gateway. */
export type DiscoveryCandidate = z.infer<typeof discoveryCandidateSchema>;

/** One kind of record, keyed by id. Writes return false when the id exists (create) or not (update, delete). */
export interface RecordTable<T extends { id: string }, F = Record<string, never>> {
  get(id: string): T | undefined;
  list(filter?: F): T[];
  create(rec: T): boolean;
  update(rec: T): boolean;
  delete(id: string): boolean;
}

export interface RiskFilter {
  systemId?: string;
}
export interface AssessmentFilter {
  systemId?: string;
}
export interface IncidentFilter {
  status?: IncidentStatus;
  /** Incidents that name this AI system. */
  systemId?: string;
  /** Incidents linked to this decision id. */
  decisionId?: string;
}
export interface SupplierFilter {
  status?: SupplierStatus;
}
export interface SystemFilter {
  lifecycle?: LifecycleStage;
}

/** Storage of the registry. Only src/store/ implements it; calls are synchronous like the rest of Store. */
export interface RegistryStore {
  systems: RecordTable<AISystem, SystemFilter>;
  suppliers: RecordTable<Supplier, SupplierFilter>;
  risks: RecordTable<Risk, RiskFilter>;
  assessments: RecordTable<ImpactAssessment, AssessmentFilter>;
  incidents: RecordTable<Incident, IncidentFilter>;
  /**
   * Counts one request whose key names an AI system that is not in the inventory
   * (one row per system, key and user; first and last seen, count). The gateway calls it.
   */
  recordDiscoveryCandidate(c: { systemId: string; keyId: string; user: string; at?: Date }): DiscoveryCandidate;
  discoveryCandidates(): DiscoveryCandidate[];
  /** Forgets the candidates of a system (e.g. once it is registered); returns how many. */
  clearDiscoveryCandidates(systemId: string): number;
  /** Runs fn in one transaction: every write in it happens, or none does. */
  transaction<T>(fn: () => T): T;
}
