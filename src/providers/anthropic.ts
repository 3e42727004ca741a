import { z } from 'zod';
import type { Interaction, TextSegment, TokenUsage, ToolCall, ToolDefinition } from '../core/types.js';
import type { ProviderAdapter, StreamDelta } from './types.js';
import { checkBody } from './validate.js';
import { anthropicErrorBody, anthropicStreamError } from './errors.js';

const block = z.looseObject({ type: z.string() });
const messagesBody = z.looseObject({
  model: z.string({ error: 'model is required' }).min(1, 'model is required'),
  max_tokens: z.number({ error: 'max_tokens: Field required' }).int().positive(),
  messages: z.array(z.looseObject({ role: z.string(), content: z.union([z.string(), z.array(block)]) })).min(1, 'messages must not be empty'),
  system: z.union([z.string(), z.array(block)]).optional(),
  stream: z.boolean().optional(),
  tools: z.array(z.looseObject({ name: z.string() })).optional(),
});

interface Block {
  type: string;
  text?: string;
  content?: string | Block[];
  name?: string;
  id?: string;
  input?: unknown;
}

function blockSegments(blocks: string | Block[], path: string, role: string, out: TextSegment[]): void {
  if (typeof blocks === 'string') {
    out.push({ path, role, text: blocks });
    return;
  }
  blocks.forEach((b, j) => {
    if (typeof b.text === 'string') out.push({ path: `${path}.${j}.text`, role, text: b.text });
    if (b.type === 'tool_result' && b.content !== undefined) blockSegments(b.content, `${path}.${j}.content`, 'tool', out);
  });
}

export const anthropicAdapter: ProviderAdapter = {
  api: 'anthropic.messages',
  errorStyle: 'anthropic',
  endpoint: 'messages',
  streams: true,

  parseRequest(body): Interaction {
    checkBody(messagesBody, body);
    const segments: TextSegment[] = [];
    if (body.system !== undefined) blockSegments(body.system as string | Block[], 'system', 'system', segments);
    const messages = body.messages as Array<{ role: string; content: string | Block[] }>;
    messages.forEach((m, i) => blockSegments(m.content, `messages.${i}.content`, m.role, segments));
    const tools: ToolDefinition[] = ((body.tools as Array<{ name: string }>) ?? []).map((t) => ({ name: t.name }));
    return {
      api: 'anthropic.messages',
      direction: 'request',
      model: body.model as string,
      stream: body.stream === true,
      segments,
      tools,
      toolCalls: [],
      messageCount: messages.length,
    };
  },

  parseResponse(body, request) {
    const b = (body ?? {}) as { content?: Block[]; usage?: { input_tokens?: number; output_tokens?: number } };
    const segments: TextSegment[] = [];
    const toolCalls: ToolCall[] = [];
    (Array.isArray(b.content) ? b.content : []).forEach((blk, i) => {
      if (blk.type === 'text' && typeof blk.text === 'string') segments.push({ path: `content.${i}.text`, role: 'assistant', text: blk.text });
      if (blk.type === 'tool_use') toolCalls.push({ id: blk.id, name: blk.name ?? '', arguments: JSON.stringify(blk.input ?? {}) });
    });
    const tokens: TokenUsage = { input: b.usage?.input_tokens, output: b.usage?.output_tokens };
    return {
      interaction: { ...request, direction: 'response', stream: false, segments, tools: [], toolCalls, messageCount: segments.length },
      tokens,
    };
  },

  parseStreamEvent(event, data): StreamDelta | null {
    switch (event) {
      case 'content_block_delta': {
        const d = JSON.parse(data) as { index: number; delta?: { type?: string; text?: string; partial_json?: string } };
        if (d.delta?.type === 'text_delta' && d.delta.text) return { text: d.delta.text, channel: d.index };
        if (d.delta?.type === 'input_json_delta') return { toolCall: { index: d.index, argumentsDelta: d.delta.partial_json ?? '' } };
        return null;
      }
      case 'content_block_start': {
        const d = JSON.parse(data) as { index: number; content_block?: Block };
        if (d.content_block?.type === 'tool_use') return { toolCall: { index: d.index, id: d.content_block.id, name: d.content_block.name } };
        return null;
      }
      case 'message_start': {
        const d = JSON.parse(data) as { message?: { usage?: { input_tokens?: number } } };
        return { usage: { input: d.message?.usage?.input_tokens } };
      }
      case 'message_delta': {
        const d = JSON.parse(data) as { usage?: { output_tokens?: number } };
        return { usage: { output: d.usage?.output_tokens } };
      }
      case 'message_stop':
        return { done: true };
      default:
        return null;
    }
  },

  rewriteStreamText(data, text) {
    const d = JSON.parse(data);
    d.delta.text = text;
    return JSON.stringify(d);
  },

  errorBody: anthropicErrorBody,
  streamErrorEvent: anthropicStreamError,
};
