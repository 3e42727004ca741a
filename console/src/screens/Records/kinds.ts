// The fields of each registry form, in the API's names (REGISTRY.md); the values the selects offer
// come from the server's own schema module.
import {
  APPROVAL_STATUSES,
  EU_AI_ACT_CLASSES,
  INCIDENT_STATUSES,
  LIFECYCLE_STAGES,
  RISK_STATUSES,
  RISK_TREATMENTS,
  SEVERITIES,
  SUPPLIER_STATUSES,
  SYSTEM_ROLES,
  TRAINING_USE,
} from '../../../../src/registry/schemas.js';
import type { FieldSpec } from './RecordForm';

export const SYSTEM_FIELDS: FieldSpec[] = [
  { name: 'id', label: 'System id', required: true, fixedOnEdit: true, hint: 'The id the gateway knows it by.' },
  { name: 'name', label: 'Name', required: true },
  { name: 'purpose', label: 'Purpose', type: 'textarea', required: true },
  { name: 'owner', label: 'Owner', required: true },
  { name: 'businessUnit', label: 'Business unit' },
  { name: 'lifecycle', label: 'Lifecycle stage', type: 'select', options: LIFECYCLE_STAGES, required: true },
  { name: 'role', label: 'Role under the EU AI Act', type: 'select', options: SYSTEM_ROLES, required: true },
  { name: 'euAiActClass', label: 'EU AI Act class', type: 'select', options: EU_AI_ACT_CLASSES, required: true },
  { name: 'annexIIIArea', label: 'Annex III area', hint: 'Only for a high-risk system (e.g. employment).' },
  { name: 'dataCategories', label: 'Data categories', type: 'list' },
  { name: 'suppliers', label: 'Suppliers', type: 'list', hint: 'Supplier-register ids.' },
  { name: 'models', label: 'Models', type: 'list' },
  { name: 'oversight', label: 'Human oversight measures', type: 'list' },
  { name: 'reviewCadenceDays', label: 'Review every (days)', type: 'number' },
  { name: 'lastReviewedAt', label: 'Last reviewed', hint: 'A date: 2026-05-01.' },
  { name: 'notes', label: 'Notes', type: 'textarea' },
];

export const SUPPLIER_FIELDS: FieldSpec[] = [
  { name: 'id', label: 'Supplier id', required: true, fixedOnEdit: true },
  { name: 'name', label: 'Name', required: true },
  { name: 'status', label: 'Status', type: 'select', options: SUPPLIER_STATUSES, required: true },
  { name: 'services', label: 'Services', type: 'list' },
  { name: 'models', label: 'Models', type: 'list' },
  { name: 'contractRef', label: 'Contract reference' },
  { name: 'contractEnd', label: 'Contract ends', hint: 'A date: 2027-06-30.' },
  { name: 'dpa', label: 'Data processing agreement signed', type: 'bool' },
  { name: 'baa', label: 'Business associate agreement (HIPAA) signed', type: 'bool' },
  { name: 'retention', label: 'Data retention terms' },
  { name: 'retentionDays', label: 'Retention (days)', type: 'number' },
  { name: 'trainingUse', label: 'May train on our data', type: 'select', options: TRAINING_USE, required: true },
  { name: 'regions', label: 'Regions', type: 'list' },
  { name: 'nextReviewAt', label: 'Next review', required: true, hint: 'A date: 2027-06-30.' },
  { name: 'contact', label: 'Contact' },
  { name: 'notes', label: 'Notes', type: 'textarea' },
];

export const RISK_FIELDS: FieldSpec[] = [
  { name: 'id', label: 'Risk id', fixedOnEdit: true, hint: 'Left empty, Warden makes one.' },
  { name: 'systemId', label: 'AI system id', required: true },
  { name: 'title', label: 'Title', required: true },
  { name: 'description', label: 'Description', type: 'textarea' },
  { name: 'category', label: 'Category' },
  { name: 'likelihood', label: 'Likelihood', type: 'number', required: true },
  { name: 'impact', label: 'Impact', type: 'number', required: true },
  { name: 'treatment', label: 'Treatment', type: 'select', options: RISK_TREATMENTS, required: true },
  { name: 'treatmentPlan', label: 'Treatment plan', type: 'textarea' },
  { name: 'controls', label: 'Controls', type: 'list', hint: 'e.g. ISO42001:A.6.2.4.' },
  { name: 'policyRules', label: 'Policy rules', type: 'list' },
  { name: 'residualLikelihood', label: 'Residual likelihood', type: 'number' },
  { name: 'residualImpact', label: 'Residual impact', type: 'number' },
  { name: 'owner', label: 'Owner', required: true },
  { name: 'reviewAt', label: 'Review by', required: true, hint: 'A date: 2026-12-31.' },
  { name: 'status', label: 'Status', type: 'select', options: RISK_STATUSES, required: true },
];

export const ASSESSMENT_FIELDS: FieldSpec[] = [
  { name: 'id', label: 'Assessment id', fixedOnEdit: true, hint: 'Left empty, Warden makes one.' },
  { name: 'systemId', label: 'AI system id', required: true },
  { name: 'title', label: 'Title', required: true },
  { name: 'severity', label: 'Severity', type: 'select', options: SEVERITIES, required: true },
  { name: 'mitigations', label: 'Mitigations', type: 'list' },
  { name: 'reviewAt', label: 'Review by', hint: 'A date: 2026-12-31.' },
];

export const INCIDENT_OPEN_FIELDS: FieldSpec[] = [
  { name: 'title', label: 'Title', required: true },
  { name: 'severity', label: 'Severity', type: 'select', options: SEVERITIES, required: true },
  { name: 'description', label: 'Description', type: 'textarea' },
  { name: 'systems', label: 'AI systems', type: 'list' },
  { name: 'decisions', label: 'Decisions', type: 'list', hint: 'Decision ids from the audit log.' },
  { name: 'awareAt', label: 'Became aware at', hint: 'ISO time; the Art. 73 clock starts here. Empty: now.' },
];

export const INCIDENT_EDIT_FIELDS: FieldSpec[] = [
  { name: 'title', label: 'Title', required: true },
  { name: 'status', label: 'Status', type: 'select', options: INCIDENT_STATUSES, required: true },
  { name: 'severity', label: 'Severity', type: 'select', options: SEVERITIES, required: true },
  { name: 'description', label: 'Description', type: 'textarea' },
  { name: 'awareAt', label: 'Became aware at', hint: 'ISO time; the Art. 73 clock starts here.' },
];

export { APPROVAL_STATUSES };
