// The built-in `demo` supplier's answers: deterministic, offline, and echoing the user's last
// message so a newcomer can watch redaction and blocking work end to end.
import { createHash } from 'node:crypto';
import type { Endpoint } from './types.js';
import { formatSse } from './sse.js';

export const DEMO_MODELS = ['demo-1', 'demo-embed-1'];

interface AnyBody {
  model?: string;
  messages?: Array<{ role: string; content: unknown }>;
  input?: unknown;
  tools?: Array<{ type?: string; name?: string; function?: { name?: string } }>;
  stream_options?: { include_usage?: boolean };
}

function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) return content.map((p) => (typeof p?.text === 'string' ? p.text : '')).join('');
  return '';
}

/** The text the user sent last, in any of the supported request shapes. */
export function lastUserText(endpoint: Endpoint, body: AnyBody): string {
  if (endpoint === 'responses') {
    if (typeof body.input === 'string') return body.input;
    if (Array.isArray(body.input)) {
      for (let i = body.input.length - 1; i >= 0; i--) {
        const item = body.input[i] as { role?: string; content?: unknown };
        if (item.role === 'user') return textOf(item.content);
      }
    }
    return '';
  }
  const msgs = body.messages ?? [];
  for (let i = msgs.length - 1; i >= 0; i--) if (msgs[i].role === 'user') return textOf(msgs[i].content);
  return '';
}

/** The demo reply text. */
export function demoReply(userText: string): string {
  return `Demo reply. You said: ${userText}`;
}

function countTokens(text: string): number {
  return Math.max(1, Math.ceil(text.length / 4));
}

/** Splits a reply into stream pieces of a few words each. */
export function demoChunks(text: string): string[] {
  const words = text.split(/(?<= )/);
  const out: string[] = [];
  for (let i = 0; i < words.length; i += 3) out.push(words.slice(i, i + 3).join(''));
  return out.length ? out : [''];
}

/** A non-streamed demo answer body for an endpoint. */
export function demoResponse(endpoint: Endpoint, body: AnyBody, id = 'demo', replyText?: string): unknown {
  const model = body.model ?? 'demo-1';
  if (endpoint === 'embeddings') {
    const inputs = Array.isArray(body.input) ? body.input : [body.input];
    return {
      object: 'list',
      model,
      data: inputs.map((inp, index) => ({ object: 'embedding', index, embedding: demoEmbedding(String(inp)) })),
      usage: { prompt_tokens: inputs.length, total_tokens: inputs.length },
    };
  }
  const user = lastUserText(endpoint, body);
  const reply = replyText ?? demoReply(user);
  const inTok = countTokens(user);
  const outTok = countTokens(reply);
  if (endpoint === 'messages') {
    return {
      id: `msg_${id}`,
      type: 'message',
      role: 'assistant',
      model,
      content: [{ type: 'text', text: reply }],
      stop_reason: 'end_turn',
      stop_sequence: null,
      usage: { input_tokens: inTok, output_tokens: outTok },
    };
  }
  if (endpoint === 'responses') {
    return {
      id: `resp_${id}`,
      object: 'response',
      created_at: 0,
      status: 'completed',
      model,
      output: [
        { type: 'message', id: `msg_${id}`, status: 'completed', role: 'assistant', content: [{ type: 'output_text', text: reply, annotations: [] }] },
      ],
      usage: { input_tokens: inTok, output_tokens: outTok, total_tokens: inTok + outTok },
    };
  }
  return {
    id: `chatcmpl-${id}`,
    object: 'chat.completion',
    created: 0,
    model,
    choices: [{ index: 0, message: { role: 'assistant', content: reply }, finish_reason: 'stop' }],
    usage: { prompt_tokens: inTok, completion_tokens: outTok, total_tokens: inTok + outTok },
  };
}

function demoEmbedding(text: string): number[] {
  const h = createHash('sha256').update(text).digest();
  return Array.from({ length: 8 }, (_, i) => (h[i] - 128) / 128);
}

/** The SSE events of a streamed demo answer, already serialised. */
export function demoStreamEvents(endpoint: Endpoint, body: AnyBody, id = 'demo', replyText?: string): string[] {
  const model = body.model ?? 'demo-1';
  const user = lastUserText(endpoint, body);
  const reply = replyText ?? demoReply(user);
  const pieces = demoChunks(reply);
  const inTok = countTokens(user);
  const outTok = countTokens(reply);
  const ev: string[] = [];
  if (endpoint === 'messages') {
    ev.push(formatSse('message_start', JSON.stringify({
      type: 'message_start',
      message: { id: `msg_${id}`, type: 'message', role: 'assistant', model, content: [], stop_reason: null, stop_sequence: null, usage: { input_tokens: inTok, output_tokens: 1 } },
    })));
    ev.push(formatSse('content_block_start', JSON.stringify({ type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } })));
    for (const p of pieces) ev.push(formatSse('content_block_delta', JSON.stringify({ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: p } })));
    ev.push(formatSse('content_block_stop', JSON.stringify({ type: 'content_block_stop', index: 0 })));
    ev.push(formatSse('message_delta', JSON.stringify({ type: 'message_delta', delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: outTok } })));
    ev.push(formatSse('message_stop', JSON.stringify({ type: 'message_stop' })));
    return ev;
  }
  if (endpoint === 'responses') {
    const base = { id: `resp_${id}`, object: 'response', created_at: 0, model, output: [] as unknown[] };
    let seq = 0;
    const item = { type: 'message', id: `msg_${id}`, status: 'in_progress', role: 'assistant', content: [] as unknown[] };
    ev.push(formatSse('response.created', JSON.stringify({ type: 'response.created', sequence_number: seq++, response: { ...base, status: 'in_progress' } })));
    ev.push(formatSse('response.output_item.added', JSON.stringify({ type: 'response.output_item.added', sequence_number: seq++, output_index: 0, item })));
    ev.push(formatSse('response.content_part.added', JSON.stringify({ type: 'response.content_part.added', sequence_number: seq++, item_id: item.id, output_index: 0, content_index: 0, part: { type: 'output_text', text: '', annotations: [] } })));
    for (const p of pieces)
      ev.push(formatSse('response.output_text.delta', JSON.stringify({ type: 'response.output_text.delta', sequence_number: seq++, item_id: item.id, output_index: 0, content_index: 0, delta: p })));
    ev.push(formatSse('response.output_text.done', JSON.stringify({ type: 'response.output_text.done', sequence_number: seq++, item_id: item.id, output_index: 0, content_index: 0, text: reply })));
    const done = { ...base, status: 'completed', output: [{ ...item, status: 'completed', content: [{ type: 'output_text', text: reply, annotations: [] }] }], usage: { input_tokens: inTok, output_tokens: outTok, total_tokens: inTok + outTok } };
    ev.push(formatSse('response.completed', JSON.stringify({ type: 'response.completed', sequence_number: seq++, response: done })));
    return ev;
  }
  const chunk = (delta: unknown, finish: string | null) =>
    formatSse(undefined, JSON.stringify({ id: `chatcmpl-${id}`, object: 'chat.completion.chunk', created: 0, model, choices: [{ index: 0, delta, finish_reason: finish }] }));
  ev.push(chunk({ role: 'assistant', content: '' }, null));
  for (const p of pieces) ev.push(chunk({ content: p }, null));
  ev.push(chunk({}, 'stop'));
  if (body.stream_options?.include_usage)
    ev.push(formatSse(undefined, JSON.stringify({ id: `chatcmpl-${id}`, object: 'chat.completion.chunk', created: 0, model, choices: [], usage: { prompt_tokens: inTok, completion_tokens: outTok, total_tokens: inTok + outTok } })));
  ev.push(formatSse(undefined, '[DONE]'));
  return ev;
}
