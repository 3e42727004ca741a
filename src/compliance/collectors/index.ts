// The collectors by name (data/compliance/evidence.yaml refers to them).
import type { CollectorName } from '../mapping.js';
import type { Collector } from './context.js';
import { eventLogging } from './logging.js';
import { supplierManagement } from './suppliers.js';
import { riskAssessment } from './risk.js';
import { impactAssessment } from './impact.js';
import { humanOversight } from './oversight.js';
import { monitoring } from './monitoring.js';
import { documentedInformation } from './documented.js';
import { incidents } from './incidents.js';
import { inventory } from './inventory.js';
import { soa } from './soa.js';
import { accessKeys } from './access.js';
import { aiPolicy, policyReview, responsibleUse } from './policy.js';
import { roles } from './roles.js';
import { resources } from './resources.js';
import { changeRecords, deployment, treatmentVerification } from './lifecycle.js';
import { intendedUse } from './use.js';
import { supplierResponsibilities } from './supplier-terms.js';

export const COLLECTORS: Record<CollectorName, Collector> = {
  'event-logging': eventLogging,
  'supplier-management': supplierManagement,
  'risk-assessment': riskAssessment,
  'impact-assessment': impactAssessment,
  'human-oversight': humanOversight,
  monitoring,
  'documented-information': documentedInformation,
  incidents,
  inventory,
  soa,
  'access-keys': accessKeys,
  'ai-policy': aiPolicy,
  'policy-review': policyReview,
  'responsible-use': responsibleUse,
  roles,
  resources,
  'change-records': changeRecords,
  deployment,
  'treatment-verification': treatmentVerification,
  'intended-use': intendedUse,
  'supplier-responsibilities': supplierResponsibilities,
};

export { worst, type Collector, type CollectorContext } from './context.js';
