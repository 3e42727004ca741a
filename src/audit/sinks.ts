// SIEM delivery: syslog (RFC 5424 over TCP, optional TLS, RFC 6587 octet counting), Splunk HTTP
// Event Collector and a generic webhook. Each sink reads the log from its own durable cursor and
// moves it only after the SIEM accepted a batch, so a SIEM that is down loses nothing: delivery
// resumes from the cursor, after a restart too. Delivery is at least once; the record id is the
// key for de-duplication.
import { connect as tcpConnect, type Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import type { AuditRecord } from '../core/types.js';
import { LogStore } from './store.js';
import { toCef, toOcsf } from './format.js';

interface SinkCommon {
  /** Names the durable cursor; keep it stable. Default `<type>-<position>`. */
  name?: string;
  batchSize?: number;
  maxBackoffMs?: number;
}

export type SinkConfig =
  | (SinkCommon & {
      type: 'syslog';
      host: string;
      port: number;
      tls?: { caFile?: string; rejectUnauthorized?: boolean; servername?: string } | null;
      facility?: number;
      appName?: string;
      format?: 'json' | 'cef';
    })
  | (SinkCommon & { type: 'splunk-hec'; url: string; token: string; index?: string; source?: string; sourcetype?: string })
  | (SinkCommon & { type: 'webhook'; url: string; headers?: Record<string, string>; format?: 'json' | 'ocsf' | 'cef' });

/** One record to deliver: its leaf index, parsed body and exact leaf text. */
export interface Delivery {
  index: number;
  record: AuditRecord;
  leaf: string;
}

export interface Transport {
  send(batch: Delivery[]): Promise<void>;
  close(): void;
}

const HTTP_TIMEOUT_MS = 10_000;
const POLL_MS = 250;

// RFC 5612 documentation enterprise number for the structured-data id.
const SD_ID = 'warden@32473';

function syslogSeverity(rec: AuditRecord): number {
  if (rec.kind === 'admin') return 5;
  if (rec.action === 'block') return 4;
  if (rec.action === 'hold' || rec.action === 'redact' || rec.action === 'warn') return 5;
  return 6;
}

function sdValue(s: string): string {
  return s.replace(/[\\"\]]/g, (c) => `\\${c}`);
}

/** One RFC 5424 message (without framing). */
export function syslogMessage(d: Delivery, opts: { facility: number; appName: string; host: string; format: 'json' | 'cef' }): string {
  const pri = opts.facility * 8 + syslogSeverity(d.record);
  const msg = opts.format === 'cef' ? toCef(d.record, d.index) : d.leaf;
  const sd = `[${SD_ID} id="${sdValue(d.record.id)}" index="${d.index}" instance="${sdValue(d.record.instance)}"]`;
  return `<${pri}>1 ${d.record.time} ${opts.host} ${opts.appName} ${process.pid} ${d.record.kind} ${sd} \ufeff${msg}`;
}

class SyslogTransport implements Transport {
  private socket: Socket | null = null;
  private readonly host = hostname().replace(/\s/g, '') || '-';

  constructor(private readonly cfg: Extract<SinkConfig, { type: 'syslog' }>) {}

  private connect(): Promise<Socket> {
    if (this.socket && !this.socket.destroyed) return Promise.resolve(this.socket);
    return new Promise((resolve, reject) => {
      const tls = this.cfg.tls;
      const onError = (err: Error) => {
        s.destroy();
        reject(err);
      };
      const s: Socket = tls
        ? tlsConnect(
            {
              host: this.cfg.host,
              port: this.cfg.port,
              ca: tls.caFile ? readFileSync(tls.caFile) : undefined,
              rejectUnauthorized: tls.rejectUnauthorized ?? true,
              servername: tls.servername ?? this.cfg.host,
            },
            () => {
              s.off('error', onError);
              resolve(s);
            },
          )
        : tcpConnect({ host: this.cfg.host, port: this.cfg.port }, () => {
            s.off('error', onError);
            resolve(s);
          });
      s.setTimeout(HTTP_TIMEOUT_MS, () => s.destroy(new Error('syslog connection timed out')));
      s.once('error', onError);
      s.on('error', () => undefined);
      s.on('close', () => {
        if (this.socket === s) this.socket = null;
      });
      this.socket = s;
    });
  }

  async send(batch: Delivery[]): Promise<void> {
    const s = await this.connect();
    const opts = { facility: this.cfg.facility ?? 13, appName: this.cfg.appName ?? 'warden', host: this.host, format: this.cfg.format ?? 'json' } as const;
    let payload = '';
    for (const d of batch) {
      const m = syslogMessage(d, opts);
      payload += `${Buffer.byteLength(m, 'utf8')} ${m}`;
    }
    await new Promise<void>((resolve, reject) => {
      s.write(payload, 'utf8', (err) => (err ? reject(err) : resolve()));
    }).catch((err) => {
      s.destroy();
      throw err;
    });
  }

  close(): void {
    this.socket?.end();
    this.socket = null;
  }
}

async function post(url: string, headers: Record<string, string>, body: string): Promise<void> {
  const res = await fetch(url, { method: 'POST', headers, body, signal: AbortSignal.timeout(HTTP_TIMEOUT_MS) });
  const text = await res.text().catch(() => '');
  if (!res.ok) throw new Error(`${url} answered ${res.status} ${text.slice(0, 200)}`);
}

class SplunkTransport implements Transport {
  private readonly url: string;
  constructor(private readonly cfg: Extract<SinkConfig, { type: 'splunk-hec' }>) {
    this.url = /\/services\/collector(\/event)?\/?$/.test(cfg.url) ? cfg.url : `${cfg.url.replace(/\/$/, '')}/services/collector/event`;
  }
  async send(batch: Delivery[]): Promise<void> {
    let body = '';
    for (const d of batch) {
      const head = JSON.stringify({
        time: Date.parse(d.record.time) / 1000,
        host: d.record.instance,
        source: this.cfg.source ?? 'warden',
        sourcetype: this.cfg.sourcetype ?? 'warden:audit',
        ...(this.cfg.index ? { index: this.cfg.index } : {}),
        fields: { log_index: d.index },
      });
      // The event is the leaf text itself, spliced in so it is not re-encoded.
      body += `${head.slice(0, -1)},"event":${d.leaf}}\n`;
    }
    await post(this.url, { authorization: `Splunk ${this.cfg.token}`, 'content-type': 'application/json' }, body);
  }
  close(): void {}
}

class WebhookTransport implements Transport {
  constructor(private readonly cfg: Extract<SinkConfig, { type: 'webhook' }>) {}
  async send(batch: Delivery[]): Promise<void> {
    const format = this.cfg.format ?? 'json';
    let body: string;
    let type = 'application/json';
    if (format === 'cef') {
      body = batch.map((d) => toCef(d.record, d.index)).join('\n') + '\n';
      type = 'text/plain; charset=utf-8';
    } else if (format === 'ocsf') body = JSON.stringify(batch.map((d) => toOcsf(d.record, d.index)));
    else body = `[${batch.map((d) => `{"index":${d.index},"record":${d.leaf}}`).join(',')}]`;
    await post(this.cfg.url, { 'content-type': type, ...(this.cfg.headers ?? {}) }, body);
  }
  close(): void {}
}

export function transportFor(cfg: SinkConfig): Transport {
  if (cfg.type === 'syslog') return new SyslogTransport(cfg);
  if (cfg.type === 'splunk-hec') return new SplunkTransport(cfg);
  return new WebhookTransport(cfg);
}

/** Name of a sink's cursor in the log file. */
export function cursorName(cfg: SinkConfig, position: number): string {
  return `sink:${cfg.name ?? `${cfg.type}-${position}`}`;
}

/**
 * Starts one delivery loop per sink over the log at `dbPath`. `moveCursor` persists a cursor
 * (through the writer). Returns a function that stops every loop.
 */
export function startSinks(
  dbPath: string,
  sinks: SinkConfig[],
  _instance: string,
  moveCursor: (name: string, next: number) => void,
  logger?: { warn(obj: object, msg: string): void },
): () => Promise<void> {
  const store = new LogStore(dbPath, { readonly: true });
  let stopped = false;
  const wakers = new Set<() => void>();
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      // Unreferenced: an idle delivery loop never keeps the process alive; the cursor is durable.
      const t = setTimeout(done, ms);
      t.unref();
      function done() {
        clearTimeout(t);
        wakers.delete(done);
        resolve();
      }
      wakers.add(done);
    });

  const loops = sinks.map(async (cfg, position) => {
    const name = cursorName(cfg, position);
    const transport = transportFor(cfg);
    const batchSize = cfg.batchSize ?? 500;
    const maxBackoff = cfg.maxBackoffMs ?? 60_000;
    let next = store.cursor(name);
    let backoff = 0;
    while (!stopped) {
      const size = store.size();
      if (next >= size) {
        await sleep(POLL_MS);
        continue;
      }
      const rows = store.leafRange(next, Math.min(size, next + batchSize));
      const batch: Delivery[] = [];
      for (const r of rows) if (r.leaf !== null) batch.push({ index: r.index, record: JSON.parse(r.leaf) as AuditRecord, leaf: r.leaf });
      try {
        if (batch.length) await transport.send(batch);
        next = rows[rows.length - 1].index + 1;
        moveCursor(name, next);
        backoff = 0;
      } catch (err) {
        backoff = Math.min(maxBackoff, backoff ? backoff * 2 : 500);
        logger?.warn({ sink: name, err: (err as Error).message, retryInMs: backoff, next }, 'audit delivery failed; will retry');
        await sleep(backoff);
      }
    }
    transport.close();
  });

  return async () => {
    stopped = true;
    for (const w of [...wakers]) w();
    await Promise.allSettled(loops);
    store.close();
  };
}
