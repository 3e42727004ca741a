// What the policy decides on: one direction of one interaction, with the registry's view of
// the AI system and supplier. The gateway builds it; tests and `policy explain` build it from YAML.
import type { Finding, Principal, ToolCall } from '../core/types.js';
import type { InputSpec } from './schema.js';

export interface SystemView {
  id: string;
  registered: boolean;
  /** In production and approved. */
  approved: boolean;
  /** personal, health, payment … */
  dataCategories: string[];
  /** null = any tool. */
  allowedTools: string[] | null;
}

export interface SupplierView {
  id: string;
  type: string;
  registered: boolean;
  approved: boolean;
  /** Public cloud AI (true) or on-premises / private deployment (false). */
  public: boolean;
  baa: boolean;
  reviewOverdue: boolean;
}

/** An MCP call as policy sees it (docs/MCP.md); empty strings and no arguments for model calls. */
export interface McpView {
  /** The MCP server id ('' for a model call). */
  server: string;
  /** JSON-RPC method: tools/call, resources/read, prompts/get, tools/list … */
  method: string;
  /** The tool or prompt name. */
  tool: string;
  /** The resource URI of resources/read. */
  uri: string;
  /** The call's arguments (tools/call, prompts/get). */
  arguments: Record<string, unknown>;
}

/** The MCP view of a model call. */
export const NO_MCP: McpView = Object.freeze({ server: '', method: '', tool: '', uri: '', arguments: Object.freeze({}) as Record<string, unknown> });

export interface PolicyInput {
  direction: 'request' | 'response';
  principal: Principal;
  system: SystemView;
  supplier: SupplierView;
  model: string;
  findings: Finding[];
  /** Tools offered in the request. */
  tools: string[];
  /** Tools called by the model (response), or earlier calls echoed in the request. */
  toolCalls: ToolCall[];
  messageCount: number;
  labels: string[];
  time: Date;
  /** The MCP call this decision is about; NO_MCP for model calls (absent = NO_MCP). */
  mcp?: McpView;
}

/** The input a policy test or `explain` starts from: a registered, approved system and public supplier. */
export function baseInput(): PolicyInput {
  return {
    direction: 'request',
    principal: { user: 'tester@example.com', groups: [], keyId: 'key_test', system: 'test-system' },
    system: { id: 'test-system', registered: true, approved: true, dataCategories: [], allowedTools: null },
    supplier: { id: 'test-supplier', type: 'openai', registered: true, approved: true, public: true, baa: false, reviewOverdue: false },
    model: 'test-model',
    findings: [],
    tools: [],
    toolCalls: [],
    messageCount: 1,
    labels: [],
    time: new Date('2026-01-05T12:00:00Z'),
  };
}

/** Applies spec layers over the base input, field by field (objects merge one level deep). */
export function inputFromSpecs(...layers: Array<InputSpec | undefined>): PolicyInput {
  const input = baseInput();
  for (const s of layers) {
    if (!s) continue;
    if (s.direction) input.direction = s.direction;
    if (s.principal) input.principal = { ...input.principal, ...s.principal };
    if (s.system) input.system = { ...input.system, ...s.system };
    if (s.supplier) input.supplier = { ...input.supplier, ...s.supplier };
    if (s.model !== undefined) input.model = s.model;
    if (s.findings) {
      input.findings = s.findings.map((f) => ({
        type: f.type,
        ...(f.subtype !== undefined ? { subtype: f.subtype } : {}),
        start: f.start ?? 0,
        end: f.end ?? 0,
        score: f.score ?? 1,
        detector: f.detector ?? 'test',
        detectorVersion: '0',
        ...(f.segment !== undefined ? { segment: f.segment } : {}),
      }));
    }
    if (s.tools) input.tools = s.tools;
    if (s.toolCalls) {
      input.toolCalls = s.toolCalls.map((c) => ({
        ...(c.id ? { id: c.id } : {}),
        name: c.name,
        arguments: typeof c.arguments === 'string' ? c.arguments : JSON.stringify(c.arguments ?? {}),
      }));
    }
    if (s.messageCount !== undefined) input.messageCount = s.messageCount;
    if (s.labels) input.labels = s.labels;
    if (s.time) input.time = new Date(s.time);
    if (s.mcp) input.mcp = { ...NO_MCP, ...(input.mcp ?? {}), ...s.mcp } as McpView;
  }
  if (!layers.some((l) => l?.principal?.system)) input.principal.system = input.system.id;
  return input;
}
