// Schemas of every registry record, checked at the edges (admin API, CLI, import files).
// Record fields are camelCase, the same in JSON, YAML and CSV headers.
import { z } from 'zod';
import { loadActFacts } from './data.js';

/** Ids of systems and suppliers: the same rule as warden.yaml, so the gateway can match them. */
export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const id = z.string().regex(ID_PATTERN, 'ids are 1-64 letters, digits, dot, dash or underscore');

export const LIFECYCLE_STAGES = ['idea', 'procurement', 'development', 'validation', 'production', 'retired'] as const;
export const SYSTEM_ROLES = ['provider', 'deployer'] as const;
export const EU_AI_ACT_CLASSES = ['prohibited', 'high-risk', 'limited', 'minimal'] as const;
export const SUPPLIER_STATUSES = ['pending', 'approved', 'rejected', 'suspended'] as const;
export const TRAINING_USE = ['none', 'opted-out', 'yes', 'unknown'] as const;
export const RISK_TREATMENTS = ['mitigate', 'accept', 'transfer', 'avoid'] as const;
export const RISK_STATUSES = ['open', 'treated', 'closed'] as const;
export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export const APPROVAL_STATUSES = ['draft', 'approved', 'rejected'] as const;
export const INCIDENT_STATUSES = ['open', 'investigating', 'mitigated', 'closed'] as const;
export const TIMELINE_KINDS = ['opened', 'note', 'status', 'severity', 'link', 'serious', 'report', 'closed'] as const;
/** Art. 3(49) serious-incident categories and the Art. 3(61) widespread infringement. */
export const SERIOUS_INCIDENT_KINDS = [
  'death',
  'serious-harm-to-health',
  'critical-infrastructure',
  'fundamental-rights',
  'property-or-environment',
  'widespread-infringement',
] as const;

const text = z.string().trim().min(1, 'must not be empty');
const names = z.array(text);
/** An ISO date (2026-05-01, a whole UTC day) or date-time with a zone (2026-05-01T12:00:00Z). */
export const isoTime = z
  .string()
  .trim()
  .refine(
    (s) => /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/.test(s) && !Number.isNaN(Date.parse(s)),
    'an ISO date (2026-05-01) or date-time with zone (2026-05-01T12:00:00Z)',
  );
const stamps = { createdAt: isoTime, updatedAt: isoTime };

// ---- AI systems ----

const annexAreas = () => loadActFacts().annex_iii.map((a) => a.id);

const systemFields = z
  .object({
    id,
    name: text,
    purpose: text,
    owner: text,
    businessUnit: z.string().trim().optional(),
    lifecycle: z.enum(LIFECYCLE_STAGES),
    role: z.enum(SYSTEM_ROLES),
    euAiActClass: z.enum(EU_AI_ACT_CLASSES),
    /** The Annex III area of a high-risk system (data/registry/eu-ai-act.yaml). */
    annexIIIArea: z
      .string()
      .trim()
      .refine((v) => annexAreas().includes(v), { error: () => `unknown Annex III area; one of ${annexAreas().join(', ')}` })
      .optional(),
    /** Kinds of data it may handle: personal, health, payment … */
    dataCategories: names.default([]),
    /** Supplier-register ids it may use. */
    suppliers: z.array(id).default([]),
    /** Model names it may use; `*` = any model its suppliers serve. */
    models: names.default([]),
    /** Tools its agents may offer and call; null = any. */
    tools: names.nullable().default(null),
    /** Human-oversight measures (Art. 14, ISO 42001 A.9). */
    oversight: names.default([]),
    reviewCadenceDays: z.number().int().positive().default(365),
    lastReviewedAt: isoTime.optional(),
    notes: z.string().optional(),
  })
  .strict();

function checkSystem(s: { euAiActClass: string; annexIIIArea?: string }, ctx: z.RefinementCtx): void {
  if (s.euAiActClass === 'high-risk' && !s.annexIIIArea)
    ctx.addIssue({ code: 'custom', path: ['annexIIIArea'], message: `a high-risk system names its Annex III area: ${annexAreas().join(', ')}` });
  else if (s.annexIIIArea && s.euAiActClass !== 'high-risk')
    ctx.addIssue({ code: 'custom', path: ['annexIIIArea'], message: 'only a high-risk system has an Annex III area' });
}

export const systemInputSchema = systemFields.superRefine(checkSystem);
export const aiSystemSchema = systemFields.extend(stamps).superRefine(checkSystem);

// ---- Suppliers (ISO 42001 A.10.3) ----

const supplierFields = z
  .object({
    id,
    name: text,
    /** Services bought: chat completions, embeddings, hosted assistant … */
    services: names.default([]),
    models: names.default([]),
    status: z.enum(SUPPLIER_STATUSES).default('pending'),
    contractRef: z.string().trim().optional(),
    contractEnd: isoTime.optional(),
    dpa: z.boolean().default(false),
    baa: z.boolean().default(false),
    /** Data-retention terms as the contract states them. */
    retention: z.string().trim().optional(),
    retentionDays: z.number().int().min(0).optional(),
    /** Whether the supplier may train on the data sent. */
    trainingUse: z.enum(TRAINING_USE).default('unknown'),
    trainingTerms: z.string().trim().optional(),
    regions: names.default([]),
    nextReviewAt: isoTime,
    lastReviewedAt: isoTime.optional(),
    contact: z.string().trim().optional(),
    notes: z.string().optional(),
  })
  .strict();

export const supplierInputSchema = supplierFields;
export const supplierSchema = supplierFields.extend(stamps);

// ---- Risks (ISO 42001 6.1.2, 6.1.3, 8.2, 8.3) ----

const riskFields = z
  .object({
    id,
    systemId: id,
    title: text,
    description: z.string().optional(),
    category: z.string().trim().optional(),
    likelihood: z.number().int().min(1),
    impact: z.number().int().min(1),
    treatment: z.enum(RISK_TREATMENTS),
    treatmentPlan: z.string().optional(),
    /** Control ids that implement the treatment (e.g. ISO42001:A.6.2.4). */
    controls: names.default([]),
    /** Policy rule ids that enforce it at the gateway. */
    policyRules: names.default([]),
    residualLikelihood: z.number().int().min(1).optional(),
    residualImpact: z.number().int().min(1).optional(),
    owner: text,
    reviewAt: isoTime,
    status: z.enum(RISK_STATUSES).default('open'),
  })
  .strict();

function checkResidual(r: { residualLikelihood?: number; residualImpact?: number }, ctx: z.RefinementCtx): void {
  if ((r.residualLikelihood === undefined) !== (r.residualImpact === undefined))
    ctx.addIssue({ code: 'custom', path: [r.residualLikelihood === undefined ? 'residualLikelihood' : 'residualImpact'], message: 'residual risk needs both likelihood and impact' });
}

export const riskInputSchema = riskFields.partial({ id: true }).superRefine(checkResidual);
export const riskSchema = riskFields.extend(stamps).superRefine(checkResidual);

// ---- Impact assessments (ISO 42001 6.1.4, A.5; EU AI Act Art. 27) ----

/** The elements of a fundamental-rights impact assessment, Art. 27(1)(a)-(f) and the notification of 27(3). */
export const friaSchema = z
  .object({
    processDescription: z.string().trim().optional(),
    periodAndFrequency: z.string().trim().optional(),
    affectedCategories: names.default([]),
    specificRisks: names.default([]),
    humanOversight: z.string().trim().optional(),
    measuresIfRisksMaterialise: z.string().trim().optional(),
    governanceAndComplaints: z.string().trim().optional(),
    authorityNotifiedAt: isoTime.optional(),
  })
  .strict();

const assessmentFields = z
  .object({
    id,
    systemId: id,
    title: text,
    affected: z.array(z.object({ group: text, description: z.string().optional() }).strict()).default([]),
    harms: z
      .array(z.object({ description: text, affected: z.string().optional(), severity: z.enum(SEVERITIES) }).strict())
      .default([]),
    severity: z.enum(SEVERITIES),
    mitigations: names.default([]),
    fria: friaSchema.optional(),
    approval: z
      .object({ status: z.enum(APPROVAL_STATUSES), by: z.string().optional(), at: isoTime.optional(), note: z.string().optional() })
      .strict()
      .default({ status: 'draft' }),
    reviewAt: isoTime.optional(),
  })
  .strict();

export const assessmentInputSchema = assessmentFields.partial({ id: true });
export const assessmentSchema = assessmentFields.extend(stamps);

// ---- Incidents ----

export const timelineEntrySchema = z
  .object({ at: isoTime, by: text, kind: z.enum(TIMELINE_KINDS), text: text })
  .strict();

export const seriousSchema = z
  .object({
    kinds: z.array(z.enum(SERIOUS_INCIDENT_KINDS)).min(1, 'name at least one Art. 3(49) category'),
    /** When the report reached the market surveillance authority. */
    reportedAt: isoTime.nullable().default(null),
    authority: z.string().trim().optional(),
    reference: z.string().trim().optional(),
  })
  .strict();

const incidentFields = z
  .object({
    id,
    title: text,
    description: z.string().default(''),
    severity: z.enum(SEVERITIES),
    status: z.enum(INCIDENT_STATUSES).default('open'),
    systems: z.array(id).default([]),
    decisions: names.default([]),
    openedAt: isoTime,
    openedBy: text,
    /** When the organisation became aware: the Art. 73 clock starts here. */
    awareAt: isoTime,
    serious: seriousSchema.nullable().default(null),
    timeline: z.array(timelineEntrySchema).default([]),
    closedAt: isoTime.optional(),
  })
  .strict();

export const incidentSchema = incidentFields.extend({ updatedAt: isoTime });
/** What a person gives to open an incident; the rest is filled in. */
export const incidentOpenSchema = z
  .object({
    title: text,
    description: z.string().optional(),
    severity: z.enum(SEVERITIES),
    systems: z.array(id).optional(),
    decisions: names.optional(),
    awareAt: isoTime.optional(),
    serious: seriousSchema.nullable().optional(),
  })
  .strict();
/** Fields of an incident a change may set. */
export const incidentPatchSchema = z
  .object({
    title: text.optional(),
    description: z.string().optional(),
    severity: z.enum(SEVERITIES).optional(),
    status: z.enum(INCIDENT_STATUSES).optional(),
    awareAt: isoTime.optional(),
    serious: seriousSchema.nullable().optional(),
  })
  .strict();

// ---- Discovery candidates ----

export const discoveryCandidateSchema = z
  .object({ systemId: z.string(), keyId: z.string(), user: z.string(), firstSeen: isoTime, lastSeen: isoTime, count: z.number().int().min(1) })
  .strict();
