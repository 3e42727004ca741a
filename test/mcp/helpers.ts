// Reading what Warden recorded and what the upstream saw, for the MCP tests.
import { readFileSync, existsSync } from 'node:fs';
import { openStore } from '../../src/audit/read.js';
import type { GatewayRecord } from '../../src/core/types.js';
import { McpError } from '@modelcontextprotocol/sdk/types.js';

/** The decision and completion records of a decision id (waits briefly for a deferred completion). */
export async function recordsOf(dataDir: string, id: string, want = 1): Promise<GatewayRecord[]> {
  for (let i = 0; i < 50; i++) {
    const store = openStore(dataDir);
    try {
      const rows = store.leavesById(id).map((r) => JSON.parse(r.leaf!) as GatewayRecord);
      if (rows.length >= want) return rows;
    } finally {
      store.close();
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`fewer than ${want} records for ${id}`);
}

/** The arguments the stdio server's tools received. */
export function stdioSeen(file: string): Array<{ tool: string; args: Record<string, unknown> }> {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l));
}

/** The JSON-RPC error a promise rejects with (the SDK raises McpError). */
export async function rpcErrorOf(p: Promise<unknown>): Promise<McpError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof McpError) return err;
    throw err;
  }
  throw new Error('expected a JSON-RPC error');
}

export function metaOf(r: unknown): Record<string, unknown> {
  return ((r as { _meta?: Record<string, unknown> })._meta ?? {}) as Record<string, unknown>;
}
