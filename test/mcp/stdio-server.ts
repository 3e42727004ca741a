// The test MCP server over stdio: run by Warden (`command: node`, `args: [--import, tsx, this file]`).
// Each call's tool and arguments are appended as a JSON line to $SEEN_FILE.
import { appendFileSync } from 'node:fs';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { buildServer, type Seen } from './upstream.js';

const seen: Seen = [];
const push = seen.push.bind(seen);
seen.push = (...items) => {
  if (process.env.SEEN_FILE) for (const i of items) appendFileSync(process.env.SEEN_FILE, JSON.stringify(i) + '\n');
  return push(...items);
};
await buildServer(seen).connect(new StdioServerTransport());
