// Tool identities (docs/MEDIATION.md): one name per tool, the same for policy and for stripping.
import type { Path, ToolDefinition } from '../core/types.js';

type Obj = Record<string, unknown>;
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 ? v : undefined);

/** The identity of an MCP server. */
export const mcpName = (label: unknown): string => `mcp:${str(label) ?? ''}`;

/**
 * An OpenAI tool entry (chat or Responses): a function or custom tool by its name, an MCP server
 * as `mcp:<label>`, any other kind by its type, so a built-in can never pass as a function by
 * carrying a `name`.
 */
export function openaiToolIdentity(t: Obj): Pick<ToolDefinition, 'name' | 'kind'> {
  const type = str(t.type) ?? 'function';
  if (type === 'function' || type === 'custom') {
    const inner = (t[type] ?? undefined) as Obj | undefined;
    const name = (inner && str(inner.name)) ?? str(t.name) ?? '';
    return { name, kind: 'function' };
  }
  if (type === 'mcp') return { name: mcpName(t.server_label), kind: 'mcp' };
  return { name: type, kind: 'builtin' };
}

/** An Anthropic tool entry: custom tools (with an input schema, or type custom) by name, server tools by type. */
export function anthropicToolIdentity(t: Obj): Pick<ToolDefinition, 'name' | 'kind' | 'alias'> {
  const type = str(t.type);
  if (type === undefined || type === 'custom') return { name: str(t.name) ?? '', kind: 'function' };
  if (type === 'mcp_toolset') return { name: mcpName(t.mcp_server_name), kind: 'mcp' };
  // The model calls a server tool by its name (`web_search`); the call is mapped back to this identity.
  return { name: type, kind: 'builtin', alias: str(t.name) };
}

/** Tool definitions of an array field, with their paths. */
export function toolsAt(body: Obj, key: string, identity: (t: Obj) => Pick<ToolDefinition, 'name' | 'kind' | 'alias'>): ToolDefinition[] {
  const arr = body[key];
  if (!Array.isArray(arr)) return [];
  const out: ToolDefinition[] = [];
  arr.forEach((t, i) => {
    const path: Path = [key, i];
    if (t === null || typeof t !== 'object' || Array.isArray(t)) out.push({ name: '', kind: 'builtin', path });
    else out.push({ ...identity(t as Obj), path });
  });
  return out;
}

/** Removes the given tools' entries from the body (by path); returns how many went. */
export function removeTools(body: Obj, tools: readonly ToolDefinition[]): number {
  const byArray = new Map<string, number[]>();
  for (const t of tools) {
    const [key, index] = t.path;
    if (typeof key !== 'string' || typeof index !== 'number') continue;
    let list = byArray.get(key);
    if (!list) byArray.set(key, (list = []));
    list.push(index);
  }
  let removed = 0;
  for (const [key, indexes] of byArray) {
    const arr = body[key];
    if (!Array.isArray(arr)) continue;
    const drop = new Set(indexes);
    const kept = arr.filter((_, i) => !drop.has(i));
    removed += arr.length - kept.length;
    if (kept.length === 0) delete body[key];
    else body[key] = kept;
  }
  return removed;
}

/** Calls of a built-in tool that the model names by its short name take the offered tool's identity. */
export function callIdentities<T extends { name: string }>(calls: T[], offered: readonly ToolDefinition[]): T[] {
  for (const c of calls) {
    const t = offered.find((o) => o.kind === 'builtin' && o.alias === c.name);
    if (t) c.name = t.name;
  }
  return calls;
}
