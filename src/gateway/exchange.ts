import type { Decision, Finding, Interaction, Principal, TokenUsage } from '../core/types.js';
import type { ProviderAdapter } from '../providers/types.js';
import type { SupplierConfig, SystemConfig } from '../config/schema.js';
import type { SupplierClient } from '../providers/clients/types.js';
import type { Field } from './walk.js';
import type { McpView } from '../policy/input.js';
import type { McpRecord } from '../core/types.js';

/** What an MCP exchange carries beyond a model call's state (src/mcp/govern.ts fills it). */
export interface McpCall {
  server: string;
  method: string;
  /** Tool or prompt name, resource URI ('' for list methods). */
  tool: string;
  /** The server as the policy's supplier view sees it. */
  supplier: { id: string; type: string; approved: boolean; public: boolean; baa: boolean };
  view: McpView;
  record: McpRecord;
  /** What an approval covers: the canonical JSON of the call (method and params). */
  holdKey: string;
}

/** The state of one gateway request as it moves through the stages. */
export class Exchange {
  readonly startedAt = performance.now();
  principal: Principal | null = null;
  system: SystemConfig | undefined;
  request: Interaction | undefined;
  /** Every inspected string of the request body (the request's segments). */
  fields: Field[] = [];
  supplier: SupplierConfig | undefined;
  client: SupplierClient | undefined;
  /** The supplier's model name. */
  upstreamModel: string | undefined;
  findings: Finding[] = [];
  decision: Decision | undefined;
  decisionRecorded = false;
  vault: unknown;
  tokenized = false;
  reviewId: string | undefined;
  warnings: string[] = [];
  // Response side
  upstreamStartedAt = 0;
  upstreamMs: number | undefined;
  /** Time Warden spent before forwarding, in ms. */
  gatewayMs = 0;
  responseFindings: Finding[] = [];
  responseDecision: Decision | undefined;
  tokens: TokenUsage = {};
  status = 0;
  error: string | undefined;
  deliveredChars = 0;
  streamCompleted: boolean | undefined;
  /** An MCP call (api `mcp`): the server as a supplier, the policy's view and the record's part. */
  mcp: McpCall | undefined;

  constructor(
    readonly id: string,
    readonly adapter: ProviderAdapter,
    /** The parsed body: inspected, edited in place, and re-serialised to the supplier. */
    readonly body: Record<string, unknown>,
    readonly headers: Record<string, string | string[] | undefined>,
    /** Deployment name from an Azure-style path. */
    readonly deployment?: string,
  ) {}
}
