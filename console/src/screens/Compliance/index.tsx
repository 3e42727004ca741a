// Compliance: coverage of each framework Warden assesses (chart and table), the gap report of one
// with each requirement's evidence, the ISO/IEC 42001 Statement of Applicability, attestations with
// their documents, and signed evidence packs to build and download.
import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { Link } from 'react-router';
import { Button } from 'react-aria-components';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { attestationInputSchema, soaInputSchema } from '../../../../src/compliance/service.js';
import { api, apiUrl, call } from '../../api/client';
import type { BodyOf, ResponseOf } from '../../api/types';
import { useAnnounce } from '../../components/Announcer';
import { Badge } from '../../components/Badge';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { DataTable, type ColumnDef } from '../../components/DataTable';
import { PageHeader } from '../../components/PageHeader';
import { ApiErrorMessage, EmptyState, QueryState } from '../../components/States';
import { TimeAgo } from '../../components/TimeAgo';
import { Can, useCan } from '../../auth/Can';
import { apiSchemaResolver, applyProblems, CheckInput, compact, list, msg, SelectInput, TextAreaInput, TextInput } from '../Records/form';

type Framework = ResponseOf<'/api/compliance/frameworks', 'get'>[number];
type FrameworkId = Framework['id'];
type Gap = ResponseOf<'/api/compliance/gap', 'get'>;
type Entry = Gap['entries'][number];
type Soa = ResponseOf<'/api/soa', 'get'>[number];
type Attestation = ResponseOf<'/api/attestations', 'get'>[number];
type Pack = ResponseOf<'/api/compliance/evidence-packs', 'get'>[number];

const STATUSES = ['met', 'partial', 'gap', 'manual', 'not-applicable'] as const;
const TONE: Record<string, string> = { met: 'ok', partial: 'warn', gap: 'danger', manual: 'pending', 'not-applicable': 'neutral' };
// Colours of the chart series; each series is also named in the legend and the table says the numbers.
const FILL: Record<string, string> = { met: '#2e7d32', partial: '#b26a00', gap: '#c62828', manual: '#5c6bc0', 'not-applicable': '#9e9e9e' };

function Coverage({ frameworks, selected, onSelect }: { frameworks: Framework[]; selected: FrameworkId | null; onSelect: (f: FrameworkId) => void }) {
  const canGap = useCan('GET /api/compliance/gap');
  const data = frameworks.map((f) => ({ name: f.id, ...f.coverage }));
  const cols: ColumnDef<Framework>[] = [
    { id: 'title', name: 'Framework', isRowHeader: true, sortValue: (f) => f.title, render: (f) => f.title },
    { id: 'met', name: 'Met', numeric: true, sortValue: (f) => f.metPercent, render: (f) => `${Math.round(f.metPercent)}% (${f.coverage.met} of ${f.requirements})` },
    { id: 'partial', name: 'Partial', numeric: true, render: (f) => f.coverage.partial },
    { id: 'gap', name: 'Gaps', numeric: true, sortValue: (f) => f.coverage.gap, render: (f) => f.coverage.gap },
    { id: 'manual', name: 'Manual', numeric: true, render: (f) => f.coverage.manual },
    { id: 'na', name: 'Not applicable', numeric: true, render: (f) => f.coverage['not-applicable'] },
  ];
  if (canGap.allowed)
    cols.push({
      id: 'open',
      name: 'Gap report',
      render: (f) => (
        <Button className="button button-small" onPress={() => onSelect(f.id)} aria-label={`Open the gap report of ${f.title}`} aria-pressed={selected === f.id}>
          Gap report
        </Button>
      ),
    });
  return (
    <>
      <figure className="chart" aria-label="Requirements by status for each framework">
        <ResponsiveContainer width="100%" height={260}>
          <BarChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="name" />
            <YAxis allowDecimals={false} />
            <Tooltip />
            <Legend />
            {STATUSES.map((s) => (
              <Bar key={s} dataKey={s} name={s} stackId="c" fill={FILL[s]} isAnimationActive={false} />
            ))}
          </BarChart>
        </ResponsiveContainer>
        <figcaption className="chart-legend-note">Requirements met, partial, gap, manual and not applicable per framework; the table below has the numbers.</figcaption>
      </figure>
      <DataTable label="Framework coverage" columns={cols} rows={frameworks} rowKey={(f) => f.id} empty={<EmptyState title="No frameworks" />} />
    </>
  );
}

function Evidence({ entry }: { entry: Entry }) {
  return (
    <div className="card" data-testid="evidence">
      <h4>
        {entry.id} {entry.title} <Badge value={entry.status} tone={TONE[entry.status]} />
      </h4>
      {entry.expects ? <p>Expects: {entry.expects}</p> : null}
      {entry.evidence.length ? (
        <ul aria-label={`Evidence for ${entry.id}`}>
          {entry.evidence.map((e, i) => (
            <li key={i}>
              <Badge value={e.status} tone={TONE[e.status]} /> <strong>{e.check}</strong>: {e.detail}
              {e.decisions?.length ? (
                <span>
                  {' '}
                  Decisions:{' '}
                  {e.decisions.slice(0, 10).map((d) => (
                    <Link key={d} to={`/decisions/${encodeURIComponent(d)}`} className="mono">
                      {d}{' '}
                    </Link>
                  ))}
                  {e.decisions.length > 10 ? `and ${e.decisions.length - 10} more` : null}
                </span>
              ) : null}
              {e.records?.length ? <span> Records: {e.records.join(', ')}</span> : null}
            </li>
          ))}
        </ul>
      ) : (
        <p>No evidence collected for it.</p>
      )}
      {entry.attestations?.length ? (
        <p>
          Attested:{' '}
          {entry.attestations.map((a) => `${a.document} by ${a.owner}${a.expired ? ' (expired)' : ` until ${a.expiresAt.slice(0, 10)}`}`).join('; ')}
        </p>
      ) : null}
      {entry.soa ? (
        <p>
          Statement of Applicability: {entry.soa.applicable ? 'applicable' : 'not applicable'}, {entry.soa.implementation} — {entry.soa.justification}
        </p>
      ) : null}
    </div>
  );
}

function GapReport({ framework, from, to }: { framework: FrameworkId; from: string; to: string }) {
  const [open, setOpen] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const q = useQuery({
    queryKey: ['compliance', 'gap', framework, from, to],
    queryFn: () => call(api.GET('/api/compliance/gap', { params: { query: compact({ framework, from, to }) } })),
  });
  const cols: ColumnDef<Entry>[] = [
    { id: 'id', name: 'Requirement', isRowHeader: true, sortValue: (e) => e.id, render: (e) => <code>{e.id}</code> },
    { id: 'title', name: 'Title', sortValue: (e) => e.title, render: (e) => e.title },
    { id: 'status', name: 'Status', sortValue: (e) => STATUSES.indexOf(e.status), render: (e) => <Badge value={e.status} tone={TONE[e.status]} /> },
    { id: 'evidence', name: 'Evidence', numeric: true, sortValue: (e) => e.evidence.length, render: (e) => e.evidence.length },
    {
      id: 'drill',
      name: 'Details',
      render: (e) => (
        <Button className="button button-small" onPress={() => setOpen(open === e.id ? null : e.id)} aria-expanded={open === e.id} aria-label={`Evidence for ${e.id}`}>
          {open === e.id ? 'Hide evidence' : 'Show evidence'}
        </Button>
      ),
    },
  ];
  return (
    <section aria-labelledby="gap-title">
      <QueryState query={q} loadingLabel="Assessing the framework…">
        {(g) => {
          const rows = status ? g.entries.filter((e) => e.status === status) : g.entries;
          const entry = g.entries.find((e) => e.id === open);
          return (
            <>
              <h2 id="gap-title">Gap report: {g.title}</h2>
              <p>
                {g.period.from.slice(0, 10)} to {g.period.to.slice(0, 10)}:{' '}
                {STATUSES.map((s) => (
                  <span key={s}>
                    <Badge value={`${g.summary[s]} ${s}`} tone={TONE[s]} />{' '}
                  </span>
                ))}
              </p>
              <SelectInput label="Show requirements" value={status} onChange={(e) => setStatus(e.target.value)} options={STATUSES} blank="all" />
              {entry ? <Evidence entry={entry} /> : null}
              <DataTable label={`Requirements of ${g.title}`} columns={cols} rows={rows} rowKey={(e) => e.id} empty={<EmptyState title="No requirements with this status" />} />
            </>
          );
        }}
      </QueryState>
    </section>
  );
}

// ---- Statement of Applicability ----

interface SoaForm {
  applicable: boolean;
  justification: string;
  implementation: string;
  evidence: string;
}

function SoaEdit({ row, onDone }: { row: Soa; onDone: () => void }) {
  const qc = useQueryClient();
  const announce = useAnnounce();
  const [formError, setFormError] = useState<unknown>(null);
  const { register, handleSubmit, formState, setError } = useForm<SoaForm, unknown, BodyOf<'/api/soa/{control}', 'patch'>>({
    defaultValues: {
      applicable: row.entry?.applicable ?? true,
      justification: row.entry?.justification ?? '',
      implementation: row.entry?.implementation ?? 'not-started',
      evidence: row.entry?.evidence.join(', ') ?? '',
    },
    resolver: apiSchemaResolver(soaInputSchema, (f: SoaForm) => compact({ applicable: f.applicable, justification: f.justification.trim(), implementation: f.implementation, evidence: list(f.evidence) })),
  });
  const e = formState.errors;
  return (
    <form
      className="form card"
      aria-labelledby="soa-edit-title"
      noValidate
      onSubmit={handleSubmit(async (body) => {
        setFormError(null);
        try {
          await call(api.PATCH('/api/soa/{control}', { params: { path: { control: row.control } }, body }));
          void qc.invalidateQueries({ queryKey: ['compliance'] });
          announce(`Statement of Applicability for ${row.control} saved`);
          onDone();
        } catch (err) {
          setFormError(applyProblems(err, setError, ['applicable', 'justification', 'implementation', 'evidence']));
        }
      })}
    >
      <h3 id="soa-edit-title">
        {row.control} {row.title}
      </h3>
      <CheckInput label="Applicable" {...register('applicable')} />
      <TextAreaInput label="Justification" required error={msg(e.justification)} {...register('justification')} />
      <SelectInput label="Implementation" options={['not-started', 'planned', 'partial', 'implemented']} error={msg(e.implementation)} {...register('implementation')} />
      <TextInput label="Evidence links" hint="Comma-separated." error={msg(e.evidence)} {...register('evidence')} />
      {formError ? <ApiErrorMessage error={formError} title="Not saved" /> : null}
      <div className="button-row">
        <button type="submit" className="button button-primary">
          Save entry
        </button>
        <button type="button" className="button" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function StatementOfApplicability() {
  const canEdit = useCan('PATCH /api/soa/:control');
  const [editing, setEditing] = useState<Soa | null>(null);
  const q = useQuery({ queryKey: ['compliance', 'soa'], queryFn: () => call(api.GET('/api/soa')) });
  const cols: ColumnDef<Soa>[] = [
    { id: 'control', name: 'Control', isRowHeader: true, sortValue: (s) => s.control, render: (s) => <code>{s.control}</code> },
    { id: 'title', name: 'Title', render: (s) => s.title },
    { id: 'applicable', name: 'Applicable', sortValue: (s) => (s.entry ? (s.entry.applicable ? 0 : 1) : 2), render: (s) => (s.entry ? (s.entry.applicable ? 'yes' : 'no') : <Badge value="undecided" tone="warn" />) },
    { id: 'implementation', name: 'Implementation', sortValue: (s) => s.entry?.implementation, render: (s) => s.entry?.implementation ?? '' },
    { id: 'justification', name: 'Justification', render: (s) => s.entry?.justification ?? '' },
  ];
  if (canEdit.allowed)
    cols.push({
      id: 'edit',
      name: 'Edit',
      render: (s) => (
        <Button className="button button-small" onPress={() => setEditing(s)} aria-label={`Edit ${s.control}`}>
          Edit
        </Button>
      ),
    });
  return (
    <section aria-labelledby="soa-title">
      <h2 id="soa-title">Statement of Applicability (ISO/IEC 42001 Annex A)</h2>
      {editing ? <SoaEdit key={editing.control} row={editing} onDone={() => setEditing(null)} /> : null}
      <QueryState query={q} loadingLabel="Loading the Statement of Applicability…">
        {(rows) => <DataTable label="Statement of Applicability" columns={cols} rows={rows} rowKey={(s) => s.control} empty={<EmptyState title="No Annex A controls" />} />}
      </QueryState>
    </section>
  );
}

// ---- attestations ----

/** A file as base64, read in the browser. */
export function readBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(String(r.result).replace(/^data:[^,]*,/, ''));
    r.onerror = () => reject(r.error ?? new Error('could not read the file'));
    r.readAsDataURL(file);
  });
}

interface AttestForm {
  framework: string;
  requirement: string;
  owner: string;
  expiresAt: string;
  note: string;
}

function NewAttestation({ frameworks }: { frameworks: Framework[] }) {
  const qc = useQueryClient();
  const announce = useAnnounce();
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [formError, setFormError] = useState<unknown>(null);
  const { register, handleSubmit, formState, setError, reset } = useForm<AttestForm, unknown, Omit<BodyOf<'/api/attestations', 'post'>, 'document'>>({
    defaultValues: { framework: frameworks[0]?.id ?? 'iso42001', requirement: '', owner: '', expiresAt: '', note: '' },
    resolver: apiSchemaResolver(attestationInputSchema, (f: AttestForm) => compact({ ...f, requirement: f.requirement.trim(), owner: f.owner.trim(), note: f.note.trim() })),
  });
  const e = formState.errors;
  return (
    <form
      className="form card"
      aria-labelledby="attest-title"
      noValidate
      onSubmit={handleSubmit(async (body) => {
        setFormError(null);
        if (!file) return setFileError('Choose the document that shows it.');
        if (file.size > 5 * 1024 * 1024) return setFileError('The document may be at most 5 MiB.');
        setFileError(null);
        try {
          const content = await readBase64(file);
          const a = await call(api.POST('/api/attestations', { body: { ...body, document: { name: file.name, content } } }));
          reset();
          setFile(null);
          void qc.invalidateQueries({ queryKey: ['compliance'] });
          announce(`Attested ${a.framework} ${a.requirement} with ${a.document}`);
        } catch (err) {
          setFormError(applyProblems(err, setError, ['framework', 'requirement', 'owner', 'expiresAt', 'note']));
        }
      })}
    >
      <h3 id="attest-title">New attestation</h3>
      <div className="grid grid-2">
        <SelectInput label="Attestation framework" required options={frameworks.map((f) => ({ id: f.id, label: f.title }))} error={msg(e.framework)} {...register('framework')} />
        <TextInput label="Requirement" required hint="Its id in the gap report, e.g. A.2.2." error={msg(e.requirement)} {...register('requirement')} />
        <TextInput label="Owner" required error={msg(e.owner)} {...register('owner')} />
        <TextInput label="Expires" type="date" required error={msg(e.expiresAt)} {...register('expiresAt')} />
        <TextInput label="Note" error={msg(e.note)} {...register('note')} />
        <TextInput
          label="Document"
          type="file"
          required
          error={fileError ?? undefined}
          hint="At most 5 MiB; kept with its SHA-256."
          onChange={(ev) => setFile(ev.currentTarget.files?.[0] ?? null)}
        />
      </div>
      {formError ? <ApiErrorMessage error={formError} title="Not attested" /> : null}
      <button type="submit" className="button button-primary" disabled={formState.isSubmitting}>
        Attest
      </button>
    </form>
  );
}

function Attestations({ frameworks }: { frameworks: Framework[] }) {
  const qc = useQueryClient();
  const announce = useAnnounce();
  const canRevoke = useCan('POST /api/attestations/:id/revoke');
  const [revoking, setRevoking] = useState<Attestation | null>(null);
  const q = useQuery({ queryKey: ['compliance', 'attestations'], queryFn: () => call(api.GET('/api/attestations')) });
  const cols: ColumnDef<Attestation>[] = [
    { id: 'req', name: 'Requirement', isRowHeader: true, sortValue: (a) => `${a.framework}:${a.requirement}`, render: (a) => `${a.framework} ${a.requirement}` },
    { id: 'doc', name: 'Document', render: (a) => <span title={`SHA-256 ${a.sha256}`}>{a.document}</span> },
    { id: 'owner', name: 'Owner', sortValue: (a) => a.owner, render: (a) => a.owner },
    { id: 'expires', name: 'Expires', sortValue: (a) => a.expiresAt, render: (a) => <TimeAgo time={a.expiresAt} /> },
    {
      id: 'state',
      name: 'State',
      render: (a) => <Badge {...(a.revokedAt ? { value: 'revoked', tone: 'danger' } : Date.parse(a.expiresAt) < Date.now() ? { value: 'expired', tone: 'warn' } : { value: 'in force', tone: 'ok' })} />,
    },
  ];
  if (canRevoke.allowed)
    cols.push({
      id: 'revoke',
      name: 'Withdraw',
      render: (a) =>
        a.revokedAt ? null : (
          <Button className="button button-small button-danger" onPress={() => setRevoking(a)} aria-label={`Withdraw attestation of ${a.framework} ${a.requirement}`}>
            Withdraw
          </Button>
        ),
    });
  return (
    <section aria-labelledby="attestations-title">
      <h2 id="attestations-title">Attestations</h2>
      <p className="field-hint">For requirements no record can show: a signed document, its owner and an expiry.</p>
      <QueryState query={q} loadingLabel="Loading attestations…">
        {(rows) => <DataTable label="Attestations" columns={cols} rows={rows} rowKey={(a) => a.id} empty={<EmptyState title="No attestations" />} />}
      </QueryState>
      <Can op="POST /api/attestations">
        <NewAttestation frameworks={frameworks} />
      </Can>
      <ConfirmDialog
        isOpen={!!revoking}
        onOpenChange={(o) => !o && setRevoking(null)}
        title={revoking ? `Withdraw the attestation of ${revoking.framework} ${revoking.requirement}?` : ''}
        confirmLabel="Withdraw attestation"
        tone="danger"
        onConfirm={async () => {
          if (!revoking) return;
          await call(api.POST('/api/attestations/{id}/revoke', { params: { path: { id: revoking.id } } }));
          void qc.invalidateQueries({ queryKey: ['compliance'] });
          announce(`Attestation ${revoking.id} withdrawn`);
        }}
      >
        <p>The requirement no longer counts {revoking?.document} as evidence. The withdrawal is kept in the audit log with your name.</p>
      </ConfirmDialog>
    </section>
  );
}

// ---- evidence packs ----

export function packUrl(id: string): string {
  return apiUrl(`/api/compliance/evidence-packs/${encodeURIComponent(id)}`);
}

function EvidencePacks({ frameworks }: { frameworks: Framework[] }) {
  const qc = useQueryClient();
  const announce = useAnnounce();
  const [framework, setFramework] = useState<string>(frameworks[0]?.id ?? 'iso42001');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const q = useQuery({ queryKey: ['compliance', 'packs'], queryFn: () => call(api.GET('/api/compliance/evidence-packs')) });
  const build = useMutation({
    mutationFn: (b: BodyOf<'/api/compliance/evidence-packs', 'post'>) => call(api.POST('/api/compliance/evidence-packs', { body: b })),
    onSuccess: (p) => {
      void qc.invalidateQueries({ queryKey: ['compliance', 'packs'] });
      announce(`Evidence pack ${p.id} built: ${p.files} files, ${p.receipts} receipts`);
    },
  });
  const cols: ColumnDef<Pack>[] = [
    { id: 'id', name: 'Pack', isRowHeader: true, sortValue: (p) => p.id, render: (p) => <span className="mono">{p.id}</span> },
    { id: 'framework', name: 'Framework', sortValue: (p) => p.framework, render: (p) => p.framework },
    { id: 'period', name: 'Period', render: (p) => `${p.from.slice(0, 10)} to ${p.to.slice(0, 10)}` },
    { id: 'created', name: 'Built', sortValue: (p) => p.createdAt, render: (p) => (
      <span>
        <TimeAgo time={p.createdAt} /> by {p.createdBy}
      </span>
    ) },
    { id: 'size', name: 'Contents', render: (p) => `${p.files} files, ${p.receipts} receipts, ${Math.ceil(p.bytes / 1024)} KiB` },
    { id: 'sha', name: 'SHA-256', render: (p) => <span className="mono" title={p.sha256}>{p.sha256.slice(0, 16)}…</span> },
    {
      id: 'download',
      name: 'Download',
      render: (p) => (
        <a href={packUrl(p.id)} download={`${p.id}.zip`} aria-label={`Download evidence pack ${p.id}`}>
          Download
        </a>
      ),
    },
  ];
  return (
    <section aria-labelledby="packs-title">
      <h2 id="packs-title">Evidence packs</h2>
      <p className="field-hint">A zip of the gap report, its records and receipts, signed; check it with <code>warden evidence verify</code>.</p>
      <Can op="POST /api/compliance/evidence-packs" otherwise="explain">
        <form
          className="filters"
          onSubmit={(e) => {
            e.preventDefault();
            build.mutate({ framework: framework as FrameworkId, ...compact({ from, to }) });
          }}
        >
          <SelectInput label="Evidence pack framework" value={framework} onChange={(e) => setFramework(e.target.value)} options={frameworks.map((f) => ({ id: f.id, label: f.title }))} />
          <TextInput label="Evidence pack from" type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
          <TextInput label="Evidence pack to" type="date" value={to} onChange={(e) => setTo(e.target.value)} />
          <button type="submit" className="button button-primary" disabled={build.isPending}>
            {build.isPending ? 'Building…' : 'Build evidence pack'}
          </button>
        </form>
        {build.error ? <ApiErrorMessage error={build.error} title="No evidence pack built" /> : null}
        {build.data ? (
          <p className="notice" role="status">
            Built {build.data.id} ({build.data.files} files, {build.data.receipts} receipts).{' '}
            <a href={packUrl(build.data.id)} download={`${build.data.id}.zip`}>
              Download the evidence pack just built
            </a>
          </p>
        ) : null}
      </Can>
      <QueryState query={q} loadingLabel="Loading evidence packs…">
        {(rows) => <DataTable label="Evidence packs" columns={cols} rows={rows} rowKey={(p) => p.id} empty={<EmptyState title="No evidence packs built yet" />} initialSort={{ column: 'created', direction: 'descending' }} />}
      </QueryState>
    </section>
  );
}

export default function Compliance() {
  const [selected, setSelected] = useState<FrameworkId | null>(null);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const canPacks = useCan('GET /api/compliance/evidence-packs');
  const q = useQuery({ queryKey: ['compliance', 'frameworks', from, to], queryFn: () => call(api.GET('/api/compliance/frameworks', { params: { query: compact({ from, to }) } })) });
  return (
    <>
      <PageHeader title="Compliance" description="How far the records and the audit log show each framework met, what is missing, the Statement of Applicability, attestations and signed evidence packs." />
      <section aria-labelledby="coverage-title">
        <h2 id="coverage-title">Coverage</h2>
        <div className="filters" role="group" aria-label="Period">
          <TextInput label="Coverage from" type="date" value={from} onChange={(e) => setFrom(e.target.value)} hint="Empty: the last 90 days." />
          <TextInput label="Coverage to" type="date" value={to} onChange={(e) => setTo(e.target.value)} />
        </div>
        <QueryState query={q} loadingLabel="Assessing the frameworks…">
          {(fw) => (
            <>
              <Coverage frameworks={fw} selected={selected} onSelect={setSelected} />
              {selected ? <GapReport framework={selected} from={from} to={to} /> : null}
            </>
          )}
        </QueryState>
      </section>
      <StatementOfApplicability />
      <QueryState query={q}>
        {(fw) => (
          <>
            <Attestations frameworks={fw} />
            {canPacks.allowed ? <EvidencePacks frameworks={fw} /> : null}
          </>
        )}
      </QueryState>
    </>
  );
}
