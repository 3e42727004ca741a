// Property tests of complete mediation with fast-check: (a) arbitrary JSON shapes attached
// anywhere in a valid chat request, one planted value somewhere random (as a value, as an object
// key, inside a text data: URL) never reach the supplier in clear; (b) random chunkings of a
// streamed answer with a planted value in text, reasoning/thinking, tool-call arguments or a
// second choice never reach the client in clear.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { startTestWarden, type TestWarden } from '../helpers/warden.js';
import type { MockEvent } from '../helpers/mock-upstream.js';
import { VALUES } from './fields.js';
import { chatEvent, leaks, namedEvent, post, type Api } from './http.js';

let t: TestWarden;
before(async () => {
  t = await startTestWarden();
});
after(() => t.close());

const RUNS = 40;
const value = fc.constantFrom(VALUES.card, VALUES.ssn, VALUES.secret);
const key = fc.string({ minLength: 1, maxLength: 8 }).filter((k) => !['__proto__', 'constructor', 'prototype'].includes(k));

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Where the planted value goes inside a random JSON shape. */
type Spot = 'value' | 'key' | 'data-url';

/** A random JSON shape holding the planted value once, at a random depth, in a random form. */
function shapeWith(planted: string, spot: Spot): fc.Arbitrary<Json> {
  const leaf: Json =
    spot === 'data-url' ? `data:text/plain;base64,${Buffer.from(`note: ${planted} end`).toString('base64')}` : spot === 'key' ? { [planted]: 'x' } : `see ${planted} here`;
  return fc.letrec<{ node: Json }>((tie) => ({
    node: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc.constant(leaf),
      fc.tuple(fc.array(fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json>, { maxLength: 3 }), tie('node'), fc.nat()).map(([xs, n, i]) => {
        const arr = [...xs];
        arr.splice(i % (arr.length + 1), 0, n);
        return arr as Json;
      }),
      fc.tuple(fc.dictionary(key, fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json>, { maxKeys: 3 }), key, tie('node')).map(([o, k, n]) => ({ ...o, [k]: n }) as Json),
    ),
  })).node.filter((j) => JSON.stringify(j).includes(spot === 'data-url' ? (leaf as string) : spot === 'key' ? JSON.stringify(planted) : planted));
}

/** Places a shape in a valid chat request: under an unknown top-level key, metadata, a message, or a tool's schema. */
type Place = 'unknown-top-level' | 'metadata' | 'message' | 'tool-schema';
function requestWith(place: Place, shape: Json, topKey: string): Record<string, unknown> {
  const base: Record<string, unknown> = { model: 'gpt-4o', messages: [{ role: 'user', content: 'hello' }] };
  switch (place) {
    case 'unknown-top-level':
      return { ...base, [`x_${topKey}`]: shape };
    case 'metadata':
      return { ...base, metadata: { [topKey]: shape } };
    case 'message':
      return { ...base, messages: [{ role: 'user', content: 'hello', [`x_${topKey}`]: shape }] };
    case 'tool-schema':
      return {
        ...base,
        tools: [{ type: 'function', function: { name: 'search_docs', parameters: { type: 'object', properties: { q: { type: 'string', default: shape } }, [`x_${topKey}`]: shape } } }],
      };
  }
}

describe('(a) arbitrary JSON shapes in a request never carry a planted value to the supplier in clear', () => {
  for (const spot of ['value', 'key', 'data-url'] as const) {
    it(`planted as ${spot}, anywhere (${RUNS} runs)`, async () => {
      await fc.assert(
        fc.asyncProperty(
          value.chain((v) => fc.tuple(fc.constant(v), shapeWith(v, spot), fc.constantFrom<Place>('unknown-top-level', 'metadata', 'message', 'tool-schema'), key)),
          async ([v, shape, place, topKey]) => {
            const before = t.mock.seen.length;
            const r = await post(t, 'chat', requestWith(place, shape, topKey.replace(/[^a-z0-9_]/gi, '') || 'k'));
            const sent = t.mock.seen.slice(before).map((s) => JSON.stringify(s.body)).join('\n');
            assert.ok(!leaks(sent, v), `reached the supplier in clear (status ${r.status})`);
            if (spot === 'data-url') {
              for (const m of sent.matchAll(/data:text\/plain;base64,([A-Za-z0-9+/=]+)/g))
                assert.ok(!leaks(Buffer.from(m[1], 'base64').toString(), v), 'reached the supplier inside a data: URL');
            }
            assert.ok(r.status < 500, `status ${r.status}: ${r.text.slice(0, 200)}`);
          },
        ),
        { numRuns: RUNS },
      );
    });
  }
});

// ---------------------------------------------------------------- answers

/** Cuts `text` at random points into pieces (at least one). */
const cuts = (text: string) =>
  fc.uniqueArray(fc.integer({ min: 1, max: Math.max(1, text.length - 1) }), { maxLength: 8 }).map((points) => {
    const ps = [0, ...points.filter((p) => p < text.length).sort((a, b) => a - b), text.length];
    return ps.slice(1).map((p, i) => text.slice(ps[i], p)).filter((s) => s.length > 0);
  });

type Channel = 'text' | 'reasoning' | 'tool-arguments' | 'second-choice';

const chunk = (choices: unknown[]) => ({ id: 'chatcmpl-p', object: 'chat.completion.chunk', created: 0, model: 'gpt-4o', choices });

function chatStream(channel: Channel, pieces: string[]): MockEvent[] {
  const delta = (p: string) => {
    switch (channel) {
      case 'text':
        return chunk([{ index: 0, delta: { content: p }, finish_reason: null }]);
      case 'reasoning':
        return chunk([{ index: 0, delta: { reasoning_content: p }, finish_reason: null }]);
      case 'tool-arguments':
        return chunk([{ index: 0, delta: { tool_calls: [{ index: 0, function: { arguments: p } }] }, finish_reason: null }]);
      case 'second-choice':
        return chunk([{ index: 1, delta: { content: p }, finish_reason: null }]);
    }
  };
  const first =
    channel === 'tool-arguments'
      ? chunk([{ index: 0, delta: { role: 'assistant', tool_calls: [{ index: 0, id: 'call_0', type: 'function', function: { name: 'search_docs', arguments: '' } }] }, finish_reason: null }])
      : chunk([
          { index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null },
          ...(channel === 'second-choice' ? [{ index: 1, delta: { role: 'assistant', content: '' }, finish_reason: null }] : []),
        ]);
  return [first, ...pieces.map(delta), chunk([{ index: 0, delta: {}, finish_reason: channel === 'tool-arguments' ? 'tool_calls' : 'stop' }]), '[DONE]'].map(chatEvent);
}

function anthropicStream(channel: Channel, pieces: string[]): MockEvent[] {
  const block =
    channel === 'reasoning'
      ? { type: 'thinking', thinking: '', signature: '' }
      : channel === 'tool-arguments'
        ? { type: 'tool_use', id: 'toolu_0', name: 'search_docs', input: {} }
        : { type: 'text', text: '' };
  const delta = (p: string) =>
    channel === 'reasoning' ? { type: 'thinking_delta', thinking: p } : channel === 'tool-arguments' ? { type: 'input_json_delta', partial_json: p } : { type: 'text_delta', text: p };
  const index = channel === 'second-choice' ? 1 : 0;
  return [
    { type: 'message_start', message: { id: 'msg_p', type: 'message', role: 'assistant', model: 'claude-sonnet-4-6', content: [], stop_reason: null, stop_sequence: null, usage: { input_tokens: 1, output_tokens: 1 } } },
    ...(index === 1
      ? [
          { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } },
          { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'First block. ' } },
          { type: 'content_block_stop', index: 0 },
        ]
      : []),
    { type: 'content_block_start', index, content_block: block },
    ...pieces.map((p) => ({ type: 'content_block_delta', index, delta: delta(p) })),
    { type: 'content_block_stop', index },
    { type: 'message_delta', delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: 5 } },
    { type: 'message_stop' },
  ].map(namedEvent);
}

function responsesStream(channel: Channel, pieces: string[]): MockEvent[] {
  let seq = 0;
  const ev = (o: Record<string, unknown>) => ({ ...o, sequence_number: seq++ });
  const whole = pieces.join('');
  const base = { id: 'resp_p', object: 'response', created_at: 0, model: 'gpt-4o' };
  const oi = channel === 'second-choice' ? 1 : 0;
  let item: Record<string, unknown>;
  let deltas: Array<Record<string, unknown>>;
  let done: Record<string, unknown>;
  if (channel === 'reasoning') {
    item = { type: 'reasoning', id: 'rs_0', summary: [] };
    deltas = pieces.map((delta) => ev({ type: 'response.reasoning_summary_text.delta', item_id: 'rs_0', output_index: oi, summary_index: 0, delta }));
    done = { ...item, summary: [{ type: 'summary_text', text: whole }] };
  } else if (channel === 'tool-arguments') {
    item = { type: 'function_call', id: 'fc_0', call_id: 'call_0', name: 'search_docs', arguments: '', status: 'in_progress' };
    deltas = pieces.map((delta) => ev({ type: 'response.function_call_arguments.delta', item_id: 'fc_0', output_index: oi, delta }));
    done = { ...item, arguments: whole, status: 'completed' };
  } else {
    item = { type: 'message', id: `msg_${oi}`, status: 'in_progress', role: 'assistant', content: [] };
    deltas = pieces.map((delta) => ev({ type: 'response.output_text.delta', item_id: `msg_${oi}`, output_index: oi, content_index: 0, delta, logprobs: [] }));
    done = { ...item, status: 'completed', content: [{ type: 'output_text', text: whole, annotations: [] }] };
  }
  const first = { type: 'message', id: 'msg_0', status: 'completed', role: 'assistant', content: [{ type: 'output_text', text: 'First item. ', annotations: [] }] };
  return [
    ev({ type: 'response.created', response: { ...base, status: 'in_progress', output: [] } }),
    ...(oi === 1 ? [ev({ type: 'response.output_item.added', output_index: 0, item: first }), ev({ type: 'response.output_item.done', output_index: 0, item: first })] : []),
    ev({ type: 'response.output_item.added', output_index: oi, item }),
    ...deltas,
    ev({ type: 'response.output_item.done', output_index: oi, item: done }),
    ev({ type: 'response.completed', response: { ...base, status: 'completed', output: [...(oi === 1 ? [first] : []), done] } }),
  ].map(namedEvent);
}

const BUILDERS: Record<'chat' | 'messages' | 'responses', (c: Channel, p: string[]) => MockEvent[]> = { chat: chatStream, messages: anthropicStream, responses: responsesStream };
const REQUEST: Record<'chat' | 'messages' | 'responses', Record<string, unknown>> = {
  chat: { model: 'gpt-4o', messages: [{ role: 'user', content: 'go' }], stream: true },
  messages: { model: 'claude-sonnet-4-6', max_tokens: 64, messages: [{ role: 'user', content: 'go' }], stream: true },
  responses: { model: 'gpt-4o', input: 'go', stream: true },
};

/** The text a channel carries: prose around the value, or JSON arguments holding it. */
const carrier = (channel: Channel, v: string) => (channel === 'tool-arguments' ? JSON.stringify({ q: `look up ${v} please` }) : `Here it is: ${v} and that is all.`);

describe('(b) random chunkings of a streamed answer never show a planted value to the client in clear', () => {
  for (const api of ['chat', 'messages', 'responses'] as const) {
    for (const channel of ['text', 'reasoning', 'tool-arguments', 'second-choice'] as const) {
      it(`${api}: ${channel} (${RUNS} runs)`, async () => {
        await fc.assert(
          fc.asyncProperty(
            value.chain((v) => fc.tuple(fc.constant(v), cuts(carrier(channel, v)))),
            async ([v, pieces]) => {
              t.mock.replyEvents = BUILDERS[api](channel, pieces);
              try {
                const r = await post(t, api as Api, REQUEST[api]);
                assert.ok(!leaks(r.text, v), `reached the client in clear: ${JSON.stringify(pieces)}\n${r.text.slice(0, 1500)}`);
                assert.ok(r.status < 500, `status ${r.status}`);
              } finally {
                t.mock.replyEvents = undefined;
              }
            },
          ),
          { numRuns: RUNS },
        );
      });
    }
  }
});
