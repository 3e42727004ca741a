import { z } from 'zod';
import type { Interaction, TextSegment } from '../core/types.js';
import type { ProviderAdapter } from './types.js';
import { checkBody } from './validate.js';
import { openaiChatStreamError, openaiErrorBody } from './errors.js';

const embeddingsBody = z.looseObject({
  model: z.string({ error: 'model is required' }).min(1, 'model is required'),
  input: z.union([z.string(), z.array(z.string()), z.array(z.number()), z.array(z.array(z.number()))], {
    error: 'input must be a string, an array of strings or token arrays',
  }),
});

export const embeddingsAdapter: ProviderAdapter = {
  api: 'openai.embeddings',
  errorStyle: 'openai',
  endpoint: 'embeddings',
  streams: false,

  parseRequest(body): Interaction {
    checkBody(embeddingsBody, body);
    const input = body.input as string | unknown[];
    const segments: TextSegment[] = [];
    if (typeof input === 'string') segments.push({ path: 'input', role: 'user', text: input });
    else input.forEach((x, i) => typeof x === 'string' && segments.push({ path: `input.${i}`, role: 'user', text: x }));
    return {
      api: 'openai.embeddings',
      direction: 'request',
      model: body.model as string,
      stream: body.stream === true,
      segments,
      tools: [],
      toolCalls: [],
      messageCount: typeof input === 'string' ? 1 : input.length,
    };
  },

  parseResponse(body, request) {
    const b = (body ?? {}) as { usage?: { prompt_tokens?: number } };
    return {
      interaction: { ...request, direction: 'response', segments: [], toolCalls: [], messageCount: 0 },
      tokens: { input: b.usage?.prompt_tokens },
    };
  },

  parseStreamEvent: () => null,
  rewriteStreamText: (data) => data,
  errorBody: openaiErrorBody,
  streamErrorEvent: openaiChatStreamError,
};
