// Overview: what the gateway decided over a period, what needs a person now (holds, kill
// switches) and the state of the audit log.
import { useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api, call } from '../../api/client';
import type { Overview as OverviewData } from '../../api/types';
import { PageHeader } from '../../components/PageHeader';
import { SelectField } from '../../components/SelectField';
import { QueryState } from '../../components/States';
import { TimeAgo } from '../../components/TimeAgo';
import { formatDuration } from '../../components/time';
import { ACTION_ORDER, DecisionsChart, RankChart } from './charts';

const PERIODS = [
  { id: '24h', label: 'Last 24 hours' },
  { id: '7d', label: 'Last 7 days' },
  { id: '30d', label: 'Last 30 days' },
] as const;
type Period = (typeof PERIODS)[number]['id'];

function Tile({ label, value, note, to, testId }: { label: string; value: React.ReactNode; note?: React.ReactNode; to?: string; testId?: string }) {
  return (
    <section className="card tile" aria-label={label} data-testid={testId}>
      <p className="tile-label">{label}</p>
      <p className="tile-value">{value}</p>
      {note ? <p className="tile-note">{note}</p> : null}
      {to ? (
        <p className="tile-note">
          <Link to={to}>Open {label.toLowerCase()}</Link>
        </p>
      ) : null}
    </section>
  );
}

function Tiles({ d }: { d: OverviewData }) {
  const total = ACTION_ORDER.reduce((n, a) => n + d.totals[a], 0);
  return (
    <div className="grid grid-tiles">
      <Tile label="Decisions" value={total.toLocaleString()} note={`${d.totals.block.toLocaleString()} blocked, ${d.totals.hold.toLocaleString()} held, ${d.totals.redact.toLocaleString()} redacted`} testId="tile-decisions" />
      <Tile
        label="Holds waiting"
        value={d.holds.waiting}
        testId="tile-holds"
        to="/reviews"
        note={
          d.holds.waiting === 0
            ? `Review SLA ${formatDuration(d.holds.slaSeconds * 1000)}`
            : `Oldest waiting ${formatDuration((d.holds.oldestSeconds ?? 0) * 1000)}; ${d.holds.overSla} over the ${formatDuration(d.holds.slaSeconds * 1000)} SLA`
        }
      />
      <Tile
        label="Kill switches"
        value={d.killSwitches.length}
        testId="tile-kill-switches"
        to="/kill-switches"
        note={d.killSwitches.length ? `In force: ${d.killSwitches.map((k) => (k.scope === 'all' ? 'all traffic' : `${k.scope} ${k.target}`)).join(', ')}` : 'None in force'}
      />
      <Tile
        label="Audit log"
        value={`${d.log.size.toLocaleString()} records`}
        testId="tile-audit-log"
        note={
          d.log.checkpoint ? (
            <>
              Last signed checkpoint at size {d.log.checkpoint.size.toLocaleString()}, <TimeAgo time={d.log.checkpoint.time} />
            </>
          ) : (
            'No checkpoint signed yet'
          )
        }
      />
    </div>
  );
}

export default function Overview() {
  const [since, setSince] = useState<Period>('24h');
  const query = useQuery({
    queryKey: ['overview', since],
    queryFn: () => call(api.GET('/api/overview', { params: { query: { since } } })),
    refetchInterval: 15_000,
    placeholderData: keepPreviousData,
  });
  return (
    <>
      <PageHeader
        title="Overview"
        description="What the gateway decided, what is waiting for a person, and the audit log."
        actions={<SelectField label="Period" options={PERIODS} value={since} onChange={setSince} />}
      />
      <QueryState query={query} loadingLabel="Loading the overview…">
        {(d) => (
          <div className="grid">
            <Tiles d={d} />
            <DecisionsChart data={d} />
            <div className="grid grid-2">
              <RankChart id="rules-chart" title="Policy rules fired most" nameHeader="Rule" colour="#1d4ed8" rows={d.topRules.map((r) => ({ name: r.id, count: r.count }))} />
              <RankChart id="findings-chart" title="Findings by type" nameHeader="Type" colour="#7c3aed" rows={d.findings.map((f) => ({ name: f.type, count: f.count }))} />
            </div>
          </div>
        )}
      </QueryState>
    </>
  );
}
