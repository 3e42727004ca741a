// Live decisions and the audit explorer: every decision the gateway made, newest first, filtered
// by time, user, system, supplier, action, rule and finding; the filtered set can be exported.
import { useEffect, useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { Button, Checkbox, Form, Input, Label, TextField } from 'react-aria-components';
import { api, apiUrl, call } from '../../api/client';
import type { AuditRow } from '../../api/types';
import { Badge } from '../../components/Badge';
import { DataTable, type ColumnDef } from '../../components/DataTable';
import { PageHeader } from '../../components/PageHeader';
import { SelectField } from '../../components/SelectField';
import { EmptyState, QueryState } from '../../components/States';
import { TimeAgo } from '../../components/TimeAgo';
import { Can } from '../../auth/Can';
import { apiQuery, exportQuery, filtersFrom, filtersToParams, type FilterKey, type Filters } from './filters';

const PAGE = 50;
const LIVE_MS = 5000;

const SINCE = [
  { id: '1h', label: 'Last hour' },
  { id: '24h', label: 'Last 24 hours' },
  { id: '7d', label: 'Last 7 days' },
  { id: '30d', label: 'Last 30 days' },
  { id: 'any', label: 'Any time' },
] as const;
const ACTIONS = [{ id: 'any', label: 'Any action' }, ...['allow', 'warn', 'redact', 'route', 'hold', 'block'].map((a) => ({ id: a, label: a }))] as const;
const KINDS = [
  { id: 'decision', label: 'Decisions' },
  { id: 'completion', label: 'Completions' },
  { id: 'admin', label: 'Admin changes' },
  { id: 'any', label: 'All records' },
] as const;

const TEXT_FILTERS: Array<{ key: FilterKey; label: string }> = [
  { key: 'user', label: 'User' },
  { key: 'system', label: 'AI system' },
  { key: 'supplier', label: 'Supplier' },
  { key: 'rule', label: 'Policy rule' },
  { key: 'finding', label: 'Finding type' },
];

const any = (v: string | undefined) => v ?? 'any';
const unany = (v: string) => (v === 'any' ? '' : v);

function FilterForm({ value, onApply }: { value: Filters; onApply: (f: Filters) => void }) {
  const [draft, setDraft] = useState<Filters>(value);
  useEffect(() => setDraft(value), [value]);
  const set = (k: FilterKey) => (v: string) => setDraft((d) => ({ ...d, [k]: v }));
  return (
    <Form
      className="filters card"
      aria-label="Filter records"
      onSubmit={(e) => {
        e.preventDefault();
        onApply(draft);
      }}
    >
      <SelectField label="Time" options={SINCE} value={any(draft.since) as (typeof SINCE)[number]['id']} onChange={(v) => set('since')(unany(v))} />
      <SelectField label="Record kind" options={KINDS} value={any(draft.kind) as (typeof KINDS)[number]['id']} onChange={(v) => set('kind')(unany(v))} />
      <SelectField label="Action" options={ACTIONS} value={any(draft.action) as string} onChange={(v) => set('action')(unany(v))} />
      {TEXT_FILTERS.map((t) => (
        <TextField key={t.key} className="field" value={draft[t.key] ?? ''} onChange={set(t.key)} name={t.key}>
          <Label>{t.label}</Label>
          <Input />
        </TextField>
      ))}
      <div className="button-row">
        <Button type="submit" className="button button-primary">
          Apply filters
        </Button>
        <Button className="button" onPress={() => onApply({ since: '24h', kind: 'decision' })}>
          Reset
        </Button>
      </div>
    </Form>
  );
}

function recordColumns(): ColumnDef<AuditRow>[] {
  return [
    {
      id: 'time',
      name: 'Time',
      isRowHeader: true,
      render: (r) => (r.record ? <TimeAgo time={r.record.time} /> : <span className="field-hint">expired (index {r.index})</span>),
    },
    {
      id: 'what',
      name: 'Action',
      render: (r) => (!r.record ? '—' : r.record.kind === 'admin' ? <span className="mono">{r.record.op}</span> : <Badge value={r.record.action} />),
    },
    {
      id: 'who',
      name: 'User',
      render: (r) => (!r.record ? '—' : r.record.kind === 'admin' ? r.record.actor : (r.record.principal?.user ?? '—')),
    },
    {
      id: 'where',
      name: 'System · supplier · model',
      render: (r) =>
        !r.record ? '—' : r.record.kind === 'admin' ? <span className="mono">{r.record.target}</span> : [r.record.system, r.record.supplier, r.record.model].map((x) => x ?? '—').join(' · '),
    },
    {
      id: 'rules',
      name: 'Rules',
      render: (r) =>
        r.record && r.record.kind !== 'admin' && r.record.rules.length
          ? r.record.rules.map((h) => (
              <div key={h.id} className="mono">
                {h.id}
              </div>
            ))
          : '—',
    },
    {
      id: 'findings',
      name: 'Findings',
      render: (r) => (r.record && r.record.kind !== 'admin' && r.record.findings.length ? r.record.findings.map((f) => `${f.type} × ${f.count}`).join(', ') : '—'),
    },
    {
      id: 'open',
      name: 'Record',
      render: (r) =>
        r.record && r.record.kind !== 'admin' ? (
          <Link to={`/decisions/${encodeURIComponent(r.record.id)}`} aria-label={`Open decision ${r.record.id}`}>
            {r.record.id}
          </Link>
        ) : r.record ? (
          <span className="mono">{r.record.id}</span>
        ) : (
          '—'
        ),
    },
  ];
}

export default function Decisions() {
  const [params, setParams] = useSearchParams();
  const filters = filtersFrom(params);
  const after = params.get('after') ? Number(params.get('after')) : undefined;
  const [history, setHistory] = useState<Array<number | undefined>>([]);
  const [live, setLive] = useState(true);
  const firstPage = after === undefined;

  const query = useQuery({
    queryKey: ['audit', 'records', filters, after],
    queryFn: () => call(api.GET('/api/audit/records', { params: { query: apiQuery(filters, { after, limit: PAGE }) } })),
    placeholderData: keepPreviousData,
    // Only the first page moves: newer records arrive at its top.
    refetchInterval: live && firstPage ? LIVE_MS : false,
  });

  function apply(f: Filters) {
    setHistory([]);
    setParams(filtersToParams(f));
  }
  function go(next: number | undefined, back = false) {
    const p = new URLSearchParams(params);
    if (next === undefined) p.delete('after');
    else p.set('after', String(next));
    setHistory((h) => (back ? h.slice(0, -1) : [...h, after]));
    setParams(p);
  }

  return (
    <>
      <PageHeader
        title="Decisions"
        description="Every decision the gateway made, newest first, from the audit log."
        actions={
          <Can op="GET /api/audit/export">
            <a className="button" href={apiUrl('/api/audit/export', exportQuery(filters, 'csv'))} download="warden-audit.csv">
              Export CSV
            </a>
            <a className="button" href={apiUrl('/api/audit/export', exportQuery(filters, 'jsonl'))} download="warden-audit.jsonl">
              Export JSON lines
            </a>
          </Can>
        }
      />
      <FilterForm value={filters} onApply={apply} />
      <div className="button-row">
        <Checkbox className="checkbox" isSelected={live} onChange={setLive}>
          <span className="checkbox-box" aria-hidden="true">
            {live ? '✓' : ''}
          </span>
          Live: refresh the first page every 5 seconds
        </Checkbox>
      </div>
      <QueryState query={query} loadingLabel="Searching the audit log…">
        {(page) => (
          <>
            <p className="field-hint" role="status">
              {page.records.length === 0 ? 'No records match.' : `Showing ${page.records.length} record${page.records.length === 1 ? '' : 's'}${firstPage ? ', newest first' : ''}.`}
            </p>
            <DataTable
              label="Audit records"
              columns={recordColumns()}
              rows={page.records}
              rowKey={(r) => String(r.index)}
              rowClassName={(r) => (r.record && r.record.kind !== 'admin' && r.record.action === 'block' ? 'row-danger' : r.record && r.record.kind !== 'admin' && r.record.action === 'hold' ? 'row-warn' : undefined)}
              empty={<EmptyState title="No records match">Widen the time range or clear a filter.</EmptyState>}
              testId="audit-table"
            />
            <div className="pager" role="group" aria-label="Pages">
              <Button className="button" isDisabled={firstPage} onPress={() => go(history[history.length - 1], true)}>
                Newer
              </Button>
              <Button className="button" isDisabled={page.next === null} onPress={() => go(page.next ?? undefined)}>
                Older
              </Button>
              <Button className="button button-quiet" isDisabled={firstPage} onPress={() => apply(filters)}>
                Back to newest
              </Button>
            </div>
          </>
        )}
      </QueryState>
    </>
  );
}
