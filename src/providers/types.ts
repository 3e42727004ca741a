import type { ApiKind, Interaction, Path, TokenUsage, ToolCall, ToolDefinition } from '../core/types.js';
import type { WardenError } from '../core/errors.js';

/** Supplier endpoints Warden forwards to. */
export type Endpoint = 'chat' | 'responses' | 'embeddings' | 'messages';

/** A string of a stream event that continues a text: appended to its channel and scanned as one text. */
export interface StreamPiece {
  path: Path;
  /** Channel key: one per choice/content block/output item and kind of text. */
  channel: string;
  /** Set when the piece is a tool call's arguments (the call's key). */
  toolKey?: string;
}

/** What one streamed event carries, in provider-neutral terms. Every other string of the event is inspected as it stands. */
export interface StreamEventView {
  pieces: StreamPiece[];
  /** Tool calls started or named in this event, by key (choice and index, or block/item index). */
  toolCalls: Array<{ key: string; id?: string; name?: string }>;
  usage?: TokenUsage;
  /** The terminal event of the stream ([DONE], message_stop, response.completed). */
  done?: boolean;
}

/** The request as an adapter reads it; the gateway inspects every field of the body itself. */
export type RequestView = Omit<Interaction, 'segments' | 'direction'>;

/** One adapter per API shape: validates bodies, names tools and tool calls, reads stream events, formats errors. Knows no policy. */
export interface ProviderAdapter {
  readonly api: ApiKind;
  /** Error body style the client's SDK expects. */
  readonly errorStyle: 'openai' | 'anthropic';
  /** Which supplier endpoint serves it; the supplier type decides the URL. */
  readonly endpoint: Endpoint;
  /** Whether this API can stream. */
  readonly streams: boolean;
  /** Validates the body and reads model, tools and tool calls. Throws WardenError on a malformed body. */
  parseRequest(body: Record<string, unknown>): RequestView;
  /**
   * After tools were stripped from the body: drops a `tool_choice` that named a stripped tool, and
   * the tool settings when no tool is left.
   */
  afterStrip(body: Record<string, unknown>, stripped: ReadonlySet<string>): void;
  /** Tool calls and usage of a non-streamed upstream answer. */
  parseResponse(body: unknown): { toolCalls: ToolCall[]; tokens: TokenUsage; messageCount: number };
  /** Reads one SSE event (`parsed` is its JSON data, undefined when the data is not JSON). */
  streamEvent(event: string | undefined, data: string, parsed: unknown): StreamEventView;
  /** The error body for a client of this API. */
  errorBody(err: WardenError, decisionId: string): unknown;
  /** An SSE error event that ends a stream in this API's format. */
  streamErrorEvent(err: WardenError, decisionId: string): string;
}

export type { Interaction, ToolCall, ToolDefinition };
