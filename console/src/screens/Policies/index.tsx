// Policies: the pack in force and its rules, every version loaded (who, when), the diff between
// two versions, lint and policy-test results, and "Try it": a sample prompt explained rule by rule.
import { useState } from 'react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { api, call } from '../../api/client';
import type { BodyOf, ResponseOf } from '../../api/types';
import { Badge } from '../../components/Badge';
import { DataTable, type ColumnDef } from '../../components/DataTable';
import { PageHeader } from '../../components/PageHeader';
import { ApiErrorMessage, EmptyState, QueryState } from '../../components/States';
import { TimeAgo } from '../../components/TimeAgo';
import { Can, useCan } from '../../auth/Can';
import { useAnnounce } from '../../components/Announcer';
import { SelectInput, TextAreaInput, TextInput } from '../Records/form';

type Current = ResponseOf<'/api/policies/current', 'get'>;
type Rule = Current['rules'][number];
type Version = ResponseOf<'/api/policies/versions', 'get'>[number];
type Lint = ResponseOf<'/api/policies/lint', 'get'>;
type Explain = ResponseOf<'/api/policies/explain', 'post'>;
type ExplainRule = Explain['rules'][number];

const short = (v: string) => v.replace(/^sha256:/, '').slice(0, 12);

function CurrentPack() {
  const q = useQuery({ queryKey: ['policies', 'current'], queryFn: () => call(api.GET('/api/policies/current')) });
  const cols: ColumnDef<Rule>[] = [
    { id: 'id', name: 'Rule', isRowHeader: true, sortValue: (r) => r.id, render: (r) => <code>{r.id}</code> },
    { id: 'action', name: 'Action', sortValue: (r) => r.action, render: (r) => <Badge value={r.action} /> },
    { id: 'direction', name: 'Direction', sortValue: (r) => r.direction, render: (r) => r.direction },
    { id: 'mode', name: 'Mode', sortValue: (r) => r.mode, render: (r) => r.mode },
    { id: 'enabled', name: 'Enabled', sortValue: (r) => (r.enabled ? 1 : 0), render: (r) => (r.enabled ? 'yes' : 'no (disabled)') },
    { id: 'where', name: 'File', sortValue: (r) => `${r.file}:${r.line}`, render: (r) => <span className="mono">{`${r.file}:${r.line}`}</span> },
    { id: 'desc', name: 'Description', render: (r) => r.description ?? '' },
  ];
  return (
    <section aria-labelledby="pack-title">
      <h2 id="pack-title">Policy in force</h2>
      <QueryState query={q} loadingLabel="Loading the policy in force…">
        {(p) => (
          <>
            <dl className="kv">
              <dt>Version</dt>
              <dd className="mono">{p.version}</dd>
              <dt>Mode</dt>
              <dd>{p.mode}</dd>
              <dt>Files</dt>
              <dd>{p.files.join(', ') || 'none'}</dd>
            </dl>
            {p.warnings.length ? (
              <div className="notice" role="note">
                <p>Warnings when it was loaded:</p>
                <ul>
                  {p.warnings.map((w, i) => (
                    <li key={i}>
                      <span className="mono">{`${w.file}:${w.line}:${w.column}`}</span> {w.message}
                    </li>
                  ))}
                </ul>
              </div>
            ) : null}
            <DataTable label="Rules in force" columns={cols} rows={p.rules} rowKey={(r) => r.id} empty={<EmptyState title="No rules">The pack has no rules.</EmptyState>} />
          </>
        )}
      </QueryState>
    </section>
  );
}

/** One line of a unified diff, said in words as well as its +/- sign. */
export function DiffLines({ diff }: { diff: string }) {
  const lines = diff.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return (
    <ol className="diff mono" aria-label="Unified diff">
      {lines.map((l, i) => {
        const kind = l.startsWith('+++') || l.startsWith('---') ? 'file' : l.startsWith('@@') ? 'hunk' : l.startsWith('+') ? 'added' : l.startsWith('-') ? 'removed' : 'same';
        const word = kind === 'added' ? 'Added: ' : kind === 'removed' ? 'Removed: ' : kind === 'file' ? 'File: ' : '';
        return (
          <li key={i} className={`diff-line diff-${kind}`} data-kind={kind}>
            {word ? <span className="visually-hidden">{word}</span> : null}
            <span>{l || ' '}</span>
            {kind === 'added' ? <span className="diff-word"> (added)</span> : kind === 'removed' ? <span className="diff-word"> (removed)</span> : null}
          </li>
        );
      })}
    </ol>
  );
}

function Versions() {
  const q = useQuery({ queryKey: ['policies', 'versions'], queryFn: () => call(api.GET('/api/policies/versions')) });
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [pair, setPair] = useState<[string, string] | null>(null);
  const diff = useQuery({
    queryKey: ['policies', 'diff', pair],
    enabled: !!pair,
    queryFn: () => call(api.GET('/api/policies/versions/{version}/diff/{other}', { params: { path: { version: pair![0], other: pair![1] } } })),
  });
  const cols: ColumnDef<Version>[] = [
    { id: 'version', name: 'Version', isRowHeader: true, sortValue: (v) => v.version, render: (v) => <span className="mono" title={v.version}>{short(v.version)}</span> },
    { id: 'loadedAt', name: 'Loaded', sortValue: (v) => v.loadedAt, render: (v) => <TimeAgo time={v.loadedAt} /> },
    { id: 'loadedBy', name: 'Loaded by', sortValue: (v) => v.loadedBy, render: (v) => v.loadedBy },
  ];
  return (
    <section aria-labelledby="versions-title">
      <h2 id="versions-title">Versions</h2>
      <QueryState query={q} loadingLabel="Loading policy versions…">
        {(versions) => {
          const options = versions.map((v) => ({ id: v.version, label: `${short(v.version)} — ${new Date(v.loadedAt).toLocaleString()} by ${v.loadedBy}` }));
          const a = from || versions[1]?.version || versions[0]?.version || '';
          const b = to || versions[0]?.version || '';
          return (
            <>
              <DataTable
                label="Policy versions"
                columns={cols}
                rows={versions}
                rowKey={(v) => v.version}
                initialSort={{ column: 'loadedAt', direction: 'descending' }}
                empty={<EmptyState title="No versions recorded yet" />}
              />
              {versions.length >= 2 ? (
                <form
                  className="filters"
                  onSubmit={(e) => {
                    e.preventDefault();
                    setPair([a, b]);
                  }}
                >
                  <SelectInput label="Compare version" value={a} onChange={(e) => setFrom(e.target.value)} options={options} />
                  <SelectInput label="with version" value={b} onChange={(e) => setTo(e.target.value)} options={options} />
                  <button type="submit" className="button button-primary" disabled={a === b}>
                    Show diff
                  </button>
                </form>
              ) : (
                <p className="field-hint">A diff needs two versions.</p>
              )}
              {pair ? (
                <QueryState query={diff} loadingLabel="Loading the diff…">
                  {(d) => (
                    <div className="card">
                      <h3>
                        {short(d.from.version)} ({d.from.loadedBy}) → {short(d.to.version)} ({d.to.loadedBy})
                      </h3>
                      <ul aria-label="Files">
                        {d.files.map((f) => (
                          <li key={f.name}>
                            <span className="mono">{f.name}</span> <Badge value={f.change} tone={f.change === 'added' ? 'ok' : f.change === 'removed' ? 'danger' : f.change === 'changed' ? 'warn' : undefined} />
                          </li>
                        ))}
                      </ul>
                      {d.diff ? <DiffLines diff={d.diff} /> : <p>The two versions have the same files.</p>}
                    </div>
                  )}
                </QueryState>
              ) : null}
            </>
          );
        }}
      </QueryState>
    </section>
  );
}

function LintResults() {
  const can = useCan('GET /api/policies/lint');
  const q = useQuery({ queryKey: ['policies', 'lint'], enabled: can.allowed, queryFn: () => call(api.GET('/api/policies/lint')) });
  return (
    <section aria-labelledby="lint-title">
      <h2 id="lint-title">Lint and tests</h2>
      <Can op="GET /api/policies/lint" otherwise="explain">
        <QueryState query={q} loadingLabel="Linting and testing the policy…">
          {(l: Lint) => (
            <>
              <p>
                <Badge value={l.lint.errors.length ? `${l.lint.errors.length} errors` : 'no errors'} tone={l.lint.errors.length ? 'danger' : 'ok'} />{' '}
                <Badge value={`${l.lint.warnings.length} warnings`} tone={l.lint.warnings.length ? 'warn' : 'ok'} /> {l.lint.rules} rules in <span className="mono">{l.lint.dir}</span>
              </p>
              {[...l.lint.errors.map((p) => ({ ...p, level: 'error' })), ...l.lint.warnings.map((p) => ({ ...p, level: 'warning' }))].length ? (
                <ul aria-label="Lint problems">
                  {[...l.lint.errors.map((p) => ({ ...p, level: 'error' })), ...l.lint.warnings.map((p) => ({ ...p, level: 'warning' }))].map((p, i) => (
                    <li key={i}>
                      <Badge value={p.level} tone={p.level === 'error' ? 'danger' : 'warn'} /> <span className="mono">{`${p.file}:${p.line}:${p.column}`}</span> {p.message}
                    </li>
                  ))}
                </ul>
              ) : null}
              <h3>Policy tests</h3>
              {l.testsError ? (
                <div className="error-box" role="alert">
                  <p className="error-title">The tests could not run</p>
                  <ul>
                    {l.testsError.map((p, i) => (
                      <li key={i}>
                        <span className="mono">{`${p.file}:${p.line}:${p.column}`}</span> {p.message}
                      </li>
                    ))}
                  </ul>
                </div>
              ) : !l.tests ? (
                <EmptyState title="No policy tests">The policy folder has no tests.</EmptyState>
              ) : (
                <>
                  <p>
                    <Badge value={`${l.tests.passed} passed`} tone="ok" /> <Badge value={`${l.tests.failed} failed`} tone={l.tests.failed ? 'danger' : 'ok'} />
                  </p>
                  <DataTable
                    label="Policy test results"
                    columns={[
                      { id: 'name', name: 'Test', isRowHeader: true, sortValue: (t) => t.name, render: (t) => t.name },
                      { id: 'result', name: 'Result', sortValue: (t) => (t.passed ? 1 : 0), render: (t) => <Badge value={t.passed ? 'passed' : 'failed'} tone={t.passed ? 'ok' : 'danger'} /> },
                      { id: 'where', name: 'File', render: (t) => <span className="mono">{`${t.file}:${t.line}`}</span> },
                      { id: 'why', name: 'Failures', render: (t) => t.failures.join('; ') },
                    ]}
                    rows={l.tests.results}
                    rowKey={(t) => `${t.file}:${t.line}:${t.name}`}
                  />
                </>
              )}
            </>
          )}
        </QueryState>
      </Can>
    </section>
  );
}

/** The rules of an explanation: every rule, matched or not, and each check it made. */
export function ExplainResult({ result }: { result: Explain }) {
  const d = result.decision;
  const cols: ColumnDef<ExplainRule>[] = [
    { id: 'id', name: 'Rule', isRowHeader: true, render: (r) => <code>{r.id}</code> },
    {
      id: 'matched',
      name: 'Matched',
      sortValue: (r) => (r.matched ? 0 : 1),
      render: (r) => <Badge value={r.matched ? 'matched' : 'not matched'} tone={r.matched ? 'warn' : 'ok'} />,
    },
    { id: 'action', name: 'Action', render: (r) => `${r.action}${r.mode === 'monitor' ? ' (monitor)' : ''}${r.enabled ? '' : ' (disabled)'}` },
    {
      id: 'why',
      name: 'Why',
      render: (r) => (
        <ul className="checks">
          {r.checks.map((c, i) => (
            <li key={i}>
              <span aria-hidden="true">{c.ok ? '✓ ' : '✗ '}</span>
              <span>{c.ok ? 'holds: ' : 'fails: '}</span>
              <strong>{c.name}</strong> {c.detail}
            </li>
          ))}
          {r.error ? <li>error: {r.error}</li> : null}
        </ul>
      ),
    },
  ];
  return (
    <div className="card" data-testid="explain-result">
      <h3>
        Final action: <Badge value={d.action} />
        {d.mode === 'monitor' ? ` (monitor mode${d.monitorAction ? `: would ${d.monitorAction}` : ''})` : ''}
      </h3>
      {d.message ? <p>{d.message}</p> : null}
      <dl className="kv">
        <dt>AI system</dt>
        <dd>
          {result.input.system.id}
          {result.input.system.registered ? '' : ' (not registered)'}
        </dd>
        <dt>Supplier, model</dt>
        <dd>
          {result.input.supplier.id}, {result.input.model}
        </dd>
        <dt>Policy version</dt>
        <dd className="mono">{short(d.policyVersion)}</dd>
        <dt>Findings</dt>
        <dd>{result.findings.length ? result.findings.map((f) => `${f.type}${f.subtype ? `:${f.subtype}` : ''} (${f.detector}, ${f.start}–${f.end})`).join(', ') : 'none'}</dd>
      </dl>
      <DataTable label="Rules and why" columns={cols} rows={result.rules} rowKey={(r) => r.id} empty={<EmptyState title="The policy has no rules" />} />
    </div>
  );
}

function TryIt() {
  const announce = useAnnounce();
  const [prompt, setPrompt] = useState('');
  const [system, setSystem] = useState('');
  const [model, setModel] = useState('');
  const explain = useMutation({
    mutationFn: (b: BodyOf<'/api/policies/explain', 'post'>) => call(api.POST('/api/policies/explain', { body: b })),
    onSuccess: (r) => announce(`Final action ${r.decision.action}; ${r.rules.filter((x) => x.matched).length} of ${r.rules.length} rules matched`),
  });
  return (
    <section aria-labelledby="try-title" className="card">
      <h2 id="try-title" className="section-title">
        Try it
      </h2>
      <Can op="POST /api/policies/explain" otherwise="explain">
        <p className="field-hint">The prompt is run through the detectors and the policy in force; it is neither stored nor logged.</p>
        <form
          className="form"
          onSubmit={(e) => {
            e.preventDefault();
            if (!prompt.trim()) return;
            explain.mutate({ prompt, ...(system.trim() ? { system: system.trim() } : {}), ...(model.trim() ? { model: model.trim() } : {}) });
          }}
        >
          <TextAreaInput label="Sample prompt" required value={prompt} onChange={(e) => setPrompt(e.target.value)} rows={4} />
          <div className="grid grid-2">
            <TextInput label="AI system (optional)" value={system} onChange={(e) => setSystem(e.target.value)} hint="Defaults to the first configured AI system." />
            <TextInput label="Model (optional)" value={model} onChange={(e) => setModel(e.target.value)} />
          </div>
          <button type="submit" className="button button-primary" disabled={!prompt.trim() || explain.isPending}>
            {explain.isPending ? 'Explaining…' : 'Explain decision'}
          </button>
        </form>
        {explain.error ? <ApiErrorMessage error={explain.error} title="Could not explain" /> : null}
        {explain.data ? <ExplainResult result={explain.data} /> : null}
      </Can>
    </section>
  );
}

export default function Policies() {
  return (
    <>
      <PageHeader title="Policies" description="The policy pack in force, every version loaded and by whom, what changed between two, and what it decides for a sample prompt." />
      <CurrentPack />
      <TryIt />
      <Versions />
      <LintResults />
    </>
  );
}
