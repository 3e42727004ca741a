// What an AI system may use of an MCP server: the one place the `systems[].mcp` lists are read
// (tools/list filtering, refusing a call, the CLI and the admin API all ask here).
import type { SystemConfig } from '../config/schema.js';
import { nameMatcher } from '../policy/match.js';

export type McpKind = 'tools' | 'resources' | 'prompts';

export interface McpScope {
  server: string;
  allows(kind: McpKind, name: string): boolean;
}

const cache = new WeakMap<object, McpScope>();

/** The system's scope on a server, or undefined when the system may not use the server at all. */
export function mcpScope(system: Pick<SystemConfig, 'mcp'> | undefined, server: string): McpScope | undefined {
  const entry = system?.mcp?.find((m) => m.server === server);
  if (!entry) return undefined;
  let s = cache.get(entry);
  if (!s) {
    const m = { tools: nameMatcher(entry.tools), resources: nameMatcher(entry.resources), prompts: nameMatcher(entry.prompts) };
    s = { server, allows: (kind, name) => m[kind](name) };
    cache.set(entry, s);
  }
  return s;
}

/** The kind of thing a method names, and the key of its name in params / in list items. */
export const METHOD_KIND: Readonly<Record<string, { kind: McpKind; param: string; item: string; list: string } | undefined>> = {
  'tools/call': { kind: 'tools', param: 'name', item: 'name', list: 'tools' },
  'tools/list': { kind: 'tools', param: 'name', item: 'name', list: 'tools' },
  'prompts/get': { kind: 'prompts', param: 'name', item: 'name', list: 'prompts' },
  'prompts/list': { kind: 'prompts', param: 'name', item: 'name', list: 'prompts' },
  'resources/read': { kind: 'resources', param: 'uri', item: 'uri', list: 'resources' },
  'resources/list': { kind: 'resources', param: 'uri', item: 'uri', list: 'resources' },
  'resources/templates/list': { kind: 'resources', param: 'uriTemplate', item: 'uriTemplate', list: 'resourceTemplates' },
};

/** Keeps the items of a list result the scope allows (tools by name, resources by URI or template). */
export function filterListResult(scope: McpScope, method: string, result: Record<string, unknown>): Record<string, unknown> {
  const k = METHOD_KIND[method];
  if (!k) return result;
  const items = result[k.list];
  if (!Array.isArray(items)) return { ...result, [k.list]: [] };
  return {
    ...result,
    [k.list]: items.filter((it) => it && typeof it === 'object' && typeof (it as Record<string, unknown>)[k.item] === 'string' && scope.allows(k.kind, (it as Record<string, string>)[k.item])),
  };
}
