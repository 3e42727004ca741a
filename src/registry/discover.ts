// Shadow AI discovery from web proxy logs: which users reach which public AI services.
// Parsing is per line and pure; a tally adds the hits up; the service list is a data file.
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { packagePath } from '../core/paths.js';

export type ProxyLogFormat = 'squid' | 'common' | 'combined';

/** One request a proxy logged. */
export interface ProxyHit {
  format: ProxyLogFormat;
  /** ISO time, or null when the line has none that parses. */
  time: string | null;
  client: string;
  /** The authenticated user, when the proxy logged one. */
  user: string | null;
  method: string;
  host: string;
  status: number | null;
  bytes: number | null;
  /** The proxy refused it (403/407 or a DENIED squid code). */
  denied: boolean;
}

const aiServiceSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/),
    name: z.string().min(1),
    supplier: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/),
    category: z.string().min(1),
    domains: z.array(z.string().regex(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/, 'a lower-case domain name')).min(1),
  })
  .strict();
const domainsFileSchema = z.object({ services: z.array(aiServiceSchema).min(1) }).strict();

export type AiService = z.infer<typeof aiServiceSchema>;

let cached: AiService[] | undefined;

/** The AI services of data/discover/ai-domains.yaml, checked (one owner per domain). */
export function loadAiServices(): AiService[] {
  if (cached) return cached;
  const raw = parseYaml(readFileSync(packagePath('data', 'discover', 'ai-domains.yaml'), 'utf8'));
  const parsed = domainsFileSchema.safeParse(raw);
  if (!parsed.success) throw new Error(`data/discover/ai-domains.yaml: ${z.prettifyError(parsed.error)}`);
  const owner = new Map<string, string>();
  for (const s of parsed.data.services)
    for (const d of s.domains) {
      if (owner.has(d)) throw new Error(`data/discover/ai-domains.yaml: ${d} is listed by ${owner.get(d)} and ${s.id}`);
      owner.set(d, s.id);
    }
  return (cached = parsed.data.services);
}

/** Finds the AI service of a host: the domain itself or any subdomain; the longest listed domain wins. */
export class DomainMatcher {
  private readonly byDomain = new Map<string, AiService>();

  constructor(services: AiService[] = loadAiServices()) {
    for (const s of services) for (const d of s.domains) this.byDomain.set(d, s);
  }

  /** The category of a service id, or undefined. */
  categoryOf(id: string): string | undefined {
    for (const s of this.byDomain.values()) if (s.id === id) return s.category;
    return undefined;
  }

  match(host: string): AiService | undefined {
    let h = host.toLowerCase().replace(/\.$/, '');
    for (;;) {
      const s = this.byDomain.get(h);
      if (s) return s;
      const dot = h.indexOf('.');
      if (dot < 0) return undefined;
      h = h.slice(dot + 1);
    }
  }
}

/** The host of a request target: an absolute URL, host:port (CONNECT) or a bare host; null for a path. */
export function hostOf(target: string): string | null {
  let t = target.trim();
  if (t === '' || t.startsWith('/') || t === '*') return null;
  const scheme = /^[a-z][a-z0-9+.-]*:\/\//i.exec(t);
  if (scheme) t = t.slice(scheme[0].length);
  t = t.replace(/[/?#].*$/, '').replace(/^[^@]*@/, '');
  if (t.startsWith('[')) return null; // IPv6 literal: no AI service by name
  t = t.replace(/:\d+$/, '').toLowerCase();
  return /^[a-z0-9-]+(\.[a-z0-9-]+)*$/.test(t) ? t : null;
}

// time elapsed client code/status bytes method URL user hierarchy/peer type
const SQUID = /^(\d+(?:\.\d+)?)\s+(-?\d+)\s+(\S+)\s+([A-Za-z_]+)\/(\d{3})\s+(\d+)\s+(\S+)\s+(\S+)\s+(\S+)(?:\s+(\S+))?(?:\s+(\S+))?\s*$/;
const COMMON = /^(\S+)\s+(\S+)\s+(\S+)\s+\[([^\]]+)\]\s+"((?:[^"\\]|\\.)*)"\s+(\d{3}|-)\s+(\d+|-)(\s+"(?:[^"\\]|\\.)*"\s+"(?:[^"\\]|\\.)*")?(?:\s.*)?$/;
const MONTHS: Record<string, string> = { Jan: '01', Feb: '02', Mar: '03', Apr: '04', May: '05', Jun: '06', Jul: '07', Aug: '08', Sep: '09', Oct: '10', Nov: '11', Dec: '12' };

/** `10/Oct/2026:13:55:36 +0200` as ISO time, or null. */
export function parseClfTime(s: string): string | null {
  const m = /^(\d{2})\/([A-Z][a-z]{2})\/(\d{4}):(\d{2}):(\d{2}):(\d{2})\s+([+-])(\d{2})(\d{2})$/.exec(s);
  if (!m || !MONTHS[m[2]]) return null;
  const t = Date.parse(`${m[3]}-${MONTHS[m[2]]}-${m[1]}T${m[4]}:${m[5]}:${m[6]}${m[7]}${m[8]}:${m[9]}`);
  return Number.isNaN(t) ? null : new Date(t).toISOString();
}

function userOf(...fields: Array<string | undefined>): string | null {
  for (const f of fields) {
    if (f && f !== '-') {
      try {
        return decodeURIComponent(f);
      } catch {
        return f;
      }
    }
  }
  return null;
}

/**
 * Parses one log line. Returns null for a blank or comment line, an Error when the line is not
 * in the format, and a hit otherwise (host null lines, e.g. a path-only request, are Errors too).
 */
export function parseProxyLine(line: string, format: ProxyLogFormat | 'auto'): ProxyHit | Error | null {
  const text = line.trim();
  if (text === '' || text.startsWith('#')) return null;
  const kind = format === 'auto' ? (/^\d+(?:\.\d+)?\s/.test(text) ? 'squid' : 'common') : format;
  if (kind === 'squid') {
    const m = SQUID.exec(text);
    if (!m) return new Error('not a squid native log line');
    const host = hostOf(m[8]);
    if (!host) return new Error(`no host in request target ${m[8]}`);
    const status = Number(m[5]);
    return {
      format: 'squid',
      time: new Date(Number(m[1]) * 1000).toISOString(),
      client: m[3],
      user: userOf(m[9]),
      method: m[7],
      host,
      status: status || null,
      bytes: Number(m[6]),
      denied: /DENIED/.test(m[4]) || status === 403 || status === 407,
    };
  }
  const m = COMMON.exec(text);
  if (!m) return new Error(`not a ${kind === 'combined' ? 'combined' : 'common'} log line`);
  if (format === 'combined' && !m[8]) return new Error('combined log line without referer and user agent');
  const request = m[5].split(/\s+/);
  const target = request.length >= 2 ? request[1] : request[0];
  const host = hostOf(target ?? '');
  if (!host) return new Error(`no host in request "${m[5]}"`);
  const status = m[6] === '-' ? null : Number(m[6]);
  return {
    format: m[8] ? 'combined' : 'common',
    time: parseClfTime(m[4]),
    client: m[1],
    user: userOf(m[3], m[2]),
    method: request.length >= 2 ? request[0] : '-',
    host,
    status,
    bytes: m[7] === '-' ? null : Number(m[7]),
    denied: status === 403 || status === 407,
  };
}

/** One user (or client address, when the proxy logged no user) reaching one AI service. */
export interface UsageRow {
  user: string;
  /** How the person is identified: the proxy's authenticated user, or only the client address. */
  identifiedBy: 'user' | 'client';
  service: string;
  serviceName: string;
  supplier: string;
  requests: number;
  denied: number;
  bytes: number;
  firstSeen: string | null;
  lastSeen: string | null;
  hosts: string[];
}

/** One AI service seen, as a candidate for the supplier register. */
export interface ServiceRow {
  service: string;
  name: string;
  supplier: string;
  category: string;
  users: number;
  requests: number;
  denied: number;
  firstSeen: string | null;
  lastSeen: string | null;
}

export interface DiscoveryReport {
  lines: number;
  /** Lines that parsed as requests. */
  requests: number;
  /** Requests to a listed AI service. */
  aiRequests: number;
  /** Lines that did not parse: how many, and the first few with their line numbers. */
  skipped: number;
  problems: Array<{ line: number; message: string }>;
  services: ServiceRow[];
  usage: UsageRow[];
}

const MAX_PROBLEMS = 20;
const minTime = (a: string | null, b: string | null) => (a === null ? b : b === null ? a : a < b ? a : b);
const maxTime = (a: string | null, b: string | null) => (a === null ? b : b === null ? a : a > b ? a : b);

/** Adds up proxy-log lines into users per AI service. Feed lines in order with add(), then report(). */
export class DiscoveryTally {
  private lines = 0;
  private requests = 0;
  private aiRequests = 0;
  private skipped = 0;
  private readonly problems: Array<{ line: number; message: string }> = [];
  private readonly usage = new Map<string, UsageRow & { hostSet: Set<string> }>();

  constructor(
    private readonly format: ProxyLogFormat | 'auto' = 'auto',
    private readonly matcher = new DomainMatcher(),
  ) {}

  add(line: string): void {
    this.lines++;
    const hit = parseProxyLine(line, this.format);
    if (hit === null) return;
    if (hit instanceof Error) {
      this.skipped++;
      if (this.problems.length < MAX_PROBLEMS) this.problems.push({ line: this.lines, message: hit.message });
      return;
    }
    this.requests++;
    const service = this.matcher.match(hit.host);
    if (!service) return;
    this.aiRequests++;
    const user = hit.user ?? hit.client;
    const key = `${user}\u0000${service.id}`;
    let row = this.usage.get(key);
    if (!row) {
      row = {
        user,
        identifiedBy: hit.user ? 'user' : 'client',
        service: service.id,
        serviceName: service.name,
        supplier: service.supplier,
        requests: 0,
        denied: 0,
        bytes: 0,
        firstSeen: null,
        lastSeen: null,
        hosts: [],
        hostSet: new Set(),
      };
      this.usage.set(key, row);
    }
    row.requests++;
    if (hit.denied) row.denied++;
    row.bytes += hit.bytes ?? 0;
    row.firstSeen = minTime(row.firstSeen, hit.time);
    row.lastSeen = maxTime(row.lastSeen, hit.time);
    row.hostSet.add(hit.host);
  }

  report(): DiscoveryReport {
    const services = new Map<string, ServiceRow>();
    const usage: UsageRow[] = [];
    for (const { hostSet, ...row } of this.usage.values()) {
      usage.push({ ...row, hosts: [...hostSet].sort() });
      let s = services.get(row.service);
      if (!s) {
        s = { service: row.service, name: row.serviceName, supplier: row.supplier, category: '', users: 0, requests: 0, denied: 0, firstSeen: null, lastSeen: null };
        services.set(row.service, s);
      }
      s.users++;
      s.requests += row.requests;
      s.denied += row.denied;
      s.firstSeen = minTime(s.firstSeen, row.firstSeen);
      s.lastSeen = maxTime(s.lastSeen, row.lastSeen);
    }
    for (const s of services.values()) s.category = this.matcher.categoryOf(s.service) ?? '';
    return {
      lines: this.lines,
      requests: this.requests,
      aiRequests: this.aiRequests,
      skipped: this.skipped,
      problems: [...this.problems],
      services: [...services.values()].sort((a, b) => b.requests - a.requests || a.service.localeCompare(b.service)),
      usage: usage.sort((a, b) => a.service.localeCompare(b.service) || b.requests - a.requests || a.user.localeCompare(b.user)),
    };
  }
}
