import { z } from 'zod';
import type { ProviderAdapter, RequestView, StreamEventView } from './types.js';
import { checkBody } from './validate.js';
import { openaiChatStreamError, openaiErrorBody } from './errors.js';

// Token arrays carry text Warden cannot read without the supplier's tokenizer: refused, not forwarded unseen.
const embeddingsBody = z.looseObject({
  model: z.string({ error: 'model is required' }).min(1, 'model is required'),
  input: z.union([z.string(), z.array(z.string())], {
    error: 'input must be a string or an array of strings (token arrays cannot be inspected and are refused)',
  }),
});

export const embeddingsAdapter: ProviderAdapter = {
  api: 'openai.embeddings',
  errorStyle: 'openai',
  endpoint: 'embeddings',
  streams: false,

  parseRequest(body): RequestView {
    checkBody(embeddingsBody, body);
    const input = body.input as string | string[];
    return {
      api: 'openai.embeddings',
      model: body.model as string,
      stream: body.stream === true,
      tools: [],
      toolCalls: [],
      messageCount: typeof input === 'string' ? 1 : input.length,
    };
  },

  afterStrip() {},

  parseResponse(body) {
    const b = (body ?? {}) as { usage?: { prompt_tokens?: number } };
    return { toolCalls: [], tokens: { input: b.usage?.prompt_tokens }, messageCount: 0 };
  },

  streamEvent: (): StreamEventView => ({ pieces: [], toolCalls: [] }),
  errorBody: openaiErrorBody,
  streamErrorEvent: openaiChatStreamError,
};
