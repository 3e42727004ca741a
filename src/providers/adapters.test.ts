import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ADAPTERS } from './index.js';
import { SseReader, formatSse } from './sse.js';
import { removeTools } from './tools.js';
import { WardenError } from '../core/errors.js';

describe('request parsing', () => {
  it('chat: tools by identity (function name, legacy functions, built-ins by type), history tool calls', () => {
    const body: Record<string, unknown> = {
      model: 'gpt-4o',
      messages: [
        { role: 'user', content: 'hi' },
        { role: 'assistant', content: null, tool_calls: [{ id: 'c1', type: 'function', function: { name: 'f', arguments: '{"a":1}' } }] },
      ],
      tools: [
        { type: 'function', function: { name: 'search' } },
        // A built-in cannot pass as a function by carrying a name.
        { type: 'web_search', name: 'search' },
        { type: 'function', function: { name: 'delete_account' }, name: 'search' },
      ],
      functions: [{ name: 'legacy_fn' }],
    };
    const i = ADAPTERS['openai.chat'].parseRequest(body);
    assert.deepEqual(
      i.tools.map((t) => [t.name, t.kind, t.path.join('.')]),
      [
        ['search', 'function', 'tools.0'],
        ['web_search', 'builtin', 'tools.1'],
        ['delete_account', 'function', 'tools.2'],
        ['legacy_fn', 'function', 'functions.0'],
      ],
    );
    assert.deepEqual(i.toolCalls, [{ id: 'c1', name: 'f', arguments: '{"a":1}' }]);
    assert.equal(i.messageCount, 2);
  });

  it('chat: stripping removes entries by path and a tool_choice naming one of them', () => {
    const a = ADAPTERS['openai.chat'];
    const body: Record<string, unknown> = {
      model: 'm',
      messages: [{ role: 'user', content: 'x' }],
      tools: [{ type: 'function', function: { name: 'keep' } }, { type: 'code_interpreter' }],
      tool_choice: { type: 'code_interpreter' },
    };
    const tools = a.parseRequest(body).tools;
    assert.equal(removeTools(body, tools.filter((t) => t.name === 'code_interpreter')), 1);
    a.afterStrip(body, new Set(['code_interpreter']));
    assert.deepEqual(body.tools, [{ type: 'function', function: { name: 'keep' } }]);
    assert.equal(body.tool_choice, undefined);
    removeTools(body, a.parseRequest(body).tools);
    body.parallel_tool_calls = true;
    a.afterStrip(body, new Set(['keep']));
    assert.equal(body.tools, undefined);
    assert.equal(body.parallel_tool_calls, undefined);
  });

  it('anthropic: custom tools by name, server tools by type, MCP servers as mcp:<name>', () => {
    const i = ADAPTERS['anthropic.messages'].parseRequest({
      model: 'claude',
      max_tokens: 10,
      messages: [{ role: 'assistant', content: [{ type: 'tool_use', id: 't', name: 'lookup', input: { q: 1 } }] }],
      tools: [{ name: 'lookup', input_schema: {} }, { type: 'web_search_20250305', name: 'web_search' }],
      mcp_servers: [{ type: 'url', url: 'https://mcp.example', name: 'crm' }],
    });
    assert.deepEqual(
      i.tools.map((t) => [t.name, t.kind, t.alias]),
      [
        ['lookup', 'function', undefined],
        ['web_search_20250305', 'builtin', 'web_search'],
        ['mcp:crm', 'mcp', undefined],
      ],
    );
    assert.deepEqual(i.toolCalls, [{ id: 't', name: 'lookup', arguments: '{"q":1}' }]);
  });

  it('responses: built-ins by type even with a name, MCP by server label, function_call items in the input', () => {
    const i = ADAPTERS['openai.responses'].parseRequest({
      model: 'm',
      input: [{ type: 'function_call', call_id: 'x', name: 'get_weather', arguments: '{}' }],
      tools: [{ type: 'web_search', name: 'search_docs' }, { type: 'mcp', server_label: 'crm', server_url: 'https://x' }, { type: 'function', name: 'get_weather' }],
    });
    assert.deepEqual(i.tools.map((t) => t.name), ['web_search', 'mcp:crm', 'get_weather']);
    assert.deepEqual(i.toolCalls.map((c) => c.name), ['get_weather']);
  });

  it('embeddings: token arrays are refused, they cannot be inspected', () => {
    assert.throws(
      () => ADAPTERS['openai.embeddings'].parseRequest({ model: 'm', input: [[1, 2, 3]] }),
      (e: unknown) => e instanceof WardenError && e.code === 'WARDEN_BAD_REQUEST' && /token arrays/.test(e.message),
    );
  });

  it('names the bad field', () => {
    assert.throws(
      () => ADAPTERS['openai.chat'].parseRequest({ model: 'm', messages: [{ content: 'no role' }] }),
      (e: unknown) => e instanceof WardenError && e.code === 'WARDEN_BAD_REQUEST' && /messages\.0\.role/.test(e.message),
    );
  });
});

describe('answers', () => {
  it('chat: tool calls of every choice, custom tools and the legacy function_call', () => {
    const r = ADAPTERS['openai.chat'].parseResponse({
      choices: [
        { message: { tool_calls: [{ id: 'a', type: 'function', function: { name: 'f', arguments: '{}' } }] } },
        { message: { tool_calls: [{ id: 'b', type: 'custom', custom: { name: 'g', input: 'raw' } }], function_call: { name: 'h', arguments: '{"x":1}' } } },
      ],
      usage: { prompt_tokens: 3, completion_tokens: 4 },
    });
    assert.deepEqual(r.toolCalls.map((c) => [c.name, c.arguments]), [['f', '{}'], ['g', 'raw'], ['h', '{"x":1}']]);
    assert.deepEqual(r.tokens, { input: 3, output: 4 });
  });

  it('responses: output items name the tool they use', () => {
    const r = ADAPTERS['openai.responses'].parseResponse({
      output: [
        { type: 'function_call', name: 'f', arguments: '{}', call_id: 'c' },
        { type: 'mcp_call', server_label: 'crm', name: 'delete', arguments: '{}' },
        { type: 'web_search_call', id: 'w', action: { query: 'q' } },
        { type: 'message', content: [{ type: 'output_text', text: 'hi' }] },
      ],
    });
    assert.deepEqual(r.toolCalls.map((c) => c.name), ['f', 'mcp:crm', 'web_search']);
  });
});

describe('stream events', () => {
  const view = (api: keyof typeof ADAPTERS, event: string | undefined, data: string) =>
    ADAPTERS[api].streamEvent(event, data, data === '[DONE]' ? undefined : JSON.parse(data));

  it('chat: every choice, content, reasoning, refusal, every tool call index, logprob tokens', () => {
    const v = view(
      'openai.chat',
      undefined,
      JSON.stringify({
        choices: [
          { index: 0, delta: { content: 'a', reasoning_content: 'r' }, logprobs: { content: [{ token: 'a', logprob: 0 }] } },
          { index: 1, delta: { refusal: 'no', tool_calls: [{ index: 0, function: { name: 'x', arguments: '{' } }, { index: 1, id: 'c', function: { name: 'y', arguments: '"q' } }] } },
        ],
        usage: { prompt_tokens: 1, completion_tokens: 2 },
      }),
    );
    assert.deepEqual(
      v.pieces.map((p) => [p.path.join('.'), p.channel, p.toolKey]),
      [
        ['choices.0.delta.content', '0:content', undefined],
        ['choices.0.delta.reasoning_content', '0:reasoning_content', undefined],
        ['choices.0.logprobs.content.0.token', '0:logprobs:content', undefined],
        ['choices.1.delta.refusal', '1:refusal', undefined],
        ['choices.1.delta.tool_calls.0.function.arguments', 'tool:1:0', '1:0'],
        ['choices.1.delta.tool_calls.1.function.arguments', 'tool:1:1', '1:1'],
      ],
    );
    assert.deepEqual(v.toolCalls, [{ key: '1:0', id: undefined, name: 'x' }, { key: '1:1', id: 'c', name: 'y' }]);
    assert.deepEqual(v.usage, { input: 1, output: 2 });
    assert.equal(view('openai.chat', undefined, '[DONE]').done, true);
  });

  it('anthropic: text, thinking and tool input per block', () => {
    const a = 'anthropic.messages';
    assert.deepEqual(view(a, 'content_block_delta', '{"type":"content_block_delta","index":1,"delta":{"type":"text_delta","text":"yo"}}').pieces, [{ path: ['delta', 'text'], channel: '1' }]);
    assert.deepEqual(view(a, 'content_block_delta', '{"type":"content_block_delta","index":0,"delta":{"type":"thinking_delta","thinking":"hm"}}').pieces, [{ path: ['delta', 'thinking'], channel: '0' }]);
    const tool = view(a, 'content_block_start', '{"type":"content_block_start","index":2,"content_block":{"type":"tool_use","id":"t","name":"f","input":{}}}');
    assert.deepEqual(tool.toolCalls, [{ key: '2', id: 't', name: 'f' }]);
    assert.deepEqual(view(a, 'content_block_delta', '{"type":"content_block_delta","index":2,"delta":{"type":"input_json_delta","partial_json":"{\\"a"}}').pieces, [
      { path: ['delta', 'partial_json'], channel: 'tool:2', toolKey: '2' },
    ]);
    assert.equal(view(a, 'message_stop', '{"type":"message_stop"}').done, true);
  });

  it('responses: output text, reasoning summaries and function arguments are separate channels', () => {
    const r = 'openai.responses';
    assert.equal(view(r, 'response.output_text.delta', '{"type":"response.output_text.delta","output_index":1,"content_index":0,"delta":"x"}').pieces[0].channel, '1:c0:response.output_text.delta');
    assert.equal(view(r, 'response.reasoning_summary_text.delta', '{"type":"response.reasoning_summary_text.delta","output_index":0,"summary_index":2,"delta":"x"}').pieces[0].channel, '0:s2:response.reasoning_summary_text.delta');
    assert.deepEqual(view(r, 'response.function_call_arguments.delta', '{"type":"response.function_call_arguments.delta","output_index":3,"delta":"{"}').pieces, [{ path: ['delta'], channel: 'tool:3', toolKey: '3' }]);
    assert.deepEqual(view(r, 'response.output_item.added', '{"type":"response.output_item.added","output_index":3,"item":{"type":"mcp_call","server_label":"crm","id":"m"}}').toolCalls, [{ key: '3', id: 'm', name: 'mcp:crm' }]);
  });
});

describe('SSE', () => {
  it('reassembles events split at any byte, multi-byte characters included', () => {
    const text = formatSse('e1', '{"t":"héllo 👋"}') + formatSse(undefined, 'line1\nline2') + formatSse(undefined, '[DONE]');
    const bytes = Buffer.from(text);
    for (let cut = 1; cut < bytes.length; cut++) {
      const r = new SseReader();
      const events = [...r.push(bytes.subarray(0, cut)), ...r.push(bytes.subarray(cut)), ...r.end()];
      assert.deepEqual(
        events.map((e) => [e.event, e.data]),
        [
          ['e1', '{"t":"héllo 👋"}'],
          [undefined, 'line1\nline2'],
          [undefined, '[DONE]'],
        ],
        `cut at ${cut}`,
      );
    }
  });
});
