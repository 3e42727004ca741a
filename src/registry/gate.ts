// What the gateway needs to know of a registered AI system and supplier to decide on traffic.
import { supplierReviewOverdue } from './review.js';
import type { AISystem, Supplier } from './types.js';

export interface SystemGate {
  registered: true;
  /** In production (and so not retired): its traffic may go out. */
  approved: boolean;
  dataCategories: string[];
  /** null = any tool. */
  allowedTools: string[] | null;
  suppliers: string[];
  models: string[];
}

export interface SupplierGate {
  /** Due diligence approved. */
  approved: boolean;
  /** Its review date has passed: policy can warn or block. */
  reviewOverdue: boolean;
  baa: boolean;
}

/** The gateway's view of an inventory entry. */
export function systemGate(record: AISystem, _now: Date): SystemGate {
  return {
    registered: true,
    approved: record.lifecycle === 'production',
    dataCategories: record.dataCategories,
    allowedTools: record.tools,
    suppliers: record.suppliers,
    models: record.models,
  };
}

/** The gateway's view of a supplier-register entry at `now`. */
export function supplierGate(record: Supplier, now: Date): SupplierGate {
  return { approved: record.status === 'approved', reviewOverdue: supplierReviewOverdue(record, now), baa: record.baa };
}
