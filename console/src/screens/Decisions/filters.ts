// The audit explorer's filters live in the URL (?user=…&action=block), so a view can be shared
// and the back button works; the same filters feed the list and the export links.
import type { AuditQuery } from '../../api/types';

export const FILTER_KEYS = ['since', 'until', 'user', 'system', 'supplier', 'action', 'rule', 'finding', 'kind'] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];
export type Filters = Partial<Record<FilterKey, string>>;

export const DEFAULT_FILTERS: Filters = { since: '24h', kind: 'decision' };

export function filtersFrom(params: URLSearchParams): Filters {
  const f: Filters = {};
  let any = false;
  for (const k of FILTER_KEYS) {
    const v = params.get(k);
    if (v !== null) {
      any = true;
      if (v !== '') f[k] = v;
    }
  }
  return any ? f : { ...DEFAULT_FILTERS };
}

/** Filters as URL parameters; an empty value is kept so "any" survives a reload. */
export function filtersToParams(f: Filters): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of FILTER_KEYS) out[k] = f[k]?.trim() ?? '';
  return out;
}

/** The API query for one page. */
export function apiQuery(f: Filters, page: { after?: number; limit: number }): AuditQuery {
  const q: Record<string, string | number> = { order: 'newest-first', limit: page.limit };
  for (const k of FILTER_KEYS) if (f[k]?.trim()) q[k] = f[k]!.trim();
  if (page.after !== undefined) q.after = page.after;
  return q as AuditQuery;
}

/** Export query: the same filters, no paging (the export streams every match). */
export function exportQuery(f: Filters, format: 'csv' | 'jsonl'): Record<string, string> {
  const q: Record<string, string> = { format };
  for (const k of FILTER_KEYS) if (f[k]?.trim()) q[k] = f[k]!.trim();
  return q;
}
