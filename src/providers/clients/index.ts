import type { SupplierConfig } from '../../config/schema.js';
import { DemoSupplierClient } from './demo.js';
import { HttpSupplierClient, type HttpClientOptions } from './http.js';
import type { SupplierClient } from './types.js';

/** Builds the client for one configured supplier. */
export function createSupplierClient(s: SupplierConfig, opts: HttpClientOptions): SupplierClient {
  return s.type === 'demo' ? new DemoSupplierClient(s.id) : new HttpSupplierClient(s, opts);
}

export type { SupplierClient, UpstreamRequest, UpstreamResponse } from './types.js';
