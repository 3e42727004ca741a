// One decision: what was asked, what policy decided and why, what was found (types and counts,
// never the text), and the proof that the record is in the signed audit log.
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { api, call } from '../../api/client';
import type { DecisionDetail } from '../../api/types';
import { Badge } from '../../components/Badge';
import { DataTable } from '../../components/DataTable';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/States';
import { formatTime } from '../../components/time';
import { VerifyPanel } from './VerifyPanel';

type Rule = DecisionDetail['rules'][number];
type Finding = DecisionDetail['findings'][number];

function Summary({ d }: { d: DecisionDetail }) {
  const decision = d.records.find((r) => r.record.kind === 'decision')?.record ?? d.records[0].record;
  const completion = d.records.find((r) => r.record.kind === 'completion')?.record;
  return (
    <section className="card" aria-labelledby="summary-title">
      <h2 id="summary-title" className="section-title">
        Summary
      </h2>
      <dl className="kv">
        <dt>Time</dt>
        <dd>{formatTime(decision.time)}</dd>
        <dt>Action</dt>
        <dd>
          <Badge value={decision.action} /> {decision.mode === 'monitor' ? '(monitor mode: not enforced)' : ''}
        </dd>
        <dt>User</dt>
        <dd>{decision.principal ? `${decision.principal.user}${decision.principal.groups.length ? ` (${decision.principal.groups.join(', ')})` : ''}` : '—'}</dd>
        <dt>AI system</dt>
        <dd>{decision.system ?? '—'}</dd>
        <dt>Supplier and model</dt>
        <dd>
          {decision.supplier ?? '—'} · <span className="mono">{decision.model ?? '—'}</span>
          {decision.api ? ` · ${decision.api}` : ''}
        </dd>
        <dt>Policy version</dt>
        <dd>
          {d.policy ? (
            <>
              <span className="mono">{d.policy.version}</span>
              {d.policy.loadedBy ? ` loaded by ${d.policy.loadedBy}` : ''}
              {d.policy.loadedAt ? ` on ${formatTime(d.policy.loadedAt)}` : ''}
              {d.policy.kept ? '' : ' (its files are not kept)'}
            </>
          ) : (
            '—'
          )}
        </dd>
        {decision.controls.length ? (
          <>
            <dt>Controls</dt>
            <dd>{decision.controls.join(', ')}</dd>
          </>
        ) : null}
        {decision.latency ? (
          <>
            <dt>Latency</dt>
            <dd>
              gateway {decision.latency.gatewayMs.toFixed(1)} ms
              {completion?.latency?.upstreamMs !== undefined ? `, upstream ${completion.latency.upstreamMs.toFixed(0)} ms` : ''}
            </dd>
          </>
        ) : null}
        {completion?.outcome ? (
          <>
            <dt>Outcome</dt>
            <dd>
              HTTP {completion.outcome.status}
              {completion.outcome.error ? `: ${completion.outcome.error}` : ''}
              {completion.tokens ? ` · tokens in ${completion.tokens.input ?? '—'}, out ${completion.tokens.output ?? '—'}` : ''}
            </dd>
          </>
        ) : null}
        {decision.reviewId ? (
          <>
            <dt>Review</dt>
            <dd className="mono">{decision.reviewId}</dd>
          </>
        ) : null}
      </dl>
    </section>
  );
}

export default function Decision() {
  const { id = '' } = useParams();
  const query = useQuery({
    queryKey: ['decision', id],
    queryFn: () => call(api.GET('/api/audit/decisions/{id}', { params: { path: { id } } })),
  });
  return (
    <>
      <PageHeader title={`Decision ${id}`} description={<Link to="/decisions">Back to decisions</Link>} />
      <QueryState query={query} loadingLabel="Loading the decision and its proof…">
        {(d) => (
          <div className="grid">
            <Summary d={d} />
            <VerifyPanel detail={d} />
            <section aria-labelledby="rules-title">
              <h2 id="rules-title">Rules that fired</h2>
              <DataTable<Rule>
                label="Rules that fired"
                rows={d.rules}
                rowKey={(r) => `${r.direction}:${r.id}`}
                empty="No rule matched: the default applied."
                columns={[
                  { id: 'id', name: 'Rule', isRowHeader: true, sortValue: (r) => r.id, render: (r) => <span className="mono">{r.id}</span> },
                  { id: 'direction', name: 'On', sortValue: (r) => r.direction, render: (r) => r.direction },
                  { id: 'action', name: 'Action', sortValue: (r) => r.action, render: (r) => <Badge value={r.action} /> },
                  { id: 'mode', name: 'Mode', render: (r) => r.mode },
                  {
                    id: 'description',
                    name: 'Description',
                    render: (r) => (
                      <>
                        {r.description ?? <span className="field-hint">not recorded</span>}
                        {r.message ? <div>Message: {r.message}</div> : null}
                        {r.error ? <div className="field-error">Failed closed: {r.error}</div> : null}
                      </>
                    ),
                  },
                  { id: 'where', name: 'Source', render: (r) => (r.file ? <span className="mono">{`${r.file}${r.line ? `:${r.line}` : ''}`}</span> : '—') },
                  { id: 'controls', name: 'Controls', render: (r) => r.controls.join(', ') || '—' },
                ]}
              />
            </section>
            <section aria-labelledby="findings-title">
              <h2 id="findings-title">Findings</h2>
              <p className="field-hint">The log keeps what was found, how often and where, never the text itself.</p>
              <DataTable<Finding>
                label="Findings"
                rows={d.findings}
                rowKey={(f) => `${f.direction}:${f.type}:${f.subtype ?? ''}`}
                empty="Nothing sensitive was found."
                columns={[
                  { id: 'type', name: 'Type', isRowHeader: true, sortValue: (f) => f.type, render: (f) => `${f.type}${f.subtype ? ` (${f.subtype})` : ''}` },
                  { id: 'direction', name: 'In', sortValue: (f) => f.direction, render: (f) => f.direction },
                  { id: 'count', name: 'Count', numeric: true, sortValue: (f) => f.count, render: (f) => f.count },
                  { id: 'score', name: 'Top score', numeric: true, sortValue: (f) => f.maxScore, render: (f) => f.maxScore.toFixed(2) },
                  {
                    id: 'offsets',
                    name: 'Where (masked)',
                    render: (f) =>
                      f.offsets
                        .slice(0, 4)
                        .map(([seg, a, b]) => `part ${seg}, characters ${a}–${b}`)
                        .join('; ') + (f.offsets.length > 4 ? `; and ${f.offsets.length - 4} more` : ''),
                  },
                ]}
              />
            </section>
            <details>
              <summary>Records as logged</summary>
              {d.records.map((r) => (
                <div key={r.index}>
                  <h3>
                    {r.record.kind} record, index {r.index}
                  </h3>
                  <pre>{JSON.stringify(r.record, null, 2)}</pre>
                </div>
              ))}
            </details>
          </div>
        )}
      </QueryState>
    </>
  );
}
