import { z } from 'zod';
import type { Interaction, TextSegment, TokenUsage, ToolCall, ToolDefinition } from '../core/types.js';
import type { ProviderAdapter, StreamDelta } from './types.js';
import { checkBody } from './validate.js';
import { openaiErrorBody, openaiResponsesStreamError } from './errors.js';

const responsesBody = z.looseObject({
  model: z.string({ error: 'model is required' }).min(1, 'model is required'),
  input: z.union([z.string(), z.array(z.looseObject({}))], { error: 'input must be a string or an array of items' }),
  instructions: z.string().nullable().optional(),
  stream: z.boolean().optional(),
  tools: z.array(z.looseObject({ type: z.string() })).optional(),
});

interface InputItem {
  type?: string;
  role?: string;
  content?: string | Array<{ type?: string; text?: string }>;
  output?: string;
  arguments?: string;
  name?: string;
}

function inputSegments(input: string | InputItem[]): { segments: TextSegment[]; count: number } {
  if (typeof input === 'string') return { segments: [{ path: 'input', role: 'user', text: input }], count: 1 };
  const segments: TextSegment[] = [];
  input.forEach((item, i) => {
    const role = item.role ?? item.type ?? 'input';
    if (typeof item.content === 'string') segments.push({ path: `input.${i}.content`, role, text: item.content });
    else if (Array.isArray(item.content)) {
      item.content.forEach((p, j) => {
        if (typeof p.text === 'string') segments.push({ path: `input.${i}.content.${j}.text`, role, text: p.text });
      });
    }
    if (typeof item.output === 'string') segments.push({ path: `input.${i}.output`, role: 'tool', text: item.output });
    if (typeof item.arguments === 'string') segments.push({ path: `input.${i}.arguments`, role: 'tool_call', text: item.arguments });
  });
  return { segments, count: input.length };
}

interface OutputItem {
  type?: string;
  name?: string;
  call_id?: string;
  arguments?: string;
  content?: Array<{ type?: string; text?: string }>;
}

export const responsesAdapter: ProviderAdapter = {
  api: 'openai.responses',
  errorStyle: 'openai',
  endpoint: 'responses',
  streams: true,

  parseRequest(body): Interaction {
    checkBody(responsesBody, body);
    const { segments, count } = inputSegments(body.input as string | InputItem[]);
    if (typeof body.instructions === 'string') segments.unshift({ path: 'instructions', role: 'system', text: body.instructions });
    const tools: ToolDefinition[] = [];
    for (const t of (body.tools as Array<{ type: string; name?: string }> | undefined) ?? []) tools.push({ name: t.name ?? t.type });
    return {
      api: 'openai.responses',
      direction: 'request',
      model: body.model as string,
      stream: body.stream === true,
      segments,
      tools,
      toolCalls: [],
      messageCount: count,
    };
  },

  parseResponse(body, request) {
    const b = (body ?? {}) as { output?: OutputItem[]; usage?: { input_tokens?: number; output_tokens?: number } };
    const segments: TextSegment[] = [];
    const toolCalls: ToolCall[] = [];
    (Array.isArray(b.output) ? b.output : []).forEach((item, i) => {
      if (item.type === 'function_call') {
        toolCalls.push({ id: item.call_id, name: item.name ?? '', arguments: item.arguments ?? '' });
        if (typeof item.arguments === 'string') segments.push({ path: `output.${i}.arguments`, role: 'tool_call', text: item.arguments });
      }
      item.content?.forEach((p, j) => {
        if (typeof p.text === 'string') segments.push({ path: `output.${i}.content.${j}.text`, role: 'assistant', text: p.text });
      });
    });
    const tokens: TokenUsage = { input: b.usage?.input_tokens, output: b.usage?.output_tokens };
    return {
      interaction: { ...request, direction: 'response', stream: false, segments, tools: [], toolCalls, messageCount: segments.length },
      tokens,
    };
  },

  parseStreamEvent(event, data): StreamDelta | null {
    const type = event ?? '';
    if (type === 'response.output_text.delta') {
      const d = JSON.parse(data) as { delta?: string; output_index?: number };
      return d.delta ? { text: d.delta, channel: d.output_index ?? 0 } : null;
    }
    if (type === 'response.output_item.added') {
      const d = JSON.parse(data) as { output_index: number; item?: OutputItem };
      if (d.item?.type === 'function_call') return { toolCall: { index: d.output_index, id: d.item.call_id, name: d.item.name } };
      return null;
    }
    if (type === 'response.function_call_arguments.delta') {
      const d = JSON.parse(data) as { output_index: number; delta?: string };
      return { toolCall: { index: d.output_index, argumentsDelta: d.delta } };
    }
    if (type === 'response.completed' || type === 'response.incomplete' || type === 'response.failed') {
      const d = JSON.parse(data) as { response?: { usage?: { input_tokens?: number; output_tokens?: number } } };
      const u = d.response?.usage;
      return { done: true, usage: u ? { input: u.input_tokens, output: u.output_tokens } : undefined };
    }
    return null;
  },

  rewriteStreamText(data, text) {
    const d = JSON.parse(data);
    d.delta = text;
    return JSON.stringify(d);
  },

  rewriteStreamSummary(event, data, textOf) {
    // Channels are output indexes; every summary event names one or carries the whole output.
    const fix = (item: { content?: Array<{ type?: string; text?: string }> } | undefined, index: number) => {
      const t = textOf(index);
      if (t === undefined || !item?.content) return;
      for (const p of item.content) if (typeof p.text === 'string') p.text = t;
    };
    switch (event) {
      case 'response.output_text.done': {
        const d = JSON.parse(data);
        const t = textOf(d.output_index ?? 0);
        if (t === undefined) return undefined;
        d.text = t;
        return JSON.stringify(d);
      }
      case 'response.content_part.done': {
        const d = JSON.parse(data);
        const t = textOf(d.output_index ?? 0);
        if (t === undefined || typeof d.part?.text !== 'string') return undefined;
        d.part.text = t;
        return JSON.stringify(d);
      }
      case 'response.output_item.done': {
        const d = JSON.parse(data);
        fix(d.item, d.output_index ?? 0);
        return JSON.stringify(d);
      }
      case 'response.completed':
      case 'response.incomplete':
      case 'response.failed': {
        const d = JSON.parse(data);
        (d.response?.output ?? []).forEach((item: { content?: Array<{ text?: string }> }, i: number) => fix(item, i));
        return JSON.stringify(d);
      }
      default:
        return undefined;
    }
  },

  errorBody: openaiErrorBody,
  streamErrorEvent: openaiResponsesStreamError,
};
