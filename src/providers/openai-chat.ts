import { z } from 'zod';
import type { ApiKind, ToolCall, ToolDefinition } from '../core/types.js';
import type { ProviderAdapter, RequestView, StreamEventView } from './types.js';
import { checkBody } from './validate.js';
import { openaiChatStreamError, openaiErrorBody } from './errors.js';
import { openaiToolIdentity, toolsAt } from './tools.js';

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
  functions: z.array(z.looseObject({ name: z.string() })).optional(),
});

type Obj = Record<string, unknown>;
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const obj = (v: unknown): Obj | undefined => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : undefined);

/** Tool calls of one chat message: `tool_calls` (function and custom) and the legacy `function_call`. */
function messageToolCalls(m: Obj | undefined): ToolCall[] {
  if (!m) return [];
  const out: ToolCall[] = [];
  for (const c of arr(m.tool_calls)) {
    const call = obj(c);
    if (!call) continue;
    const type = str(call.type) ?? 'function';
    const inner = obj(call[type]) ?? obj(call.function) ?? {};
    out.push({ id: str(call.id), name: str(inner.name) ?? '', arguments: str(inner.arguments) ?? str(inner.input) ?? '' });
  }
  const fc = obj(m.function_call);
  if (fc) out.push({ name: str(fc.name) ?? '', arguments: str(fc.arguments) ?? '' });
  return out;
}

/** The identity of the tool a `tool_choice` / `function_call` setting names, if it names one. */
function chosenTool(choice: unknown): string | undefined {
  const c = obj(choice);
  if (!c) return undefined;
  if (c.type === 'allowed_tools') return undefined;
  return openaiToolIdentity(c).name || undefined;
}

/** Shared by OpenAI chat completions and Azure OpenAI chat completions. */
export function createChatAdapter(api: Extract<ApiKind, 'openai.chat' | 'azure.chat'>): ProviderAdapter {
  return {
    api,
    errorStyle: 'openai',
    endpoint: 'chat',
    streams: true,

    parseRequest(body): RequestView {
      checkBody(chatBody, body);
      const messages = body.messages as Obj[];
      const tools: ToolDefinition[] = [
        ...toolsAt(body, 'tools', openaiToolIdentity),
        ...toolsAt(body, 'functions', (t) => ({ name: str(t.name) ?? '', kind: 'function' })),
      ];
      return {
        api,
        model: body.model as string,
        stream: body.stream === true,
        tools,
        toolCalls: messages.flatMap((m) => messageToolCalls(m)),
        messageCount: messages.length,
      };
    },

    afterStrip(body, stripped) {
      const left = arr(body.tools).length + arr(body.functions).length;
      const named = chosenTool(body.tool_choice);
      if (left === 0 || (named !== undefined && stripped.has(named))) delete body.tool_choice;
      const fc = obj(body.function_call);
      if (arr(body.functions).length === 0 || (fc && stripped.has(str(fc.name) ?? ''))) delete body.function_call;
      if (left === 0) delete body.parallel_tool_calls;
    },

    parseResponse(body) {
      const b = obj(body) ?? {};
      const choices = arr(b.choices);
      const usage = obj(b.usage);
      return {
        toolCalls: choices.flatMap((c) => messageToolCalls(obj(obj(c)?.message))),
        tokens: { input: usage?.prompt_tokens as number | undefined, output: usage?.completion_tokens as number | undefined },
        messageCount: choices.length,
      };
    },

    streamEvent(_event, data, parsed): StreamEventView {
      const view: StreamEventView = { pieces: [], toolCalls: [] };
      if (data.trim() === '[DONE]') {
        view.done = true;
        return view;
      }
      const chunk = obj(parsed);
      if (!chunk) return view;
      arr(chunk.choices).forEach((c, ci) => {
        const choice = obj(c);
        if (!choice) return;
        const n = typeof choice.index === 'number' ? choice.index : ci;
        const delta = obj(choice.delta);
        const at = (...rest: Array<string | number>) => ['choices', ci, ...rest];
        if (delta) {
          for (const k of ['content', 'reasoning_content', 'reasoning', 'refusal']) {
            if (typeof delta[k] === 'string') view.pieces.push({ path: at('delta', k), channel: `${n}:${k}` });
          }
          arr(delta.tool_calls).forEach((t, ti) => {
            const tc = obj(t);
            if (!tc) return;
            const key = `${n}:${typeof tc.index === 'number' ? tc.index : ti}`;
            const type = str(tc.type) ?? 'function';
            const innerKey = obj(tc[type]) ? type : 'function';
            const inner = obj(tc[innerKey]) ?? {};
            view.toolCalls.push({ key, id: str(tc.id), name: str(inner.name) });
            for (const argKey of ['arguments', 'input']) {
              if (typeof inner[argKey] === 'string') view.pieces.push({ path: at('delta', 'tool_calls', ti, innerKey, argKey), channel: `tool:${key}`, toolKey: key });
            }
          });
          const fc = obj(delta.function_call);
          if (fc) {
            const key = `${n}:function_call`;
            view.toolCalls.push({ key, name: str(fc.name) });
            if (typeof fc.arguments === 'string') view.pieces.push({ path: at('delta', 'function_call', 'arguments'), channel: `tool:${key}`, toolKey: key });
          }
        }
        // Logprob tokens repeat the text token by token: a channel of their own, so a value split over tokens is found.
        const lp = obj(choice.logprobs);
        if (lp) {
          for (const k of ['content', 'refusal']) {
            arr(lp[k]).forEach((e, ei) => {
              if (typeof obj(e)?.token === 'string') view.pieces.push({ path: at('logprobs', k, ei, 'token'), channel: `${n}:logprobs:${k}` });
            });
          }
        }
      });
      const usage = obj(chunk.usage);
      if (usage) view.usage = { input: usage.prompt_tokens as number | undefined, output: usage.completion_tokens as number | undefined };
      return view;
    },

    errorBody: openaiErrorBody,
    streamErrorEvent: openaiChatStreamError,
  };
}
