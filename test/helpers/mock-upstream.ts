// A mock AI supplier on 127.0.0.1 speaking the OpenAI, Azure OpenAI and Anthropic shapes, with
// faults on demand. It stands in only for the supplier; everything else in tests is real.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { demoResponse, demoStreamEvents } from '../../src/providers/demo.js';
import type { Endpoint } from '../../src/providers/types.js';

export type Fault = 'none' | 'status500' | 'status401' | 'status400' | 'slow' | 'cut' | 'notjson' | 'hang-stream';

export interface SeenRequest {
  path: string;
  headers: IncomingMessage['headers'];
  body: any;
}

/** One server-sent event as the mock writes it: `event:` line (when given), then `data:`. */
export interface MockEvent {
  event?: string;
  data: string;
}

/** An answer `replyFor` chooses: a JSON body, raw body text, or SSE events. */
export interface MockReply {
  body?: unknown;
  raw?: string;
  events?: MockEvent[];
}

export interface MockUpstream {
  url: string;
  port: number;
  seen: SeenRequest[];
  /** Fault for the next requests (until changed). */
  fault: Fault;
  /** Delay for `slow`, ms. */
  delayMs: number;
  /** Replace the answer text (non-streamed and streamed) for the next requests. */
  replyText: string | undefined;
  /** Tool call the model makes in its answer (OpenAI chat / Anthropic shapes). */
  toolCall: { name: string; arguments: string } | undefined;
  /** Non-streamed answer body, returned verbatim as JSON instead of the demo answer. */
  replyBody: unknown | undefined;
  /** Raw non-streamed answer body text (e.g. with duplicate keys); wins over `replyBody`. */
  replyRaw: string | undefined;
  /** Streamed answer: these SSE events, one write each, instead of the demo stream. */
  replyEvents: MockEvent[] | undefined;
  /** Per-request answer chosen from the request received (for concurrent tests); wins over the fields above when it returns one. */
  replyFor: ((req: SeenRequest) => MockReply | undefined) | undefined;
  /** Streams whose client went away. */
  aborted: number;
  close(): Promise<void>;
}

function endpointOf(path: string): Endpoint | undefined {
  if (path.endsWith('/chat/completions')) return 'chat';
  if (path.endsWith('/responses')) return 'responses';
  if (path.endsWith('/embeddings')) return 'embeddings';
  if (path.endsWith('/messages')) return 'messages';
  return undefined;
}

/** Starts the mock on an ephemeral port (or `port`). */
export async function startMockUpstream(opts: { quiet?: boolean; port?: number } = {}): Promise<MockUpstream> {
  const state: MockUpstream = {
    url: '',
    port: 0,
    seen: [],
    fault: 'none',
    delayMs: 0,
    replyText: undefined,
    toolCall: undefined,
    replyBody: undefined,
    replyRaw: undefined,
    replyEvents: undefined,
    replyFor: undefined,
    aborted: 0,
    close: async () => {},
  };
  const record = !opts.quiet;

  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const path = (req.url ?? '').split('?')[0];
      const endpoint = endpointOf(path);
      let body: any = {};
      try {
        body = JSON.parse(Buffer.concat(chunks).toString() || '{}');
      } catch {
        res.writeHead(400, { 'content-type': 'application/json' }).end('{"error":{"message":"bad json","type":"invalid_request_error"}}');
        return;
      }
      const seen: SeenRequest = { path: req.url ?? '', headers: req.headers, body };
      if (record) state.seen.push(seen);
      if (!endpoint) {
        res.writeHead(404).end();
        return;
      }
      answer(state, endpoint, body, res, chosenReply(state, seen));
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  state.port = port;
  state.url = `http://127.0.0.1:${port}`;
  state.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return state;
}

function chosenReply(state: MockUpstream, seen: SeenRequest): MockReply | undefined {
  const own = state.replyFor?.(seen);
  if (own) return own;
  if (state.replyRaw === undefined && state.replyBody === undefined && state.replyEvents === undefined) return undefined;
  return { raw: state.replyRaw, body: state.replyBody, events: state.replyEvents };
}

function formatEvent(e: MockEvent): string {
  return `${e.event !== undefined ? `event: ${e.event}\n` : ''}data: ${e.data}\n\n`;
}

function answer(state: MockUpstream, endpoint: Endpoint, body: any, res: ServerResponse, reply?: MockReply): void {
  switch (state.fault) {
    case 'status500':
      res.writeHead(500, { 'content-type': 'application/json' }).end('{"error":{"message":"upstream exploded","type":"server_error"}}');
      return;
    case 'status401':
      res.writeHead(401, { 'content-type': 'application/json' }).end('{"error":{"message":"Incorrect API key provided: sk-mock-secret-key","type":"invalid_request_error"}}');
      return;
    case 'status400':
      res.writeHead(400, { 'content-type': 'application/json' }).end('{"error":{"message":"max_tokens is too large","type":"invalid_request_error","param":"max_tokens","code":null}}');
      return;
    case 'notjson':
      res.writeHead(200, { 'content-type': 'application/json' }).end('<html>oops</html>');
      return;
    case 'slow':
      setTimeout(() => {
        if (!res.destroyed) send(state, endpoint, body, res, reply);
      }, state.delayMs);
      return;
    default:
      send(state, endpoint, body, res, reply);
  }
}

function send(state: MockUpstream, endpoint: Endpoint, body: any, res: ServerResponse, reply?: MockReply): void {
  if (body.stream) {
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    let events: string[];
    if (reply?.events) events = reply.events.map(formatEvent);
    else {
      events = demoStreamEvents(endpoint, body, 'mock', state.replyText);
      if (state.toolCall) events = withStreamToolCall(endpoint, events, state.toolCall);
    }
    res.on('close', () => {
      if (!res.writableFinished) state.aborted++;
    });
    if (state.fault === 'cut') {
      const half = events.slice(0, Math.max(2, Math.floor(events.length / 2)));
      res.write(half.join(''));
      setTimeout(() => res.destroy(), 5);
      return;
    }
    if (state.fault === 'hang-stream') {
      res.write(events.slice(0, 2).join(''));
      return; // never ends: the client must go away
    }
    let i = 0;
    const next = () => {
      if (res.destroyed) return;
      if (i >= events.length) {
        res.end();
        return;
      }
      res.write(events[i++]);
      setImmediate(next);
    };
    next();
    return;
  }
  if (reply?.raw !== undefined || reply?.body !== undefined) {
    res.writeHead(200, { 'content-type': 'application/json' }).end(reply.raw ?? JSON.stringify(reply.body));
    return;
  }
  let out: any = demoResponse(endpoint, body, 'mock', state.replyText);
  if (state.toolCall) out = withToolCall(endpoint, out, state.toolCall);
  res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(out));
}

function withToolCall(endpoint: Endpoint, out: any, call: { name: string; arguments: string }): any {
  if (endpoint === 'chat') {
    out.choices[0].message.tool_calls = [{ id: 'call_1', type: 'function', function: call }];
    out.choices[0].finish_reason = 'tool_calls';
  } else if (endpoint === 'messages') {
    out.content.push({ type: 'tool_use', id: 'toolu_1', name: call.name, input: JSON.parse(call.arguments) });
    out.stop_reason = 'tool_use';
  } else if (endpoint === 'responses') {
    out.output.push({ type: 'function_call', id: 'fc_1', call_id: 'call_1', name: call.name, arguments: call.arguments, status: 'completed' });
  }
  return out;
}

function withStreamToolCall(endpoint: Endpoint, events: string[], call: { name: string; arguments: string }): string[] {
  if (endpoint !== 'chat') return events;
  const done = events.pop()!; // [DONE]
  const chunk = (delta: unknown, finish: string | null) =>
    `data: ${JSON.stringify({ id: 'chatcmpl-mock', object: 'chat.completion.chunk', created: 0, model: 'm', choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
  events.push(chunk({ tool_calls: [{ index: 0, id: 'call_1', type: 'function', function: { name: call.name, arguments: '' } }] }, null));
  const half = Math.floor(call.arguments.length / 2);
  events.push(chunk({ tool_calls: [{ index: 0, function: { arguments: call.arguments.slice(0, half) } }] }, null));
  events.push(chunk({ tool_calls: [{ index: 0, function: { arguments: call.arguments.slice(half) } }] }, null));
  events.push(chunk({}, 'tool_calls'));
  events.push(done);
  return events;
}

