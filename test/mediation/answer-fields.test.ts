// Complete mediation of answers, field by field: the mock supplier answers with a value planted
// at every string-holding path of the SDKs' own answer types (plain bodies, and for stream event
// types an SSE stream carrying the planted event). The bytes the client receives must not hold
// the value in clear: masked, or the answer blocked (4xx naming a decision id / an error event).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { MockEvent, MockReply } from '../helpers/mock-upstream.js';
import { startTestWarden, type TestWarden } from '../helpers/warden.js';
import { fieldPaths, overBase, planted, sdkVersion, VALUES, type FieldPath, type SdkTypeName } from './fields.js';
import { baseRequest, chatEvent, decisionIdOf, leaks, namedEvent, pool, post, sseData, type Api } from './http.js';

let t: TestWarden;
/** Answers by case number, so that many cases can run at once against one mock. */
const replies = new Map<string, MockReply>();
before(async () => {
  t = await startTestWarden();
  t.mock.replyFor = (req) => {
    const m = /case-(\d+)-end/.exec(JSON.stringify(req.body));
    return m ? replies.get(m[1]) : undefined;
  };
});
after(() => t.close());

let caseSeq = 0;

/** Sends one request whose answer is `reply`; returns what the client received. */
async function exchange(api: Api, reply: MockReply, stream: boolean) {
  const id = String(++caseSeq);
  replies.set(id, reply);
  try {
    return await post(t, api, { ...baseRequest(api, `case-${id}-end`), ...(stream ? { stream: true } : {}) });
  } finally {
    replies.delete(id);
  }
}

// Valid answers the planted skeletons are laid over (top-level fields of the skeleton replace these).
const CHAT_ANSWER = {
  id: 'chatcmpl-m',
  object: 'chat.completion',
  created: 0,
  model: 'gpt-4o',
  choices: [{ index: 0, message: { role: 'assistant', content: 'ok', refusal: null }, finish_reason: 'stop', logprobs: null }],
  usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
};
const RESPONSE_ANSWER = {
  id: 'resp_m',
  object: 'response',
  created_at: 0,
  status: 'completed',
  model: 'gpt-4o',
  output: [{ type: 'message', id: 'msg_m', status: 'completed', role: 'assistant', content: [{ type: 'output_text', text: 'ok', annotations: [] }] }],
  usage: { input_tokens: 1, output_tokens: 1, total_tokens: 2 },
};
const MESSAGE_ANSWER = {
  id: 'msg_m',
  type: 'message',
  role: 'assistant',
  model: 'claude-sonnet-4-6',
  content: [{ type: 'text', text: 'ok' }],
  stop_reason: 'end_turn',
  stop_sequence: null,
  usage: { input_tokens: 1, output_tokens: 1 },
};

const chunk = (choices: unknown[]) => ({ id: 'chatcmpl-m', object: 'chat.completion.chunk', created: 0, model: 'gpt-4o', choices });

/** A chat stream: role chunk, the given chunks, finish chunk, [DONE]. */
export function chatStream(middle: unknown[]): MockEvent[] {
  return [
    chatEvent(chunk([{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }])),
    ...middle.map(chatEvent),
    chatEvent(chunk([{ index: 0, delta: {}, finish_reason: 'stop' }])),
    chatEvent('[DONE]'),
  ];
}

/** A whole Anthropic stream of one text block; `deltas` are its text pieces. */
export function anthropicTemplate(deltas: string[] = ['ok']): Array<Record<string, unknown>> {
  return [
    { type: 'message_start', message: { ...MESSAGE_ANSWER, content: [], stop_reason: null } },
    { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } },
    ...deltas.map((text) => ({ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text } })),
    { type: 'content_block_stop', index: 0 },
    { type: 'message_delta', delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: 1 } },
    { type: 'message_stop' },
  ];
}

/** A whole Responses stream of one output_text part; `deltas` are its text pieces. */
export function responsesTemplate(deltas: string[] = ['ok']): Array<Record<string, unknown>> {
  const text = deltas.join('');
  const item = { type: 'message', id: 'msg_m', status: 'in_progress', role: 'assistant', content: [] };
  const part = { type: 'output_text', text, annotations: [] };
  let seq = 0;
  const ev = (o: Record<string, unknown>) => ({ ...o, sequence_number: seq++ });
  return [
    ev({ type: 'response.created', response: { ...RESPONSE_ANSWER, status: 'in_progress', output: [] } }),
    ev({ type: 'response.output_item.added', output_index: 0, item }),
    ev({ type: 'response.content_part.added', item_id: 'msg_m', output_index: 0, content_index: 0, part: { ...part, text: '' } }),
    ...deltas.map((delta) => ev({ type: 'response.output_text.delta', item_id: 'msg_m', output_index: 0, content_index: 0, delta, logprobs: [] })),
    ev({ type: 'response.output_text.done', item_id: 'msg_m', output_index: 0, content_index: 0, text, logprobs: [] }),
    ev({ type: 'response.content_part.done', item_id: 'msg_m', output_index: 0, content_index: 0, part }),
    ev({ type: 'response.output_item.done', output_index: 0, item: { ...item, status: 'completed', content: [part] } }),
    ev({ type: 'response.completed', response: { ...RESPONSE_ANSWER, output: [{ ...item, status: 'completed', content: [part] }] } }),
  ];
}

/** Puts a planted event into a template: over the template's event of the same type, or before the last one. */
function withEvent(template: Array<Record<string, unknown>>, event: Record<string, unknown>, beforeLast: number): MockEvent[] {
  const out = [...template];
  const at = out.findIndex((e) => e.type === event.type);
  if (at >= 0) out[at] = overBase(out[at], event, 'replace');
  else out.splice(out.length - beforeLast, 0, event);
  return out.map(namedEvent);
}

interface AnswerCase {
  type: SdkTypeName;
  api: Api;
  sdk: 'openai' | '@anthropic-ai/sdk';
  stream: boolean;
  reply(skeleton: unknown, value: string): MockReply;
}

const CASES: AnswerCase[] = [
  { type: 'ChatCompletion', api: 'chat', sdk: 'openai', stream: false, reply: (s, v) => ({ body: overBase(CHAT_ANSWER, planted(s, v), 'replace') }) },
  { type: 'ChatCompletion', api: 'azure', sdk: 'openai', stream: false, reply: (s, v) => ({ body: overBase({ ...CHAT_ANSWER, model: 'gpt-4o-azure' }, planted(s, v), 'replace') }) },
  {
    type: 'ChatCompletionChunk',
    api: 'chat',
    sdk: 'openai',
    stream: true,
    reply: (s, v) => ({ events: chatStream([overBase(chunk([{ index: 0, delta: { content: 'ok' }, finish_reason: null }]), planted(s, v), 'replace')]) }),
  },
  { type: 'Response', api: 'responses', sdk: 'openai', stream: false, reply: (s, v) => ({ body: overBase(RESPONSE_ANSWER, planted(s, v), 'replace') }) },
  { type: 'ResponseStreamEvent', api: 'responses', sdk: 'openai', stream: true, reply: (s, v) => ({ events: withEvent(responsesTemplate(), planted(s, v), 1) }) },
  { type: 'Message', api: 'messages', sdk: '@anthropic-ai/sdk', stream: false, reply: (s, v) => ({ body: overBase(MESSAGE_ANSWER, planted(s, v), 'replace') }) },
  { type: 'RawMessageStreamEvent', api: 'messages', sdk: '@anthropic-ai/sdk', stream: true, reply: (s, v) => ({ events: withEvent(anthropicTemplate(), planted(s, v), 2) }) },
];

const PASSES = [
  { name: 'secret', value: VALUES.secret },
  { name: 'card number', value: VALUES.card },
] as const;

/** What went wrong for one planted answer, or undefined when the client got nothing in clear. */
function verdict(r: { status: number; text: string }, value: string, stream: boolean): string | undefined {
  if (leaks(r.text, value)) return `reached the client in clear (status ${r.status})`;
  if (r.status >= 500) return `status ${r.status} (a block is a 4xx): ${r.text.slice(0, 160)}`;
  if (r.status >= 400 && !decisionIdOf(r.text)) return `${r.status} without a decision id: ${r.text.slice(0, 160)}`;
  if (stream && r.status === 200 && r.text.length === 0) return 'empty stream';
  return undefined;
}

function report(failures: string[], total: number): string {
  const shown = failures.slice(0, 40).join('\n  ');
  return `${failures.length} of ${total} paths failed:\n  ${shown}${failures.length > 40 ? `\n  … and ${failures.length - 40} more` : ''}`;
}

/** Each path alone: its own answer, its own verdict. */
async function eachAlone(c: AnswerCase, paths: FieldPath[], value: string, failures: string[]): Promise<void> {
  await pool(paths, 12, async (f) => {
    const r = await exchange(c.api, c.reply(f.skeleton, value), c.stream);
    const why = verdict(r, value, c.stream);
    if (why) failures.push(`${f.path}: ${why}`);
  });
}

const BATCH = 25;
const MARK = 900_000;

/**
 * Responses streams have thousands of event paths (every lifecycle event carries a whole
 * Response). To keep the suite fast, one stream carries BATCH planted events, each marked by its
 * sequence_number. A batch counts only when the client got every marked event and the stream
 * completed; otherwise, or when the batch leaks, its paths run one by one.
 */
async function inBatches(c: AnswerCase, paths: FieldPath[], value: string, failures: string[]): Promise<void> {
  const batches: FieldPath[][] = [];
  for (let i = 0; i < paths.length; i += BATCH) batches.push(paths.slice(i, i + BATCH));
  await pool(batches, 8, async (batch) => {
    const template = responsesTemplate();
    // Spaces around the value: without them the values of two planted deltas of one channel
    // would run together into one longer token that is no finding, a leak of the test's making.
    const planted_ = batch.map((f, j) => ({ ...planted<Record<string, unknown>>(f.skeleton, ` ${value} `), sequence_number: MARK + j }));
    const events = [...template.slice(0, -1), ...planted_, template.at(-1)!].map(namedEvent);
    const r = await exchange(c.api, { events }, true);
    const data = sseData(r.text) as Array<{ type?: string; sequence_number?: number }>;
    const delivered = new Set(data.map((d) => d?.sequence_number));
    const whole = r.status === 200 && data.at(-1)?.type === 'response.completed' && batch.every((_, j) => delivered.has(MARK + j));
    if (whole && !verdict(r, value, true)) return;
    const before = failures.length;
    await eachAlone(c, batch, value, failures);
    const why = verdict(r, value, true);
    if (why && failures.length === before) failures.push(`${batch.map((f) => f.path).join(' + ')}: together in one stream ${why}`);
  });
}

for (const c of CASES) {
  const paths = fieldPaths(c.type);
  describe(`${c.type} (${c.sdk} ${sdkVersion(c.sdk)}) via ${c.api}${c.stream ? ', streamed' : ''}: ${paths.length} string paths`, () => {
    for (const pass of PASSES) {
      it(`${paths.length} paths with a ${pass.name} planted in the answer: never in clear at the client`, async () => {
        const failures: string[] = [];
        if (c.type === 'ResponseStreamEvent') await inBatches(c, paths, pass.value, failures);
        else await eachAlone(c, paths, pass.value, failures);
        assert.equal(failures.length, 0, report(failures.sort(), paths.length));
      });
    }
  });
}

describe('a value split across two consecutive chunks of a text delta', () => {
  const splits = (v: string) => Array.from({ length: v.length - 1 }, (_, i) => [v.slice(0, i + 1), v.slice(i + 1)]);
  for (const [name, value] of Object.entries(VALUES)) {
    it(`chat content: ${name}, at every split point`, async () => {
      for (const [a, b] of splits(value)) {
        const piece = (s: string) => chunk([{ index: 0, delta: { content: s }, finish_reason: null }]);
        const r = await exchange('chat', { events: chatStream([piece(`the value is ${a}`), piece(`${b} and more`)]) }, true);
        assert.equal(verdict(r, value, true), undefined, `split ${a}|${b}: ${r.text}`);
      }
    });
    it(`Anthropic text_delta: ${name}, at every split point`, async () => {
      for (const [a, b] of splits(value)) {
        const r = await exchange('messages', { events: anthropicTemplate([`the value is ${a}`, `${b} and more`]).map(namedEvent) }, true);
        assert.equal(verdict(r, value, true), undefined, `split ${a}|${b}: ${r.text}`);
      }
    });
    it(`Responses output_text.delta: ${name}, at every split point`, async () => {
      for (const [a, b] of splits(value)) {
        const r = await exchange('responses', { events: responsesTemplate([`the value is ${a}`, `${b} and more`]).map(namedEvent) }, true);
        assert.equal(verdict(r, value, true), undefined, `split ${a}|${b}: ${r.text}`);
      }
    });
  }
});

// A supplier answer with a duplicate key is not a policy block: Warden may re-serialise it from its
// model or refuse it as a malformed supplier answer (an upstream error); either way the value
// under the other key must not reach the client, and an error names its decision.
describe('duplicate keys in a supplier answer', () => {
  const check = (r: { status: number; text: string }, value: string) => {
    assert.ok(!leaks(r.text, value), `reached the client in clear: ${r.text}`);
    if (r.status !== 200) assert.ok(decisionIdOf(r.text), `an error names its decision: ${r.text}`);
  };
  it('a second value under the same key does not reach the client uninspected (chat)', async () => {
    const raw = `{"id":"chatcmpl-m","object":"chat.completion","created":0,"model":"gpt-4o","choices":[{"index":0,"message":{"role":"assistant","content":"${VALUES.secret}","content":"ok"},"finish_reason":"stop","logprobs":null}]}`;
    check(await exchange('chat', { raw }, false), VALUES.secret);
    const raw2 = raw.replace(`"content":"${VALUES.secret}","content":"ok"`, `"content":"ok","content":"${VALUES.secret}"`);
    check(await exchange('chat', { raw: raw2 }, false), VALUES.secret);
  });
  it('a second value under the same key does not reach the client uninspected (Anthropic)', async () => {
    const raw = `{"id":"msg_m","type":"message","role":"assistant","model":"claude-sonnet-4-6","content":[{"type":"text","text":"${VALUES.card}","text":"ok"}],"stop_reason":"end_turn","stop_sequence":null,"usage":{"input_tokens":1,"output_tokens":1}}`;
    check(await exchange('messages', { raw }, false), VALUES.card);
  });
});
