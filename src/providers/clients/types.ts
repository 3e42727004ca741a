import type { Endpoint } from '../types.js';

export interface UpstreamRequest {
  endpoint: Endpoint;
  /** The supplier's own model name. */
  model: string;
  body: string;
  stream: boolean;
  signal: AbortSignal;
}

export interface UpstreamResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** Body bytes; consume fully or call cancel(). */
  body: AsyncIterable<Uint8Array>;
  text(): Promise<string>;
  cancel(): void;
}

/** Sends requests to one supplier. */
export interface SupplierClient {
  readonly id: string;
  supports(endpoint: Endpoint): boolean;
  send(req: UpstreamRequest): Promise<UpstreamResponse>;
  close(): Promise<void>;
}
