// Domain types shared by every module. No I/O here.

/** The API shape a request arrived in. */
export type ApiKind =
  | 'openai.chat'
  | 'openai.responses'
  | 'openai.embeddings'
  | 'anthropic.messages'
  | 'azure.chat'
  /** A governed MCP message (tools/call, resources/read, prompts/get …) at /mcp/{server}. */
  | 'mcp';

/** The API shapes of model calls, each served by a provider adapter. */
export type ModelApiKind = Exclude<ApiKind, 'mcp'>;

export type Direction = 'request' | 'response';

/** Who is calling: resolved from a Warden key. Never holds the key itself. */
export interface Principal {
  user: string;
  groups: string[];
  /** Public id of the key (not the key, not its hash). */
  keyId: string;
  /** The AI system the key is bound to. */
  system: string;
}

/**
 * One piece of text inside an interaction, with where it came from.
 * `path` addresses it in the provider body (e.g. `['messages', 2, 'content', 0, 'text']`)
 * so that an edit can be applied back to the same place.
 */
/** Where a value sits in a JSON body: keys and array indexes. */
export type Path = readonly (string | number)[];

export interface TextSegment {
  path: Path;
  /** system, user, assistant, tool, tool_call (arguments), input … */
  role: string;
  text: string;
}

/** A tool offered to the model. `name` is its identity for policy (docs/MEDIATION.md). */
export interface ToolDefinition {
  name: string;
  kind: 'function' | 'builtin' | 'mcp';
  /** The name the model calls a built-in tool by, where that differs from its identity. */
  alias?: string;
  /** Where it sits in the request body, for stripping. */
  path: Path;
}

export interface ToolCall {
  id?: string;
  name: string;
  /** Arguments as the model produced them (JSON text). */
  arguments: string;
}

/** A provider-neutral view of one request or response. */
export interface Interaction {
  api: ApiKind;
  direction: Direction;
  model: string;
  stream: boolean;
  segments: TextSegment[];
  /** Tools offered to the model (request). */
  tools: ToolDefinition[];
  /** Tools the model called (response), or earlier calls echoed in the request history. */
  toolCalls: ToolCall[];
  messageCount: number;
}

/** One detected entity. Offsets index the original (not normalised) text of one segment. */
export interface Finding {
  type: string;
  subtype?: string;
  start: number;
  end: number;
  /** 0..1 */
  score: number;
  detector: string;
  detectorVersion: string;
  /** Index into Interaction.segments, set by the inspect stage. */
  segment?: number;
}

/** Actions in order of restrictiveness: the first wins. */
export const ACTIONS = ['block', 'hold', 'redact', 'route', 'warn', 'allow'] as const;
export type Action = (typeof ACTIONS)[number];

export type Mode = 'enforce' | 'monitor';

export type RedactionMethod = 'mask' | 'hash' | 'tokenize';

/** A rule that matched, as recorded. */
export interface RuleHit {
  id: string;
  action: Action;
  mode: Mode;
  controls: string[];
  message?: string;
  /** Set when the rule's condition failed at run time and the rule failed closed (matched as block). */
  error?: string;
  /** Tool names that made a tool rule match (offered or called). */
  tools?: string[];
}

/** What the policy decided for one direction of one interaction. */
export interface Decision {
  action: Action;
  mode: Mode;
  rules: RuleHit[];
  policyVersion: string;
  controls: string[];
  /** Which finding types get redacted and how (action redact). */
  redact?: { types: string[]; method: RedactionMethod };
  route?: { supplier?: string; model?: string };
  /** Tool names to strip from the request (tool rules). */
  stripTools?: string[];
  /** Message for the client on block/hold/warn. */
  message?: string;
  /** Hold settings of the rule that decided hold (action hold only). Durations in milliseconds. */
  hold?: { waitMs: number; timeoutMs: number; validityMs: number; reviewers: string[] };
  /**
   * The action the matched monitor-mode rules would have enforced, present only when it is
   * more restrictive than `action` ("would have blocked" while `action` is what happens).
   */
  monitorAction?: Action;
}

/** Latencies in milliseconds. */
export interface Latency {
  gatewayMs: number;
  upstreamMs?: number;
}

export interface TokenUsage {
  input?: number;
  output?: number;
}

/** Summary of findings as recorded: never the values. */
export interface FindingSummary {
  type: string;
  subtype?: string;
  count: number;
  maxScore: number;
  /** [segmentIndex, start, end] triples; at most 256 per type (count is exact). */
  offsets: Array<[number, number, number]>;
}

/** Kinds of audit records. */
export type RecordKind = 'decision' | 'completion' | 'admin';

/** A decision or completion record as written to the audit log. */
export interface GatewayRecord {
  kind: 'decision' | 'completion';
  id: string;
  time: string;
  instance: string;
  principal: { user: string; groups: string[]; keyId: string } | null;
  system: string | null;
  supplier: string | null;
  model: string | null;
  api: ApiKind | null;
  direction: Direction;
  action: Action;
  mode: Mode;
  rules: RuleHit[];
  controls: string[];
  findings: FindingSummary[];
  /** HMAC-SHA256 of the content, hex. */
  contentHmac?: string;
  policyVersion: string | null;
  latency?: Latency;
  tokens?: TokenUsage;
  outcome?: {
    status: number;
    error?: string;
    /** For streams: characters of completion text delivered to the client. */
    deliveredChars?: number;
    streamCompleted?: boolean;
  };
  reviewId?: string;
  /** MCP calls (api `mcp`): what was called, argument hashes (never the arguments), result size. */
  mcp?: McpRecord;
}

/** The MCP part of a decision or completion record. */
export interface McpRecord {
  server: string;
  method: string;
  /** The tool, resource URI or prompt called (absent for list methods). */
  target?: string;
  /** HMAC-SHA256 (the log's content key) of each argument's canonical JSON, by argument name. */
  argumentHashes?: Record<string, string>;
  /** Completion: bytes of the result as sent to the client. */
  resultBytes?: number;
  /** Completion: the upstream said the tool call failed (`isError`). */
  isError?: boolean;
}

/** An admin change as written to the audit log. */
export interface AdminRecord {
  kind: 'admin';
  id: string;
  time: string;
  instance: string;
  actor: string;
  /** e.g. key.create, key.revoke, policy.load, kill.set */
  op: string;
  target: string;
  beforeHash: string | null;
  afterHash: string | null;
  detail?: Record<string, unknown>;
}

export type AuditRecord = GatewayRecord | AdminRecord;
