// The registry's record kinds that are plain records (systems, suppliers, risks, assessments):
// one description each, from which the service's create/update/remove, the admin API's routes
// and the `warden <kind> add|update|remove` commands are all made.
import type { z } from 'zod';
import { friaGaps, needsFria } from './assessment.js';
import type { RegistryProblem } from './errors.js';
import { riskRatingProblems, type RiskScale } from './risk.js';
import {
  LIFECYCLE_STAGES,
  SUPPLIER_STATUSES,
  aiSystemSchema,
  assessmentInputSchema,
  assessmentSchema,
  riskInputSchema,
  riskSchema,
  supplierInputSchema,
  supplierSchema,
  systemInputSchema,
} from './schemas.js';
import type { AISystem, ImpactAssessment, RecordTable, RegistryStore, Risk, Supplier } from './types.js';
import { ASSESSMENT_FLAGS, RISK_FLAGS, SUPPLIER_FLAGS, SYSTEM_FLAGS, type FieldFlag } from './kind-flags.js';

export type { FieldFlag, FieldType } from './kind-flags.js';


/** The records of each kind. */
export interface KindRecords {
  system: AISystem;
  supplier: Supplier;
  risk: Risk;
  assessment: ImpactAssessment;
}
export type KindName = keyof KindRecords;

/** Why a record is invalid: a message and each problem. */
export interface Refusal {
  invalid: string;
  problems: RegistryProblem[];
}

export interface RecordKind<K extends KindName = KindName> {
  /** The audit op prefix (`system.create`, `system.update`, `system.delete`). */
  name: K;
  /** The API path (`/systems`) and the CLI command (`warden systems`). */
  plural: string;
  /** What a person calls one (`AI system`). */
  noun: string;
  /** The input a create checks; an update checks the merged record against it. */
  input: z.ZodType;
  /** The stored record's shape, for the OpenAPI document. */
  stored: z.ZodType;
  table(store: RegistryStore): RecordTable<KindRecords[K], never>;
  /** A generated id starts with this; without one, the input names the id. */
  idPrefix?: string;
  /** The list filter: the query parameter (and CLI flag) and its allowed values. */
  filter: { key: string; values?: readonly string[] };
  /** Checks that need other records (the system a risk names, a high-risk system's FRIA). */
  check?(rec: KindRecords[K], store: RegistryStore, riskScale: RiskScale): Refusal | undefined;
  /** Why a record may not be removed, if it may not. */
  keep?(rec: KindRecords[K], store: RegistryStore): string | undefined;
  /** The CLI's field flags. */
  flags: FieldFlag[];
  /** A few words about a record after a change (`production`). */
  summary(rec: KindRecords[K]): string;
}

const noSystem = (systemId: string, what: string): Refusal => ({ invalid: `invalid ${what}`, problems: [{ field: 'systemId', message: `no AI system ${systemId}` }] });

export const SYSTEMS: RecordKind<'system'> = {
  name: 'system',
  plural: 'systems',
  noun: 'AI system',
  input: systemInputSchema,
  stored: aiSystemSchema,
  table: (s) => s.systems,
  filter: { key: 'lifecycle', values: LIFECYCLE_STAGES },
  keep(rec, store) {
    const risks = store.risks.list({ systemId: rec.id }).length;
    const assessments = store.assessments.list({ systemId: rec.id }).length;
    if (risks || assessments) return `AI system ${rec.id} has ${risks} risks and ${assessments} impact assessments; set its lifecycle to retired instead`;
  },
  flags: SYSTEM_FLAGS,
  summary: (s) => s.lifecycle,
};

export const SUPPLIERS: RecordKind<'supplier'> = {
  name: 'supplier',
  plural: 'suppliers',
  noun: 'supplier',
  input: supplierInputSchema,
  stored: supplierSchema,
  table: (s) => s.suppliers,
  filter: { key: 'status', values: SUPPLIER_STATUSES },
  keep(rec, store) {
    const users = store.systems.list().filter((s) => s.suppliers.includes(rec.id)).map((s) => s.id);
    if (users.length) return `supplier ${rec.id} is used by AI systems ${users.join(', ')}; suspend it instead`;
  },
  flags: SUPPLIER_FLAGS,
  summary: (s) => `${s.status}, next review ${s.nextReviewAt}`,
};

export const RISKS: RecordKind<'risk'> = {
  name: 'risk',
  plural: 'risks',
  noun: 'risk',
  input: riskInputSchema,
  stored: riskSchema,
  table: (s) => s.risks,
  idPrefix: 'risk',
  filter: { key: 'systemId' },
  check(r, store, scale) {
    const problems = riskRatingProblems(r, scale);
    if (!store.systems.get(r.systemId)) problems.unshift({ field: 'systemId', message: `no AI system ${r.systemId}` });
    if (problems.length) return { invalid: 'invalid risk', problems };
  },
  flags: RISK_FLAGS,
  summary: (r) => `of ${r.systemId}`,
};

export const ASSESSMENTS: RecordKind<'assessment'> = {
  name: 'assessment',
  plural: 'assessments',
  noun: 'impact assessment',
  input: assessmentInputSchema,
  stored: assessmentSchema,
  table: (s) => s.assessments,
  idPrefix: 'ia',
  filter: { key: 'systemId' },
  /** An approved assessment of a high-risk system must hold every Art. 27 element. */
  check(a, store) {
    const system = store.systems.get(a.systemId);
    if (!system) return noSystem(a.systemId, 'impact assessment');
    if (a.approval.status === 'approved' && needsFria(system)) {
      const gaps = friaGaps(a);
      if (gaps.length) return { invalid: `AI system ${system.id} is high-risk: its assessment needs every Art. 27 element before approval`, problems: gaps };
    }
  },
  flags: ASSESSMENT_FLAGS,
  summary: (a) => `of ${a.systemId} (${a.approval.status})`,
};

/** Every plain record kind, in the order the API and the CLI list them. */
export const RECORD_KINDS = [SYSTEMS, SUPPLIERS, RISKS, ASSESSMENTS] as const;
