import type { ApiKind, Interaction, TokenUsage, ToolCall } from '../core/types.js';
import type { WardenError } from '../core/errors.js';

/** Supplier endpoints Warden forwards to. */
export type Endpoint = 'chat' | 'responses' | 'embeddings' | 'messages';

/** What one streamed event carries, in provider-neutral terms. */
export interface StreamDelta {
  /** Text added to the completion (choice/content block `channel`). */
  text?: string;
  channel?: number;
  /** A tool call started (name) or its arguments grew. */
  toolCall?: { index: number; id?: string; name?: string; argumentsDelta?: string };
  usage?: TokenUsage;
  /** The terminal event of the stream ([DONE], message_stop, response.completed). */
  done?: boolean;
}

/** One adapter per API shape: parses bodies, extracts text, edits it back, formats errors. Knows no policy. */
export interface ProviderAdapter {
  readonly api: ApiKind;
  /** Error body style the client's SDK expects. */
  readonly errorStyle: 'openai' | 'anthropic';
  /** Which supplier endpoint serves it; the supplier type decides the URL. */
  readonly endpoint: Endpoint;
  /** Whether this API can stream. */
  readonly streams: boolean;
  /** Validates the body and returns the request interaction. Throws WardenError on a malformed body. */
  parseRequest(body: Record<string, unknown>): Interaction;
  /** Parses a non-streamed upstream answer. */
  parseResponse(body: unknown, request: Interaction): { interaction: Interaction; tokens: TokenUsage };
  /** Reads one SSE event of an upstream stream; null for events that carry nothing of interest. */
  parseStreamEvent(event: string | undefined, data: string): StreamDelta | null;
  /** Rewrites the text delta of one SSE data payload (for redaction in streams). */
  rewriteStreamText(data: string, text: string): string;
  /**
   * For APIs whose streams repeat the whole text in summary events (the Responses API's
   * `*.done` and `response.completed`): rewrites those texts with `textOf(channel)`, the text as
   * delivered. Undefined for events that carry no such text.
   */
  rewriteStreamSummary?(event: string | undefined, data: string, textOf: (channel: number) => string | undefined): string | undefined;
  /** The error body for a client of this API. */
  errorBody(err: WardenError, decisionId: string): unknown;
  /** An SSE error event that ends a stream in this API's format. */
  streamErrorEvent(err: WardenError, decisionId: string): string;
}

export type { Interaction, ToolCall };
