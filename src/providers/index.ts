import type { ModelApiKind } from '../core/types.js';
import type { ProviderAdapter } from './types.js';
import { createChatAdapter } from './openai-chat.js';
import { responsesAdapter } from './openai-responses.js';
import { embeddingsAdapter } from './openai-embeddings.js';
import { anthropicAdapter } from './anthropic.js';

export const ADAPTERS: Record<ModelApiKind, ProviderAdapter> = {
  'openai.chat': createChatAdapter('openai.chat'),
  'azure.chat': createChatAdapter('azure.chat'),
  'openai.responses': responsesAdapter,
  'openai.embeddings': embeddingsAdapter,
  'anthropic.messages': anthropicAdapter,
};

export type { ProviderAdapter, StreamEventView, StreamPiece, Endpoint } from './types.js';
