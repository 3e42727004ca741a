import { z } from 'zod';
import type { ToolCall, ToolDefinition } from '../core/types.js';
import type { ProviderAdapter, RequestView, StreamEventView } from './types.js';
import { checkBody } from './validate.js';
import { anthropicErrorBody, anthropicStreamError } from './errors.js';
import { anthropicToolIdentity, mcpName, toolsAt } from './tools.js';

const block = z.looseObject({ type: z.string() });
const messagesBody = z.looseObject({
  model: z.string({ error: 'model is required' }).min(1, 'model is required'),
  max_tokens: z.number({ error: 'max_tokens: Field required' }).int().positive(),
  messages: z.array(z.looseObject({ role: z.string(), content: z.union([z.string(), z.array(block)]) })).min(1, 'messages must not be empty'),
  system: z.union([z.string(), z.array(block)]).optional(),
  stream: z.boolean().optional(),
  tools: z.array(z.looseObject({})).optional(),
  mcp_servers: z.array(z.looseObject({})).optional(),
});

type Obj = Record<string, unknown>;
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const obj = (v: unknown): Obj | undefined => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : undefined);

/** The identity of a tool-use block: custom tools by name, MCP calls by server, server tools by the tool they use. */
function toolUseName(b: Obj): string {
  if (b.type === 'mcp_tool_use') return mcpName(b.server_name);
  return str(b.name) ?? '';
}

/** Tool-use blocks of a list of content blocks. */
function blockToolCalls(blocks: unknown): ToolCall[] {
  const out: ToolCall[] = [];
  for (const x of arr(blocks)) {
    const b = obj(x);
    if (b && (b.type === 'tool_use' || b.type === 'server_tool_use' || b.type === 'mcp_tool_use'))
      out.push({ id: str(b.id), name: toolUseName(b), arguments: JSON.stringify(b.input ?? {}) });
  }
  return out;
}

export const anthropicAdapter: ProviderAdapter = {
  api: 'anthropic.messages',
  errorStyle: 'anthropic',
  endpoint: 'messages',
  streams: true,

  parseRequest(body): RequestView {
    checkBody(messagesBody, body);
    const messages = body.messages as Obj[];
    const tools: ToolDefinition[] = [
      ...toolsAt(body, 'tools', anthropicToolIdentity),
      ...toolsAt(body, 'mcp_servers', (s) => ({ name: mcpName(s.name), kind: 'mcp' })),
    ];
    return {
      api: 'anthropic.messages',
      model: body.model as string,
      stream: body.stream === true,
      tools,
      toolCalls: messages.flatMap((m) => blockToolCalls(m.content)),
      messageCount: messages.length,
    };
  },

  afterStrip(body, stripped) {
    const choice = obj(body.tool_choice);
    if (arr(body.tools).length === 0 || (choice?.type === 'tool' && stripped.has(str(choice.name) ?? ''))) delete body.tool_choice;
  },

  parseResponse(body) {
    const b = obj(body) ?? {};
    const usage = obj(b.usage);
    const content = arr(b.content);
    return {
      toolCalls: blockToolCalls(content),
      tokens: { input: usage?.input_tokens as number | undefined, output: usage?.output_tokens as number | undefined },
      messageCount: content.length,
    };
  },

  streamEvent(event, _data, parsed): StreamEventView {
    const view: StreamEventView = { pieces: [], toolCalls: [] };
    const d = obj(parsed);
    if (!d) return view;
    const type = event ?? str(d.type);
    const index = typeof d.index === 'number' ? d.index : 0;
    switch (type) {
      case 'content_block_start': {
        const b = obj(d.content_block);
        if (!b) break;
        const channel = `${index}`;
        if (b.type === 'tool_use' || b.type === 'server_tool_use' || b.type === 'mcp_tool_use') {
          view.toolCalls.push({ key: channel, id: str(b.id), name: toolUseName(b) });
          break;
        }
        for (const k of ['text', 'thinking']) if (typeof b[k] === 'string') view.pieces.push({ path: ['content_block', k], channel });
        break;
      }
      case 'content_block_delta': {
        const delta = obj(d.delta);
        if (!delta) break;
        const channel = `${index}`;
        if (delta.type === 'input_json_delta' && typeof delta.partial_json === 'string')
          view.pieces.push({ path: ['delta', 'partial_json'], channel: `tool:${channel}`, toolKey: channel });
        for (const k of ['text', 'thinking']) if (typeof delta[k] === 'string') view.pieces.push({ path: ['delta', k], channel });
        break;
      }
      case 'message_start': {
        const u = obj(obj(d.message)?.usage);
        if (u) view.usage = { input: u.input_tokens as number | undefined };
        break;
      }
      case 'message_delta': {
        const u = obj(d.usage);
        if (u) view.usage = { output: u.output_tokens as number | undefined };
        break;
      }
      case 'message_stop':
        view.done = true;
        break;
    }
    return view;
  },

  errorBody: anthropicErrorBody,
  streamErrorEvent: anthropicStreamError,
};
