// Reading records back: filters for search and tail, and streaming exports in log order.
import type { AuditRecord } from '../core/types.js';
import type { LeafRow, LogStore } from './store.js';
import { csvHeader, toCef, toCsvRow, toOcsf } from './format.js';

export interface RecordFilter {
  /** ISO time or a duration back from now (e.g. 24h, 7d, 30m). */
  since?: string;
  until?: string;
  user?: string;
  system?: string;
  supplier?: string;
  action?: string;
  rule?: string;
  /** A finding type (`PII.EMAIL`) or type and subtype (`PII:email`) any summary of the record has. */
  finding?: string;
  kind?: string;
  id?: string;
}

/** Log order (oldest first) or newest first. */
export type RecordOrder = 'oldest-first' | 'newest-first';

const PAGE = 2_000;

/** An ISO time from an ISO string, a date, or a duration back from now. */
export function parseTime(s: string, now = Date.now()): string {
  const m = /^(\d+)\s*(ms|s|m|h|d|w)$/.exec(s.trim());
  if (m) {
    const unit = { ms: 1, s: 1e3, m: 6e4, h: 3.6e6, d: 8.64e7, w: 6.048e8 }[m[2] as 'ms']!;
    return new Date(now - Number(m[1]) * unit).toISOString();
  }
  const t = Date.parse(s);
  if (Number.isNaN(t)) throw new Error(`not a time or duration: ${s}`);
  return new Date(t).toISOString();
}

export function matches(rec: AuditRecord, f: RecordFilter, since?: string, until?: string): boolean {
  if (since && rec.time < since) return false;
  if (until && rec.time >= until) return false;
  if (f.kind && rec.kind !== f.kind) return false;
  if (f.id && rec.id !== f.id) return false;
  if (rec.kind === 'admin') {
    if (f.user && rec.actor !== f.user) return false;
    if (f.system || f.supplier || f.action || f.rule || f.finding) return false;
    return true;
  }
  if (f.user && rec.principal?.user !== f.user) return false;
  if (f.system && rec.system !== f.system) return false;
  if (f.supplier && rec.supplier !== f.supplier) return false;
  if (f.action && rec.action !== f.action) return false;
  if (f.rule && !rec.rules.some((r) => r.id === f.rule)) return false;
  if (f.finding && !rec.findings.some((x) => x.type === f.finding || (x.subtype !== undefined && `${x.type}:${x.subtype}` === f.finding))) return false;
  return true;
}

export interface FoundRecord {
  index: number;
  record: AuditRecord | null;
  row: LeafRow;
}

/**
 * Matching records in log order, or newest first (expired ones included with a null record when
 * unfiltered). With `after`, only records past that leaf index in the order walked: above it
 * oldest first, below it newest first (the next page of a search).
 */
export function* findRecords(store: LogStore, f: RecordFilter, order: RecordOrder = 'oldest-first', after?: number): Generator<FoundRecord> {
  const since = f.since ? parseTime(f.since) : undefined;
  const until = f.until ? parseTime(f.until) : undefined;
  const newestFirst = order === 'newest-first';
  let first = 0;
  let last = store.size() - 1;
  if (f.id) {
    let rows = store.leavesById(f.id);
    if (after !== undefined) rows = rows.filter((r) => (newestFirst ? r.index < after : r.index > after));
    if (newestFirst) rows.reverse();
    for (const row of rows) {
      const record = row.leaf ? (JSON.parse(row.leaf) as AuditRecord) : null;
      if (!record || matches(record, f, since, until)) yield { index: row.index, record, row };
    }
    return;
  }
  if (since || until) {
    const span = store.indexSpan(since ?? '', until ?? '\uffff');
    if (!span) return;
    [first, last] = span;
  }
  if (after !== undefined) {
    if (newestFirst) last = Math.min(last, after - 1);
    else first = Math.max(first, after + 1);
  }
  const filtered = !!(f.user || f.system || f.supplier || f.action || f.rule || f.finding || f.kind);
  // Pages of PAGE leaves, walked from either end of [first, last].
  for (let n = 0; first + n * PAGE <= last; n++) {
    const from = newestFirst ? Math.max(first, last + 1 - (n + 1) * PAGE) : first + n * PAGE;
    const to = newestFirst ? last + 1 - n * PAGE : Math.min(last + 1, from + PAGE);
    const rows = store.leafRange(from, to);
    if (newestFirst) rows.reverse();
    for (const row of rows) {
      if (row.leaf === null) {
        if (!filtered && (!since || row.time >= since) && (!until || row.time < until)) yield { index: row.index, record: null, row };
        continue;
      }
      const record = JSON.parse(row.leaf) as AuditRecord;
      if (matches(record, f, since, until)) yield { index: row.index, record, row };
    }
  }
}

export type ExportFormat = 'jsonl' | 'csv' | 'ocsf' | 'cef';

/**
 * Streams an export. jsonl lines are exactly the hashed leaf bytes, in log order; expired
 * records have no bytes left and are skipped (their hashes remain in the tree).
 */
export function* exportLines(store: LogStore, format: ExportFormat, f: RecordFilter): Generator<string> {
  if (format === 'csv') yield csvHeader();
  for (const { index, record, row } of findRecords(store, f)) {
    if (!record || row.leaf === null) continue;
    switch (format) {
      case 'jsonl':
        yield row.leaf + '\n';
        break;
      case 'csv':
        yield toCsvRow(record, index);
        break;
      case 'ocsf':
        yield JSON.stringify(toOcsf(record, index)) + '\n';
        break;
      case 'cef':
        yield toCef(record, index) + '\n';
        break;
    }
  }
}
