// The registry: AI systems, suppliers, risks, impact assessments, incidents and discovery.
export * from './types.js';
export { systemGate, supplierGate, type SystemGate, type SupplierGate } from './gate.js';
export { RegistryService, type ImportSummary, type RegistryServiceOptions } from './service.js';
export { RegistryError, formatProblem, zodProblems, type RegistryProblem, type RegistryErrorKind } from './errors.js';
export { dueBy, isOverdue, supplierReviewOverdue, systemNextReview, systemReviewOverdue } from './review.js';
export { assessRisk, checkRiskScale, defaultRiskScale, riskRatingProblems, riskScore, type RiskScale, type RiskScore } from './risk.js';
export { art73Deadline, art73Status, type Art73Basis, type Art73Deadline, type Art73Status } from './art73.js';
export { friaGaps, needsFria } from './assessment.js';
export { loadArt73Days, loadActFacts, loadLifecycleStages, type Art73Days } from './data.js';
export { CSV_COLUMNS, exportRecords, formatOf, parseImport, type TransferFormat, type TransferKind } from './transfer.js';
export { parseCsv, writeCsv } from './csv.js';
export * from './schemas.js';
export {
  DiscoveryTally,
  DomainMatcher,
  hostOf,
  loadAiServices,
  parseProxyLine,
  type AiService,
  type DiscoveryReport,
  type ProxyHit,
  type ProxyLogFormat,
  type ServiceRow,
  type UsageRow,
} from './discover.js';
