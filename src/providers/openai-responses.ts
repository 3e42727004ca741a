import { z } from 'zod';
import type { ToolCall } from '../core/types.js';
import type { ProviderAdapter, RequestView, StreamEventView } from './types.js';
import { checkBody } from './validate.js';
import { openaiErrorBody, openaiResponsesStreamError } from './errors.js';
import { mcpName, openaiToolIdentity, toolsAt } from './tools.js';

const responsesBody = z.looseObject({
  model: z.string({ error: 'model is required' }).min(1, 'model is required'),
  input: z.union([z.string(), z.array(z.looseObject({}))], { error: 'input must be a string or an array of items' }),
  instructions: z.string().nullable().optional(),
  stream: z.boolean().optional(),
  tools: z.array(z.looseObject({ type: z.string() })).optional(),
});

type Obj = Record<string, unknown>;
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const obj = (v: unknown): Obj | undefined => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : undefined);

/** Output items that are tool calls, and the identity of the tool each one uses (docs/MEDIATION.md). */
function callName(item: Obj): string | undefined {
  const type = str(item.type) ?? '';
  if (type === 'function_call' || type === 'custom_tool_call') return str(item.name) ?? '';
  if (type === 'mcp_call' || type === 'mcp_list_tools' || type === 'mcp_approval_request') return mcpName(item.server_label);
  if (type === 'computer_call') return 'computer_use_preview';
  if (type === 'web_search_call') return 'web_search';
  if (type.endsWith('_call')) return type.slice(0, -'_call'.length);
  return undefined;
}

function itemToolCall(item: Obj): ToolCall | undefined {
  const name = callName(item);
  if (name === undefined) return undefined;
  const args = str(item.arguments) ?? str(item.input) ?? (item.action !== undefined ? JSON.stringify(item.action) : '');
  return { id: str(item.call_id) ?? str(item.id), name, arguments: args };
}

export const responsesAdapter: ProviderAdapter = {
  api: 'openai.responses',
  errorStyle: 'openai',
  endpoint: 'responses',
  streams: true,

  parseRequest(body): RequestView {
    checkBody(responsesBody, body);
    const input = body.input;
    const items = Array.isArray(input) ? (input as Obj[]) : [];
    return {
      api: 'openai.responses',
      model: body.model as string,
      stream: body.stream === true,
      tools: toolsAt(body, 'tools', openaiToolIdentity),
      toolCalls: items.flatMap((i) => itemToolCall(i) ?? []),
      messageCount: Array.isArray(input) ? input.length : 1,
    };
  },

  afterStrip(body, stripped) {
    const choice = body.tool_choice;
    const named = obj(choice) && obj(choice)!.type !== 'allowed_tools' ? openaiToolIdentity(obj(choice)!).name : undefined;
    const left = arr(body.tools).length;
    if (left === 0 || (named !== undefined && stripped.has(named))) delete body.tool_choice;
    if (left === 0) delete body.parallel_tool_calls;
  },

  parseResponse(body) {
    const b = obj(body) ?? {};
    const output = arr(b.output);
    const usage = obj(b.usage);
    return {
      toolCalls: output.flatMap((i) => (obj(i) ? (itemToolCall(obj(i)!) ?? []) : [])),
      tokens: { input: usage?.input_tokens as number | undefined, output: usage?.output_tokens as number | undefined },
      messageCount: output.length,
    };
  },

  streamEvent(event, _data, parsed): StreamEventView {
    const view: StreamEventView = { pieces: [], toolCalls: [] };
    const d = obj(parsed);
    if (!d) return view;
    const type = str(d.type) ?? event ?? '';
    const oi = typeof d.output_index === 'number' ? d.output_index : 0;
    // Text deltas: output text, refusals, reasoning text and summaries, each its own channel.
    if (type.endsWith('.delta') && typeof d.delta === 'string') {
      const args = type === 'response.function_call_arguments.delta' || type === 'response.custom_tool_call_input.delta' || type === 'response.mcp_call_arguments.delta';
      const key = `${oi}`;
      if (args) view.pieces.push({ path: ['delta'], channel: `tool:${key}`, toolKey: key });
      else {
        const sub = typeof d.summary_index === 'number' ? `s${d.summary_index}` : `c${typeof d.content_index === 'number' ? d.content_index : 0}`;
        view.pieces.push({ path: ['delta'], channel: `${oi}:${sub}:${type}` });
      }
    }
    if (type === 'response.output_item.added' || type === 'response.output_item.done') {
      const item = obj(d.item);
      const name = item ? callName(item) : undefined;
      if (item && name !== undefined) view.toolCalls.push({ key: `${oi}`, id: str(item.call_id) ?? str(item.id), name });
    }
    if (type === 'response.completed' || type === 'response.incomplete' || type === 'response.failed') {
      view.done = true;
      const u = obj(obj(d.response)?.usage);
      if (u) view.usage = { input: u.input_tokens as number | undefined, output: u.output_tokens as number | undefined };
    }
    return view;
  },

  errorBody: openaiErrorBody,
  streamErrorEvent: openaiResponsesStreamError,
};
