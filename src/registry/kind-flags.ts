// The command-line flags of each record kind's fields: part of its description in kinds.ts, kept
// apart as plain data so that defining the `warden` commands loads no schemas.

export type FieldType = 'text' | 'list' | 'int' | 'bool';
/** A command-line flag that sets one field of a record: flag (commander syntax), field, type, help. */
export type FieldFlag = [flags: string, field: string, type: FieldType, help: string];

export const SYSTEM_FLAGS: FieldFlag[] = [
  ['--id <id>', 'id', 'text', 'system id (the id Warden keys name)'],
  ['--name <name>', 'name', 'text', 'name'],
  ['--purpose <text>', 'purpose', 'text', 'intended purpose'],
  ['--owner <owner>', 'owner', 'text', 'accountable owner'],
  ['--business-unit <unit>', 'businessUnit', 'text', 'business unit'],
  ['--lifecycle <stage>', 'lifecycle', 'text', 'idea, procurement, development, validation, production or retired'],
  ['--role <role>', 'role', 'text', 'provider or deployer (EU AI Act)'],
  ['--class <class>', 'euAiActClass', 'text', 'EU AI Act class: prohibited, high-risk, limited or minimal'],
  ['--annex-iii <area>', 'annexIIIArea', 'text', 'Annex III area of a high-risk system (e.g. employment)'],
  ['--data-categories <a,b>', 'dataCategories', 'list', 'data it may handle: personal, health, payment …'],
  ['--suppliers <a,b>', 'suppliers', 'list', 'supplier ids it may use'],
  ['--models <a,b>', 'models', 'list', 'models it may use (* = any its suppliers serve)'],
  ['--tools <a,b>', 'tools', 'list', 'tools its agents may use (omit for any)'],
  ['--oversight <a,b>', 'oversight', 'list', 'human-oversight measures'],
  ['--review-cadence-days <n>', 'reviewCadenceDays', 'int', 'days between reviews (default 365)'],
  ['--last-reviewed-at <date>', 'lastReviewedAt', 'text', 'date of the last review'],
  ['--notes <text>', 'notes', 'text', 'notes'],
];

export const SUPPLIER_FLAGS: FieldFlag[] = [
  ['--id <id>', 'id', 'text', 'supplier id (as in warden.yaml suppliers)'],
  ['--name <name>', 'name', 'text', 'name'],
  ['--services <a,b>', 'services', 'list', 'services bought'],
  ['--models <a,b>', 'models', 'list', 'models used'],
  ['--status <status>', 'status', 'text', 'due diligence: pending, approved, rejected or suspended'],
  ['--contract-ref <ref>', 'contractRef', 'text', 'contract reference'],
  ['--contract-end <date>', 'contractEnd', 'text', 'contract end date'],
  ['--dpa <yes|no>', 'dpa', 'bool', 'a data processing agreement is signed'],
  ['--baa <yes|no>', 'baa', 'bool', 'a HIPAA business associate agreement is signed'],
  ['--retention <terms>', 'retention', 'text', 'data-retention terms'],
  ['--retention-days <n>', 'retentionDays', 'int', 'days the supplier keeps data'],
  ['--training-use <use>', 'trainingUse', 'text', 'training on our data: none, opted-out, yes or unknown'],
  ['--training-terms <text>', 'trainingTerms', 'text', 'training-use terms'],
  ['--regions <a,b>', 'regions', 'list', 'processing regions'],
  ['--next-review-at <date>', 'nextReviewAt', 'text', 'date of the next due-diligence review'],
  ['--last-reviewed-at <date>', 'lastReviewedAt', 'text', 'date of the last review'],
  ['--contact <contact>', 'contact', 'text', 'supplier contact'],
  ['--notes <text>', 'notes', 'text', 'notes'],
];

export const RISK_FLAGS: FieldFlag[] = [
  ['--id <id>', 'id', 'text', 'risk id (default: generated)'],
  ['--system <id>', 'systemId', 'text', 'the AI system the risk belongs to'],
  ['--title <title>', 'title', 'text', 'title'],
  ['--description <text>', 'description', 'text', 'description'],
  ['--category <category>', 'category', 'text', 'category (bias, privacy, security …)'],
  ['--likelihood <n>', 'likelihood', 'int', 'likelihood on the scale (1 = rare)'],
  ['--impact <n>', 'impact', 'int', 'impact on the scale (1 = negligible)'],
  ['--treatment <t>', 'treatment', 'text', 'mitigate, accept, transfer or avoid'],
  ['--treatment-plan <text>', 'treatmentPlan', 'text', 'how it is treated'],
  ['--controls <a,b>', 'controls', 'list', 'control ids that implement the treatment (e.g. ISO42001:A.6.2.4)'],
  ['--policy-rules <a,b>', 'policyRules', 'list', 'policy rule ids that enforce it'],
  ['--residual-likelihood <n>', 'residualLikelihood', 'int', 'likelihood after treatment'],
  ['--residual-impact <n>', 'residualImpact', 'int', 'impact after treatment'],
  ['--owner <owner>', 'owner', 'text', 'risk owner'],
  ['--review-at <date>', 'reviewAt', 'text', 'next review date'],
  ['--status <status>', 'status', 'text', 'open, treated or closed'],
];

// Harms, affected groups and the Art. 27 elements are structured: give them with --file or --set.
export const ASSESSMENT_FLAGS: FieldFlag[] = [
  ['--id <id>', 'id', 'text', 'assessment id (default: generated)'],
  ['--system <id>', 'systemId', 'text', 'the AI system assessed'],
  ['--title <title>', 'title', 'text', 'title'],
  ['--severity <s>', 'severity', 'text', 'overall severity: low, medium, high or critical'],
  ['--mitigations <a,b>', 'mitigations', 'list', 'mitigations'],
  ['--review-at <date>', 'reviewAt', 'text', 'next review date'],
];
