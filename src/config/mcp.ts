// The `mcp_servers:` section of warden.yaml and the MCP scope of an AI system (docs/MCP.md).
import { z } from 'zod';

const id = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'ids are 1-64 letters, digits, dot, dash or underscore');

const byteSize = z.union([
  z.number().int().positive(),
  z.string().regex(/^\d+(\.\d+)?\s*(b|kb|mb|gb)?$/i, 'a size like 4mb, 512kb or a number of bytes'),
]);

/** One MCP server Warden fronts: a Streamable HTTP URL, or a command Warden runs and supervises (stdio). */
export const mcpServerSchema = z
  .object({
    id,
    name: z.string().optional(),
    /** Streamable HTTP endpoint of the upstream server. */
    url: z.string().url().optional(),
    /** Sent with every upstream HTTP request (credentials, e.g. `Authorization: Bearer ${TOKEN}`). */
    headers: z.record(z.string(), z.string()).default({}),
    /** A stdio server: the program Warden starts, its arguments, environment and working directory. */
    command: z.string().min(1).optional(),
    args: z.array(z.string()).default([]),
    env: z.record(z.string(), z.string()).default({}),
    cwd: z.string().optional(),
    /** Longest wait for one upstream answer (tools/call, resources/read …). */
    timeout_ms: z.number().int().positive().default(30000),
    /** Longest wait to connect and initialise (and for a stdio server to start). */
    connect_timeout_ms: z.number().int().positive().default(10000),
    /** Largest JSON-RPC message accepted from a client or from the upstream server. */
    max_message_size: byteSize.default('1mb'),
    /** Due-diligence approval; calls to an unapproved server are refused by the policy's supplier guard. */
    approved: z.boolean().default(true),
    /** Run by a third party outside the organisation (policy: `supplier.public`). */
    public: z.boolean().default(false),
  })
  .strict()
  .superRefine((s, ctx) => {
    if (!s.url === !s.command) ctx.addIssue({ code: 'custom', path: ['url'], message: 'an MCP server needs exactly one of url (Streamable HTTP) or command (stdio)' });
    if (s.command && Object.keys(s.headers).length) ctx.addIssue({ code: 'custom', path: ['headers'], message: 'headers are for url servers; a stdio server takes env' });
  });

/** What an AI system may use of one MCP server: tools, resources and prompts by name or glob (`*`). */
export const systemMcpSchema = z
  .object({
    server: id,
    tools: z.array(z.string().min(1)).default([]),
    resources: z.array(z.string().min(1)).default([]),
    prompts: z.array(z.string().min(1)).default([]),
  })
  .strict();

export type McpServerConfig = z.infer<typeof mcpServerSchema>;
export type SystemMcpConfig = z.infer<typeof systemMcpSchema>;
