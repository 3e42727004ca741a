import { Pool, errors as undiciErrors } from 'undici';
import { WardenError } from '../../core/errors.js';
import type { SupplierConfig } from '../../config/schema.js';
import type { Endpoint } from '../types.js';
import type { SupplierClient, UpstreamRequest, UpstreamResponse } from './types.js';

export interface HttpClientOptions {
  connectTimeoutMs: number;
  headersTimeoutMs: number;
  bodyTimeoutMs: number;
  keepAliveTimeoutMs: number;
  connections: number;
}

const ENDPOINTS: Record<SupplierConfig['type'], Endpoint[]> = {
  openai: ['chat', 'responses', 'embeddings'],
  'azure-openai': ['chat', 'embeddings'],
  anthropic: ['messages'],
  demo: ['chat', 'responses', 'embeddings', 'messages'],
};

const OPENAI_PATHS: Record<string, string> = { chat: '/chat/completions', responses: '/responses', embeddings: '/embeddings' };
const AZURE_PATHS: Record<string, string> = { chat: '/chat/completions', embeddings: '/embeddings' };

/** Path and query for one call to a supplier, by its type. */
export function upstreamPath(s: SupplierConfig, basePath: string, endpoint: Endpoint, model: string): string {
  switch (s.type) {
    case 'anthropic':
      return `${basePath}/v1/messages`;
    case 'azure-openai': {
      const deployment = s.deployments?.[model] ?? model;
      return `${basePath}/openai/deployments/${encodeURIComponent(deployment)}${AZURE_PATHS[endpoint]}?api-version=${encodeURIComponent(s.api_version ?? '')}`;
    }
    default:
      return `${basePath}${OPENAI_PATHS[endpoint]}`;
  }
}

function authHeaders(s: SupplierConfig): Record<string, string> {
  if (!s.api_key) return {};
  switch (s.type) {
    case 'anthropic':
      return { 'x-api-key': s.api_key, 'anthropic-version': '2023-06-01' };
    case 'azure-openai':
      return { 'api-key': s.api_key };
    default:
      return { authorization: `Bearer ${s.api_key}` };
  }
}

/** Maps a transport failure to a client-facing error that names no secret and no address. */
export function upstreamFailure(err: unknown, supplierId: string): WardenError {
  const e = err as { code?: string; name?: string };
  if (e instanceof WardenError) return e;
  if (e?.code === 'UND_ERR_HEADERS_TIMEOUT' || e?.code === 'UND_ERR_BODY_TIMEOUT' || e instanceof undiciErrors.HeadersTimeoutError)
    return new WardenError('WARDEN_UPSTREAM_TIMEOUT', `Supplier ${supplierId} did not answer in time`);
  return new WardenError('WARDEN_UPSTREAM_UNAVAILABLE', `Supplier ${supplierId} could not be reached (${e?.code ?? e?.name ?? 'error'})`);
}

/** A supplier reached over HTTP with a pooled keep-alive undici client. */
export class HttpSupplierClient implements SupplierClient {
  readonly id: string;
  private readonly pool: Pool;
  private readonly basePath: string;
  private readonly headers: Record<string, string>;

  constructor(
    private readonly supplier: SupplierConfig,
    opts: HttpClientOptions,
  ) {
    this.id = supplier.id;
    const url = new URL(supplier.base_url!);
    this.basePath = url.pathname.replace(/\/+$/, '');
    this.pool = new Pool(url.origin, {
      connections: opts.connections,
      pipelining: 1,
      keepAliveTimeout: opts.keepAliveTimeoutMs,
      headersTimeout: supplier.timeout_ms ?? opts.headersTimeoutMs,
      bodyTimeout: opts.bodyTimeoutMs,
      connect: { timeout: opts.connectTimeoutMs },
    });
    this.headers = { 'content-type': 'application/json', ...supplier.headers, ...authHeaders(supplier) };
  }

  supports(endpoint: Endpoint): boolean {
    return ENDPOINTS[this.supplier.type].includes(endpoint);
  }

  async send(req: UpstreamRequest): Promise<UpstreamResponse> {
    let res;
    try {
      res = await this.pool.request({
        path: upstreamPath(this.supplier, this.basePath, req.endpoint, req.model),
        method: 'POST',
        headers: req.stream ? { ...this.headers, accept: 'text/event-stream' } : this.headers,
        body: req.body,
        signal: req.signal,
      });
    } catch (err) {
      throw upstreamFailure(err, this.id);
    }
    const body = res.body;
    return {
      status: res.statusCode,
      headers: res.headers,
      body,
      text: () => body.text(),
      cancel: () => body.destroy(),
    };
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}

export { ENDPOINTS as SUPPLIER_ENDPOINTS };
