// Tool scope for every kind of tool, through the official SDKs (docs/MEDIATION.md, "Tools"): the
// `app` system may use search_docs, get_weather, run_sql and send_email. Tools outside that scope
// never reach the supplier (identity: a function tool's name, a built-in's type, `mcp:<label>`),
// a tool_choice naming a stripped tool goes with it, and an answer calling one is blocked without
// the client seeing the call.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import Anthropic from '@anthropic-ai/sdk';
import { startSdkWarden, type TestWarden } from '../helpers/warden.js';
import type { MockEvent } from '../helpers/mock-upstream.js';
import { post, streamError } from './http.js';
import { anthropicToolStream, chatToolStream, IN_ARGS, OUT_ARGS, responsesToolStream } from './streams.js';

let t: TestWarden;
let openai: OpenAI;
let anthropic: Anthropic;

before(async () => {
  ({ t, openai, anthropic } = await startSdkWarden());
});
after(() => t.close());

const params = { type: 'object', properties: { q: { type: 'string' } } };
const chatTool = (name: string) => ({ type: 'function' as const, function: { name, parameters: params } });
const respTool = (name: string) => ({ type: 'function' as const, name, parameters: params, strict: false });
const claudeTool = (name: string) => ({ name, input_schema: { type: 'object' as const, properties: { q: { type: 'string' } } } });
const user = (content: string) => [{ role: 'user' as const, content }];

/** The body the supplier received for the last request. */
const lastSent = () => t.mock.seen.at(-1)!.body;
const sentText = () => JSON.stringify(lastSent());

function assertWarned(headers: Headers, what: string) {
  assert.ok(headers.get('x-warden-warning'), `${what}: x-warden-warning is present`);
}

describe('chat completions: tools outside scope are stripped', () => {
  it('a function tool outside scope is stripped, the one in scope kept', async () => {
    const { response } = await openai.chat.completions
      .create({ model: 'gpt-4o', messages: user('help'), tools: [chatTool('search_docs'), chatTool('delete_account')] })
      .withResponse();
    assert.deepEqual(lastSent().tools.map((x: any) => x.function.name), ['search_docs']);
    assert.ok(!sentText().includes('delete_account'));
    assertWarned(response.headers, 'chat');
  });

  it('a tool whose function.name is outside scope is stripped even with an in-scope `name` beside it', async () => {
    const sly = { type: 'function', function: { name: 'delete_account', parameters: params }, name: 'search_docs' } as any;
    const { response } = await openai.chat.completions.create({ model: 'gpt-4o', messages: user('help'), tools: [chatTool('get_weather'), sly] }).withResponse();
    assert.ok(!sentText().includes('delete_account'), sentText());
    assert.deepEqual(lastSent().tools.map((x: any) => x.function.name), ['get_weather']);
    assertWarned(response.headers, 'chat function.name');
  });

  it('legacy `functions` outside scope are stripped', async () => {
    const { response } = await openai.chat.completions
      .create({ model: 'gpt-4o', messages: user('help'), functions: [{ name: 'search_docs', parameters: params }, { name: 'delete_account', parameters: params }] } as any)
      .withResponse();
    assert.ok(!sentText().includes('delete_account'), sentText());
    assert.deepEqual(lastSent().functions.map((x: any) => x.name), ['search_docs']);
    assertWarned(response.headers, 'functions');
  });

  it('tool_choice naming a stripped tool is removed', async () => {
    const { response } = await openai.chat.completions
      .create({
        model: 'gpt-4o',
        messages: user('help'),
        tools: [chatTool('search_docs'), chatTool('delete_account')],
        tool_choice: { type: 'function', function: { name: 'delete_account' } },
      })
      .withResponse();
    assert.ok(!sentText().includes('delete_account'), sentText());
    assert.equal(lastSent().tool_choice, undefined);
    assertWarned(response.headers, 'tool_choice');
  });

  it('when no tool is left, tool_choice and parallel_tool_calls go too', async () => {
    const { response } = await openai.chat.completions
      .create({ model: 'gpt-4o', messages: user('help'), tools: [chatTool('delete_account')], tool_choice: 'required', parallel_tool_calls: true })
      .withResponse();
    const sent = lastSent();
    assert.ok(!sentText().includes('delete_account'), sentText());
    assert.ok(!sent.tools || sent.tools.length === 0, sentText());
    assert.equal(sent.tool_choice, undefined, sentText());
    assert.equal(sent.parallel_tool_calls, undefined, sentText());
    assertWarned(response.headers, 'no tool left');
  });
});

describe('Responses: built-in and MCP tools are identified by type / server label', () => {
  const BUILT_INS: Array<[string, Record<string, unknown>]> = [
    ['web_search_preview', { type: 'web_search_preview' }],
    ['code_interpreter', { type: 'code_interpreter', container: { type: 'auto' } }],
    ['file_search', { type: 'file_search', vector_store_ids: ['vs_1'] }],
    ['computer_use_preview', { type: 'computer_use_preview', display_width: 1024, display_height: 768, environment: 'browser' }],
    ['mcp crm', { type: 'mcp', server_label: 'crm', server_url: 'https://crm.example.com/mcp', require_approval: 'never' }],
    ['web_search named like an in-scope function', { type: 'web_search', name: 'search_docs' }],
  ];
  for (const [name, tool] of BUILT_INS) {
    it(`${name} is stripped; the function tool in scope is kept`, async () => {
      const { response } = await openai.responses.create({ model: 'gpt-4o', input: 'help', tools: [respTool('search_docs'), tool as any] }).withResponse();
      const tools = lastSent().tools as any[];
      assert.deepEqual(tools.map((x) => x.type), ['function'], sentText());
      assert.equal(tools[0].name, 'search_docs');
      assertWarned(response.headers, name);
    });
  }

  it('tool_choice naming a stripped built-in is removed', async () => {
    await openai.responses.create({ model: 'gpt-4o', input: 'help', tools: [respTool('search_docs'), { type: 'web_search_preview' }], tool_choice: { type: 'web_search_preview' } as any });
    assert.deepEqual((lastSent().tools as any[]).map((x) => x.type), ['function'], sentText());
    assert.equal(lastSent().tool_choice, undefined, sentText());
  });

  it('tool_choice naming a stripped function is removed', async () => {
    await openai.responses.create({ model: 'gpt-4o', input: 'help', tools: [respTool('search_docs'), respTool('delete_account')], tool_choice: { type: 'function', name: 'delete_account' } });
    assert.ok(!sentText().includes('delete_account'), sentText());
    assert.equal(lastSent().tool_choice, undefined);
  });
});

describe('Anthropic: server tools and MCP servers', () => {
  it('a server tool (web_search_20250305) is stripped, the custom tool in scope kept', async () => {
    const { response } = await anthropic.messages
      .create({ model: 'claude-sonnet-4-6', max_tokens: 64, messages: user('help'), tools: [claudeTool('search_docs'), { type: 'web_search_20250305', name: 'web_search' } as any] })
      .withResponse();
    assert.deepEqual((lastSent().tools as any[]).map((x) => x.name), ['search_docs'], sentText());
    assertWarned(response.headers, 'server tool');
  });

  it('a server tool named like an in-scope tool is still stripped: its identity is its type', async () => {
    await anthropic.messages.create({ model: 'claude-sonnet-4-6', max_tokens: 64, messages: user('help'), tools: [claudeTool('get_weather'), { type: 'web_search_20250305', name: 'search_docs' } as any] });
    assert.ok(!sentText().includes('web_search_20250305'), sentText());
  });

  it('mcp_servers outside scope are stripped', async () => {
    const { response } = await anthropic.messages
      .create({
        model: 'claude-sonnet-4-6',
        max_tokens: 64,
        messages: user('help'),
        tools: [claudeTool('search_docs')],
        mcp_servers: [{ type: 'url', url: 'https://crm.example.com/mcp', name: 'crm' }],
      } as any)
      .withResponse();
    const sent = lastSent();
    assert.ok(!sentText().includes('crm.example.com'), sentText());
    assert.ok(!sent.mcp_servers || sent.mcp_servers.length === 0, sentText());
    assert.deepEqual((sent.tools as any[]).map((x) => x.name), ['search_docs']);
    assertWarned(response.headers, 'mcp_servers');
  });

  it('tool_choice naming a stripped tool is removed', async () => {
    await anthropic.messages.create({
      model: 'claude-sonnet-4-6',
      max_tokens: 64,
      messages: user('help'),
      tools: [claudeTool('search_docs'), claudeTool('delete_account')],
      tool_choice: { type: 'tool', name: 'delete_account' },
    });
    assert.ok(!sentText().includes('delete_account'), sentText());
    assert.equal(lastSent().tool_choice, undefined);
  });
});

// ---------------------------------------------------------------- answers

function assertNoOutOfScopeCall(raw: string) {
  assert.ok(!raw.includes('delete_account'), `the client saw the out-of-scope tool's name: ${raw.slice(0, 600)}`);
  for (const p of ['acct-7781', 'account_id']) assert.ok(!raw.includes(p), `the client saw the out-of-scope call's arguments: ${raw.slice(0, 600)}`);
}

function assertBlockedStream(raw: string) {
  assert.ok(streamError(raw), `the stream ends with an error event: ${raw.slice(-600)}`);
}

const chatAnswer = (second: string) => ({
  id: 'chatcmpl-m',
  object: 'chat.completion',
  created: 0,
  model: 'gpt-4o',
  choices: [
    {
      index: 0,
      message: {
        role: 'assistant',
        content: null,
        tool_calls: [
          { id: 'call_0', type: 'function', function: { name: 'search_docs', arguments: IN_ARGS } },
          { id: 'call_1', type: 'function', function: { name: second, arguments: OUT_ARGS } },
        ],
      },
      finish_reason: 'tool_calls',
    },
  ],
});
const claudeAnswer = (second: string) => ({
  id: 'msg_m',
  type: 'message',
  role: 'assistant',
  model: 'claude-sonnet-4-6',
  content: [
    { type: 'tool_use', id: 'toolu_0', name: 'search_docs', input: JSON.parse(IN_ARGS) },
    { type: 'tool_use', id: 'toolu_1', name: second, input: JSON.parse(OUT_ARGS) },
  ],
  stop_reason: 'tool_use',
  stop_sequence: null,
  usage: { input_tokens: 1, output_tokens: 1 },
});
const responsesAnswer = (second: string) => ({
  id: 'resp_m',
  object: 'response',
  created_at: 0,
  status: 'completed',
  model: 'gpt-4o',
  output: [
    { type: 'function_call', id: 'fc_0', call_id: 'call_0', name: 'search_docs', arguments: IN_ARGS, status: 'completed' },
    { type: 'function_call', id: 'fc_1', call_id: 'call_1', name: second, arguments: OUT_ARGS, status: 'completed' },
  ],
});

async function withReply<T>(reply: { body?: unknown; events?: MockEvent[] }, fn: () => Promise<T>): Promise<T> {
  t.mock.replyBody = reply.body;
  t.mock.replyEvents = reply.events;
  try {
    return await fn();
  } finally {
    t.mock.replyBody = undefined;
    t.mock.replyEvents = undefined;
  }
}

describe('answers calling a tool outside scope (second call, index 1) are blocked', () => {
  it('chat, plain: SDK gets a 4xx; raw bytes carry neither the name nor the arguments', async () => {
    await withReply({ body: chatAnswer('delete_account') }, async () => {
      await assert.rejects(openai.chat.completions.create({ model: 'gpt-4o', messages: user('clean up') }), (err: any) => {
        assert.ok(err.status >= 400 && err.status < 500, `status ${err.status}`);
        assertNoOutOfScopeCall(JSON.stringify(err.error ?? {}) + err.message);
        return true;
      });
      const r = await post(t, 'chat', { model: 'gpt-4o', messages: user('clean up') });
      assert.ok(r.status >= 400 && r.status < 500, `status ${r.status}`);
      assertNoOutOfScopeCall(r.text);
    });
  });

  it('chat, streamed with arguments over several chunks: error event, the call never reaches the client', async () => {
    await withReply({ events: chatToolStream('delete_account', OUT_ARGS) }, async () => {
      const r = await post(t, 'chat', { model: 'gpt-4o', messages: user('clean up'), stream: true });
      assertNoOutOfScopeCall(r.text);
      assertBlockedStream(r.text);
      const stream = await openai.chat.completions.create({ model: 'gpt-4o', messages: user('clean up'), stream: true });
      let seen = '';
      await assert.rejects(async () => {
        for await (const c of stream) seen += JSON.stringify(c);
      });
      assertNoOutOfScopeCall(seen);
    });
  });

  it('Anthropic, plain', async () => {
    await withReply({ body: claudeAnswer('delete_account') }, async () => {
      await assert.rejects(anthropic.messages.create({ model: 'claude-sonnet-4-6', max_tokens: 64, messages: user('clean up') }), (err: any) => {
        assert.ok(err.status >= 400 && err.status < 500, `status ${err.status}`);
        return true;
      });
      const r = await post(t, 'messages', { model: 'claude-sonnet-4-6', max_tokens: 64, messages: user('clean up') });
      assert.ok(r.status >= 400 && r.status < 500, `status ${r.status}`);
      assertNoOutOfScopeCall(r.text);
    });
  });

  it('Anthropic, streamed with input_json_delta over several chunks', async () => {
    await withReply({ events: anthropicToolStream('delete_account', OUT_ARGS) }, async () => {
      const r = await post(t, 'messages', { model: 'claude-sonnet-4-6', max_tokens: 64, messages: user('clean up'), stream: true });
      assertNoOutOfScopeCall(r.text);
      assertBlockedStream(r.text);
    });
  });

  it('Responses, plain', async () => {
    await withReply({ body: responsesAnswer('delete_account') }, async () => {
      await assert.rejects(openai.responses.create({ model: 'gpt-4o', input: 'clean up' }), (err: any) => {
        assert.ok(err.status >= 400 && err.status < 500, `status ${err.status}`);
        return true;
      });
      const r = await post(t, 'responses', { model: 'gpt-4o', input: 'clean up' });
      assert.ok(r.status >= 400 && r.status < 500, `status ${r.status}`);
      assertNoOutOfScopeCall(r.text);
    });
  });

  it('Responses, streamed with function_call_arguments.delta over several chunks', async () => {
    await withReply({ events: responsesToolStream('delete_account', OUT_ARGS) }, async () => {
      const r = await post(t, 'responses', { model: 'gpt-4o', input: 'clean up', stream: true });
      assertNoOutOfScopeCall(r.text);
      assertBlockedStream(r.text);
    });
  });
});

describe('in-scope streamed tool calls with arguments split over chunks arrive intact', () => {
  const SECOND = '{"city":"Oslo","units":"metric"}';

  it('chat (OpenAI SDK)', async () => {
    await withReply({ events: chatToolStream('get_weather', SECOND) }, async () => {
      const stream = await openai.chat.completions.create({ model: 'gpt-4o', messages: user('weather?'), stream: true });
      const calls: Array<{ name: string; args: string }> = [];
      for await (const c of stream)
        for (const d of c.choices[0]?.delta?.tool_calls ?? []) {
          calls[d.index] ??= { name: '', args: '' };
          calls[d.index].name += d.function?.name ?? '';
          calls[d.index].args += d.function?.arguments ?? '';
        }
      assert.deepEqual(calls, [
        { name: 'search_docs', args: IN_ARGS },
        { name: 'get_weather', args: SECOND },
      ]);
    });
  });

  it('Anthropic (SDK stream helper)', async () => {
    await withReply({ events: anthropicToolStream('get_weather', SECOND) }, async () => {
      const final = await anthropic.messages.stream({ model: 'claude-sonnet-4-6', max_tokens: 64, messages: user('weather?') }).finalMessage();
      const uses = final.content.filter((b) => b.type === 'tool_use') as Array<{ name: string; input: unknown }>;
      assert.deepEqual(uses.map((u) => [u.name, u.input]), [
        ['search_docs', JSON.parse(IN_ARGS)],
        ['get_weather', JSON.parse(SECOND)],
      ]);
    });
  });

  it('Responses (OpenAI SDK)', async () => {
    await withReply({ events: responsesToolStream('get_weather', SECOND) }, async () => {
      const stream = await openai.responses.create({ model: 'gpt-4o', input: 'weather?', stream: true });
      const args: Record<number, string> = {};
      for await (const ev of stream) if (ev.type === 'response.function_call_arguments.delta') args[ev.output_index] = (args[ev.output_index] ?? '') + ev.delta;
      assert.deepEqual(args, { 0: IN_ARGS, 1: SECOND });
    });
  });
});
