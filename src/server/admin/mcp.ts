// MCP servers the gateway fronts and the tools each AI system may use (the same module as `warden mcp`).
import { z } from 'zod';
import { WardenError } from '../../core/errors.js';
import { McpCatalog } from '../../mcp/catalog.js';
import { notFound, route, type AdminCall, type AdminRoute } from './context.js';

const serverSchema = z.object({
  id: z.string(),
  name: z.string().optional(),
  transport: z.enum(['http', 'stdio']),
  endpoint: z.string(),
  reachable: z.boolean(),
  error: z.string().optional(),
  upstream: z.object({ name: z.string(), version: z.string() }).optional(),
  systems: z.array(z.string()),
  approved: z.boolean(),
});
const toolsSchema = z.object({
  server: z.string(),
  system: z.string().optional(),
  tools: z.array(z.object({ name: z.string(), title: z.string().optional(), description: z.string().optional(), systems: z.array(z.string()) })),
});
export const mcpToolsQuery = z.object({ system: z.string().min(1).max(64).optional() }).strict();

function catalog(call: AdminCall): McpCatalog | undefined {
  return call.deps.mcp;
}

export function mcpRoutes(): AdminRoute[] {
  return [
    route({
      method: 'GET',
      path: '/mcp/servers',
      tag: 'mcp',
      summary: 'Configured MCP servers, whether the gateway can reach each now, and the AI systems whose scope names it',
      response: z.array(serverSchema),
      handler: async (call) => (await catalog(call)?.servers()) ?? [],
    }),
    route<unknown, z.infer<typeof mcpToolsQuery>>({
      method: 'GET',
      path: '/mcp/servers/:id/tools',
      tag: 'mcp',
      summary: "An MCP server's tools and the AI systems that may call each; ?system= keeps only the tools that system may call",
      query: mcpToolsQuery,
      response: toolsSchema,
      handler: async (call) => {
        const c = catalog(call);
        if (!c) throw notFound(`MCP server ${call.params.id}`);
        try {
          return await c.tools(call.params.id, call.query.system);
        } catch (err) {
          if (err instanceof WardenError && err.code === 'WARDEN_NOT_FOUND') throw notFound(err.message.replace(/^No /, ''));
          throw err;
        }
      },
    }),
  ];
}
