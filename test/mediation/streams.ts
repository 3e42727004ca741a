// Streamed answers with tool calls, as the suppliers send them: an in-scope call at index 0 and a
// second call at index 1, arguments split over several chunks.
import type { MockEvent } from '../helpers/mock-upstream.js';
import { chatEvent, namedEvent } from './http.js';

export const OUT_ARGS = '{"account_id":"acct-7781","confirm":true}';
export const IN_ARGS = '{"q":"quarterly report for the north region"}';
/** Splits a string into n pieces of about equal length. */
export const pieces = (s: string, n: number) => Array.from({ length: n }, (_, i) => s.slice(Math.floor((i * s.length) / n), Math.floor(((i + 1) * s.length) / n)));

const chunk = (choices: unknown[]) => ({ id: 'chatcmpl-m', object: 'chat.completion.chunk', created: 0, model: 'gpt-4o', choices });
const tc = (tool_calls: unknown[]) => chunk([{ index: 0, delta: { tool_calls }, finish_reason: null }]);

/** Chat stream: a call at index 0 (in scope) and index 1, arguments in several chunks. */
export function chatToolStream(second: string, secondArgs: string): MockEvent[] {
  return [
    chunk([{ index: 0, delta: { role: 'assistant', content: null }, finish_reason: null }]),
    tc([{ index: 0, id: 'call_0', type: 'function', function: { name: 'search_docs', arguments: '' } }]),
    ...pieces(IN_ARGS, 3).map((a) => tc([{ index: 0, function: { arguments: a } }])),
    tc([{ index: 1, id: 'call_1', type: 'function', function: { name: second, arguments: '' } }]),
    ...pieces(secondArgs, 4).map((a) => tc([{ index: 1, function: { arguments: a } }])),
    chunk([{ index: 0, delta: {}, finish_reason: 'tool_calls' }]),
    '[DONE]',
  ].map(chatEvent);
}

export function anthropicToolStream(second: string, secondArgs: string): MockEvent[] {
  return [
    { type: 'message_start', message: { id: 'msg_m', type: 'message', role: 'assistant', model: 'claude-sonnet-4-6', content: [], stop_reason: null, stop_sequence: null, usage: { input_tokens: 1, output_tokens: 1 } } },
    { type: 'content_block_start', index: 0, content_block: { type: 'tool_use', id: 'toolu_0', name: 'search_docs', input: {} } },
    ...pieces(IN_ARGS, 3).map((p) => ({ type: 'content_block_delta', index: 0, delta: { type: 'input_json_delta', partial_json: p } })),
    { type: 'content_block_stop', index: 0 },
    { type: 'content_block_start', index: 1, content_block: { type: 'tool_use', id: 'toolu_1', name: second, input: {} } },
    ...pieces(secondArgs, 4).map((p) => ({ type: 'content_block_delta', index: 1, delta: { type: 'input_json_delta', partial_json: p } })),
    { type: 'content_block_stop', index: 1 },
    { type: 'message_delta', delta: { stop_reason: 'tool_use', stop_sequence: null }, usage: { output_tokens: 5 } },
    { type: 'message_stop' },
  ].map(namedEvent);
}

export function responsesToolStream(second: string, secondArgs: string): MockEvent[] {
  let seq = 0;
  const ev = (o: Record<string, unknown>) => ({ ...o, sequence_number: seq++ });
  const base = { id: 'resp_m', object: 'response', created_at: 0, model: 'gpt-4o' };
  const call = (i: number, name: string, args: string, status: string) => ({ type: 'function_call', id: `fc_${i}`, call_id: `call_${i}`, name, arguments: args, status });
  const one = (i: number, name: string, args: string, n: number) => [
    ev({ type: 'response.output_item.added', output_index: i, item: call(i, name, '', 'in_progress') }),
    ...pieces(args, n).map((delta) => ev({ type: 'response.function_call_arguments.delta', item_id: `fc_${i}`, output_index: i, delta })),
    ev({ type: 'response.function_call_arguments.done', item_id: `fc_${i}`, output_index: i, arguments: args }),
    ev({ type: 'response.output_item.done', output_index: i, item: call(i, name, args, 'completed') }),
  ];
  return [
    ev({ type: 'response.created', response: { ...base, status: 'in_progress', output: [] } }),
    ...one(0, 'search_docs', IN_ARGS, 3),
    ...one(1, second, secondArgs, 4),
    ev({ type: 'response.completed', response: { ...base, status: 'completed', output: [call(0, 'search_docs', IN_ARGS, 'completed'), call(1, second, secondArgs, 'completed')] } }),
  ].map(namedEvent);
}

