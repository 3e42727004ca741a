import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ADAPTERS } from './index.js';
import { setAtPath } from './edit.js';
import { SseReader, formatSse } from './sse.js';
import { WardenError } from '../core/errors.js';

describe('request parsing', () => {
  it('chat: every text part with its path, tools, and edits land back in place', () => {
    const body = {
      model: 'gpt-4o',
      messages: [
        { role: 'system', content: 'be brief' },
        { role: 'user', content: [{ type: 'text', text: 'part one' }, { type: 'image_url', image_url: { url: 'x' } }, { type: 'text', text: 'part two' }] },
        { role: 'assistant', content: null, tool_calls: [{ id: 'c1', type: 'function', function: { name: 'f', arguments: '{"a":1}' } }] },
      ],
      tools: [{ type: 'function', function: { name: 'search' } }],
    };
    const i = ADAPTERS['openai.chat'].parseRequest(body);
    assert.deepEqual(
      i.segments.map((s) => [s.path, s.role, s.text]),
      [
        ['messages.0.content', 'system', 'be brief'],
        ['messages.1.content.0.text', 'user', 'part one'],
        ['messages.1.content.2.text', 'user', 'part two'],
        ['messages.2.tool_calls.0.function.arguments', 'tool_call', '{"a":1}'],
      ],
    );
    assert.deepEqual(i.tools, [{ name: 'search' }]);
    assert.equal(i.messageCount, 3);
    setAtPath(body, i.segments[2].path, 'edited');
    assert.equal((body.messages[1].content as Array<{ text?: string }>)[2].text, 'edited');
  });

  it('anthropic: system blocks, tool results, tools', () => {
    const i = ADAPTERS['anthropic.messages'].parseRequest({
      model: 'claude',
      max_tokens: 10,
      system: [{ type: 'text', text: 'sys' }],
      messages: [{ role: 'user', content: [{ type: 'tool_result', tool_use_id: 't', content: [{ type: 'text', text: 'result text' }] }] }],
      tools: [{ name: 'lookup', input_schema: {} }],
    });
    assert.deepEqual(
      i.segments.map((s) => [s.path, s.role]),
      [
        ['system.0.text', 'system'],
        ['messages.0.content.0.content.0.text', 'tool'],
      ],
    );
    assert.deepEqual(i.tools, [{ name: 'lookup' }]);
  });

  it('responses: string input, items and instructions', () => {
    const i = ADAPTERS['openai.responses'].parseRequest({
      model: 'm',
      instructions: 'be kind',
      input: [{ role: 'user', content: [{ type: 'input_text', text: 'hi' }] }, { type: 'function_call_output', call_id: 'x', output: 'tool says' }],
    });
    assert.deepEqual(i.segments.map((s) => s.path), ['instructions', 'input.0.content.0.text', 'input.1.output']);
  });

  it('names the bad field', () => {
    assert.throws(
      () => ADAPTERS['openai.chat'].parseRequest({ model: 'm', messages: [{ content: 'no role' }] }),
      (e: unknown) => e instanceof WardenError && e.code === 'WARDEN_BAD_REQUEST' && /messages\.0\.role/.test(e.message),
    );
  });
});

describe('stream events', () => {
  it('chat deltas, tool calls, usage and DONE', () => {
    const a = ADAPTERS['openai.chat'];
    assert.deepEqual(a.parseStreamEvent(undefined, '{"choices":[{"index":0,"delta":{"content":"hi"}}]}'), { text: 'hi', channel: 0 });
    assert.deepEqual(a.parseStreamEvent(undefined, '{"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"{"}}]}}]}')?.toolCall, {
      index: 0,
      id: undefined,
      name: undefined,
      argumentsDelta: '{',
    });
    assert.deepEqual(a.parseStreamEvent(undefined, '[DONE]'), { done: true });
    const rewritten = JSON.parse(a.rewriteStreamText('{"id":"x","choices":[{"index":0,"delta":{"content":"secret"}}]}', '[MASKED]'));
    assert.equal(rewritten.choices[0].delta.content, '[MASKED]');
    assert.equal(rewritten.id, 'x');
  });

  it('anthropic text and tool deltas', () => {
    const a = ADAPTERS['anthropic.messages'];
    assert.deepEqual(a.parseStreamEvent('content_block_delta', '{"type":"content_block_delta","index":1,"delta":{"type":"text_delta","text":"yo"}}'), { text: 'yo', channel: 1 });
    assert.deepEqual(a.parseStreamEvent('message_stop', '{"type":"message_stop"}'), { done: true });
    assert.equal(a.parseStreamEvent('ping', '{}'), null);
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
