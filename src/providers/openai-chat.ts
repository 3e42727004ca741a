import { z } from 'zod';
import type { ApiKind, Interaction, TextSegment, TokenUsage, ToolCall, ToolDefinition } from '../core/types.js';
import type { ProviderAdapter, StreamDelta } from './types.js';
import { checkBody } from './validate.js';
import { openaiChatStreamError, openaiErrorBody } from './errors.js';

const part = z.looseObject({ type: z.string() });
const message = z.looseObject({
  role: z.string(),
  content: z.union([z.string(), z.array(part), z.null()]).optional(),
});
const chatBody = z.looseObject({
  model: z.string({ error: 'model is required' }).min(1, 'model is required'),
  messages: z.array(message).min(1, 'messages must not be empty'),
  stream: z.boolean().optional(),
  tools: z.array(z.looseObject({ type: z.string() })).optional(),
});

interface ChatMessage {
  role: string;
  content?: string | Array<{ type: string; text?: string }> | null;
  tool_calls?: Array<{ function?: { name?: string; arguments?: string } }>;
}

/** Text segments of chat messages, addressed by path. */
export function chatSegments(messages: ChatMessage[], prefix = 'messages'): TextSegment[] {
  const segments: TextSegment[] = [];
  for (let i = 0; i < messages.length; i++) {
    const m = messages[i];
    const c = m.content;
    if (typeof c === 'string') segments.push({ path: `${prefix}.${i}.content`, role: m.role, text: c });
    else if (Array.isArray(c)) {
      for (let j = 0; j < c.length; j++) {
        const p = c[j];
        if (typeof p.text === 'string') segments.push({ path: `${prefix}.${i}.content.${j}.text`, role: m.role, text: p.text });
      }
    }
    if (Array.isArray(m.tool_calls)) {
      for (let k = 0; k < m.tool_calls.length; k++) {
        const args = m.tool_calls[k]?.function?.arguments;
        if (typeof args === 'string') segments.push({ path: `${prefix}.${i}.tool_calls.${k}.function.arguments`, role: 'tool_call', text: args });
      }
    }
  }
  return segments;
}

function toolDefinitions(tools: unknown): ToolDefinition[] {
  if (!Array.isArray(tools)) return [];
  const out: ToolDefinition[] = [];
  for (const t of tools as Array<{ type?: string; function?: { name?: string }; name?: string }>) {
    const name = t.function?.name ?? t.name ?? t.type;
    if (typeof name === 'string') out.push({ name });
  }
  return out;
}

function chatToolCalls(calls: ChatMessage['tool_calls']): ToolCall[] {
  if (!Array.isArray(calls)) return [];
  return calls.map((c) => ({
    id: (c as { id?: string }).id,
    name: c.function?.name ?? '',
    arguments: c.function?.arguments ?? '',
  }));
}

/** Shared by OpenAI chat completions and Azure OpenAI chat completions. */
export function createChatAdapter(api: Extract<ApiKind, 'openai.chat' | 'azure.chat'>): ProviderAdapter {
  return {
    api,
    errorStyle: 'openai',
    endpoint: 'chat',
    streams: true,

    parseRequest(body): Interaction {
      checkBody(chatBody, body);
      const messages = body.messages as ChatMessage[];
      return {
        api,
        direction: 'request',
        model: body.model as string,
        stream: body.stream === true,
        segments: chatSegments(messages),
        tools: toolDefinitions(body.tools),
        toolCalls: [],
        messageCount: messages.length,
      };
    },

    parseResponse(body, request) {
      const b = (body ?? {}) as { choices?: Array<{ message?: ChatMessage }>; usage?: { prompt_tokens?: number; completion_tokens?: number } };
      const choices = Array.isArray(b.choices) ? b.choices : [];
      const segments: TextSegment[] = [];
      const toolCalls: ToolCall[] = [];
      choices.forEach((c, i) => {
        const m = c.message;
        if (!m) return;
        if (typeof m.content === 'string') segments.push({ path: `choices.${i}.message.content`, role: 'assistant', text: m.content });
        toolCalls.push(...chatToolCalls(m.tool_calls));
        m.tool_calls?.forEach((tc, k) => {
          if (typeof tc.function?.arguments === 'string')
            segments.push({ path: `choices.${i}.message.tool_calls.${k}.function.arguments`, role: 'tool_call', text: tc.function.arguments });
        });
      });
      const tokens: TokenUsage = { input: b.usage?.prompt_tokens, output: b.usage?.completion_tokens };
      return {
        interaction: { ...request, direction: 'response', stream: false, segments, tools: [], toolCalls, messageCount: choices.length },
        tokens,
      };
    },

    parseStreamEvent(_event, data): StreamDelta | null {
      if (data === '[DONE]') return { done: true };
      let chunk: {
        choices?: Array<{ index?: number; delta?: { content?: string | null; tool_calls?: Array<{ index: number; id?: string; function?: { name?: string; arguments?: string } }> } }>;
        usage?: { prompt_tokens?: number; completion_tokens?: number } | null;
      };
      try {
        chunk = JSON.parse(data);
      } catch {
        return null;
      }
      const out: StreamDelta = {};
      const choice = chunk.choices?.[0];
      if (choice?.delta) {
        if (typeof choice.delta.content === 'string' && choice.delta.content.length > 0) {
          out.text = choice.delta.content;
          out.channel = choice.index ?? 0;
        }
        const tc = choice.delta.tool_calls?.[0];
        if (tc) out.toolCall = { index: tc.index, id: tc.id, name: tc.function?.name, argumentsDelta: tc.function?.arguments };
      }
      if (chunk.usage) out.usage = { input: chunk.usage.prompt_tokens, output: chunk.usage.completion_tokens };
      return out;
    },

    rewriteStreamText(data, text) {
      const chunk = JSON.parse(data);
      chunk.choices[0].delta.content = text;
      return JSON.stringify(chunk);
    },

    errorBody: openaiErrorBody,
    streamErrorEvent: openaiChatStreamError,
  };
}
