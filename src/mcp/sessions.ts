// MCP sessions at /mcp/{server}: each is bound to the server and to the Warden key that opened
// it. A session id used with another key, or for another server, is answered as unknown (404),
// so a leaked id neither works nor confirms that it exists.
import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';

export interface McpSession {
  id: string;
  server: string;
  /** Public id of the Warden key that opened it. */
  keyId: string;
  protocolVersion: string;
  /** `sse`: the HTTP+SSE transport of 2024-11-05 (answers go down `legacy`). */
  transport: 'streamable' | 'sse';
  createdAt: number;
  lastSeen: number;
  /** Open GET streams (server-to-client notifications). */
  streams: Set<ServerResponse>;
  /** The HTTP+SSE transport's one stream. */
  legacy?: ServerResponse;
}

export interface SessionLimits {
  /** An idle session ends after this long. */
  idleMs: number;
  /** At most this many sessions at once; the least recently used is ended first. */
  max: number;
}

export const DEFAULT_SESSION_LIMITS: SessionLimits = { idleMs: 30 * 60_000, max: 10_000 };

export class McpSessions {
  private readonly byId = new Map<string, McpSession>();
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly limits: SessionLimits = DEFAULT_SESSION_LIMITS) {
    this.timer = setInterval(() => this.sweep(), Math.min(60_000, limits.idleMs));
    this.timer.unref();
  }

  open(server: string, keyId: string, protocolVersion: string, transport: McpSession['transport']): McpSession {
    if (this.byId.size >= this.limits.max) {
      const oldest = [...this.byId.values()].sort((a, b) => a.lastSeen - b.lastSeen)[0];
      this.end(oldest.id);
    }
    const now = Date.now();
    const s: McpSession = { id: randomBytes(24).toString('base64url'), server, keyId, protocolVersion, transport, createdAt: now, lastSeen: now, streams: new Set() };
    this.byId.set(s.id, s);
    return s;
  }

  /** The session, if it exists, belongs to this server and was opened with this key. */
  find(id: string | undefined, server: string, keyId: string): McpSession | undefined {
    if (!id) return undefined;
    const s = this.byId.get(id);
    if (!s || s.server !== server || s.keyId !== keyId) return undefined;
    s.lastSeen = Date.now();
    return s;
  }

  /** Ends a session and closes its streams. */
  end(id: string): boolean {
    const s = this.byId.get(id);
    if (!s) return false;
    this.byId.delete(id);
    for (const r of s.streams) r.end();
    s.legacy?.end();
    return true;
  }

  /** Sessions on a server (notifications fan out to them). */
  onServer(server: string): McpSession[] {
    return [...this.byId.values()].filter((s) => s.server === server);
  }

  get size(): number {
    return this.byId.size;
  }

  private sweep(): void {
    const cutoff = Date.now() - this.limits.idleMs;
    for (const s of this.byId.values()) if (s.lastSeen < cutoff && s.streams.size === 0 && !s.legacy) this.end(s.id);
  }

  close(): void {
    clearInterval(this.timer);
    for (const id of [...this.byId.keys()]) this.end(id);
  }
}
