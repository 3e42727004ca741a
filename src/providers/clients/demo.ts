import { Readable } from 'node:stream';
import type { Endpoint } from '../types.js';
import { demoResponse, demoStreamEvents } from '../demo.js';
import type { SupplierClient, UpstreamRequest, UpstreamResponse } from './types.js';

/** The in-process demo supplier: no network, no key. */
export class DemoSupplierClient implements SupplierClient {
  constructor(readonly id: string) {}

  supports(_endpoint: Endpoint): boolean {
    return true;
  }

  async send(req: UpstreamRequest): Promise<UpstreamResponse> {
    const body = JSON.parse(req.body);
    const id = Date.now().toString(36);
    const chunks = req.stream ? demoStreamEvents(req.endpoint, body, id) : [JSON.stringify(demoResponse(req.endpoint, body, id))];
    const stream = Readable.from(chunks.map((c) => Buffer.from(c)), { objectMode: false });
    const onAbort = () => stream.destroy();
    req.signal.addEventListener('abort', onAbort, { once: true });
    stream.once('close', () => req.signal.removeEventListener('abort', onAbort));
    return {
      status: 200,
      headers: { 'content-type': req.stream ? 'text/event-stream' : 'application/json' },
      body: stream,
      text: async () => {
        let s = '';
        for await (const c of stream) s += c.toString();
        return s;
      },
      cancel: () => stream.destroy(),
    };
  }

  async close(): Promise<void> {}
}
