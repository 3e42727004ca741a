// AI management records: the AI system inventory, supplier register, risks, impact assessments,
// incidents (with their EU AI Act Art. 73 reporting clock) and shadow-AI discovery candidates,
// each with create and edit forms checked by the API's own schemas.
import { useState, type ReactNode } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { Button, Tab, TabList, TabPanel, Tabs } from 'react-aria-components';
import {
  assessmentInputSchema,
  incidentOpenSchema,
  incidentPatchSchema,
  riskInputSchema,
  supplierInputSchema,
  systemInputSchema,
} from '../../../../src/registry/schemas.js';
import type { ZodType } from 'zod';
import { api, call } from '../../api/client';
import type { ResponseOf } from '../../api/types';
import { useAnnounce } from '../../components/Announcer';
import { Badge } from '../../components/Badge';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { DataTable, type ColumnDef } from '../../components/DataTable';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState, QueryState } from '../../components/States';
import { TimeAgo } from '../../components/TimeAgo';
import { Can, useCan } from '../../auth/Can';
import { Art73Clock } from './Art73';
import { ASSESSMENT_FIELDS, INCIDENT_EDIT_FIELDS, INCIDENT_OPEN_FIELDS, RISK_FIELDS, SUPPLIER_FIELDS, SYSTEM_FIELDS } from './kinds';
import { RecordForm, type FieldSpec } from './RecordForm';

type System = ResponseOf<'/api/systems', 'get'>[number];
type Supplier = ResponseOf<'/api/suppliers', 'get'>[number];
type Risk = ResponseOf<'/api/risks', 'get'>[number];
type Assessment = ResponseOf<'/api/assessments', 'get'>[number];
type Incident = ResponseOf<'/api/incidents', 'get'>[number];
type Candidate = ResponseOf<'/api/discovery', 'get'>[number];
type Body = Record<string, unknown>;

interface KindDef<T extends { id: string }> {
  key: string;
  noun: string;
  tableLabel: string;
  createOp: string;
  patchOp: string;
  fields: FieldSpec[];
  createSchema: ZodType;
  editFields?: FieldSpec[];
  editSchema?: ZodType;
  list: () => Promise<T[]>;
  create: (b: Body) => Promise<T>;
  update: (id: string, b: Body) => Promise<T>;
  columns: ColumnDef<T>[];
  empty: ReactNode;
  extra?: ReactNode;
}

/** A list of one kind with its add and edit forms. */
function KindPanel<T extends { id: string }>({ def }: { def: KindDef<T> }) {
  const qc = useQueryClient();
  const announce = useAnnounce();
  const canCreate = useCan(def.createOp);
  const canPatch = useCan(def.patchOp);
  const [editing, setEditing] = useState<T | 'new' | null>(null);
  const q = useQuery({ queryKey: ['records', def.key], queryFn: def.list });
  const columns: ColumnDef<T>[] = canPatch.allowed
    ? [
        ...def.columns,
        {
          id: 'edit',
          name: 'Edit',
          render: (r) => (
            <Button className="button button-small" onPress={() => setEditing(r)} aria-label={`Edit ${def.noun} ${r.id}`}>
              Edit
            </Button>
          ),
        },
      ]
    : def.columns;
  const done = (what: string) => {
    setEditing(null);
    void qc.invalidateQueries({ queryKey: ['records'] });
    announce(what);
  };
  return (
    <>
      {def.extra}
      <Can op={def.createOp}>
        {editing === null ? (
          <Button className="button button-primary" onPress={() => setEditing('new')}>
            {`Add ${def.noun}`}
          </Button>
        ) : null}
      </Can>
      {editing === 'new' && canCreate.allowed ? (
        <RecordForm
          title={`New ${def.noun}`}
          fields={def.fields}
          schema={def.createSchema}
          submitLabel={`Add ${def.noun}`}
          onCancel={() => setEditing(null)}
          onSubmit={async (b) => {
            const r = await def.create(b);
            done(`Added ${def.noun} ${r.id}`);
          }}
        />
      ) : null}
      {editing && editing !== 'new' ? (
        <RecordForm
          key={editing.id}
          title={`Edit ${def.noun} ${editing.id}`}
          fields={def.editFields ?? def.fields}
          schema={def.editSchema ?? def.createSchema}
          initial={editing as unknown as Body}
          editing
          submitLabel="Save changes"
          onCancel={() => setEditing(null)}
          onSubmit={async (b) => {
            const { id: _id, ...rest } = b;
            const r = await def.update(editing.id, rest);
            done(`Saved ${def.noun} ${r.id}`);
          }}
        />
      ) : null}
      <QueryState query={q} loadingLabel={`Loading ${def.tableLabel.toLowerCase()}…`}>
        {(rows) => <DataTable label={def.tableLabel} columns={columns} rows={rows} rowKey={(r) => r.id} empty={def.empty} testId={`${def.key}-table`} />}
      </QueryState>
    </>
  );
}

const id = <T extends { id: string }>(name = 'Id'): ColumnDef<T> => ({ id: 'id', name, isRowHeader: true, sortValue: (r) => r.id, render: (r) => <code>{r.id}</code> });

const SYSTEMS: KindDef<System> = {
  key: 'systems',
  noun: 'AI system',
  tableLabel: 'AI system inventory',
  createOp: 'POST /api/systems',
  patchOp: 'PATCH /api/systems/:id',
  fields: SYSTEM_FIELDS,
  createSchema: systemInputSchema,
  list: () => call(api.GET('/api/systems')),
  create: (b) => call(api.POST('/api/systems', { body: b as never })),
  update: (i, b) => call(api.PATCH('/api/systems/{id}', { params: { path: { id: i } }, body: b })),
  columns: [
    id('System'),
    { id: 'name', name: 'Name', sortValue: (s) => s.name, render: (s) => s.name },
    { id: 'owner', name: 'Owner', sortValue: (s) => s.owner, render: (s) => s.owner },
    { id: 'lifecycle', name: 'Lifecycle', sortValue: (s) => s.lifecycle, render: (s) => s.lifecycle },
    { id: 'class', name: 'EU AI Act class', sortValue: (s) => s.euAiActClass, render: (s) => <Badge value={s.euAiActClass} tone={s.euAiActClass === 'high-risk' || s.euAiActClass === 'prohibited' ? 'danger' : undefined} /> },
    { id: 'suppliers', name: 'Suppliers', render: (s) => s.suppliers.join(', ') },
  ],
  empty: <EmptyState title="No AI systems registered" />,
};

const SUPPLIERS: KindDef<Supplier> = {
  key: 'suppliers',
  noun: 'supplier',
  tableLabel: 'Supplier register',
  createOp: 'POST /api/suppliers',
  patchOp: 'PATCH /api/suppliers/:id',
  fields: SUPPLIER_FIELDS,
  createSchema: supplierInputSchema,
  list: () => call(api.GET('/api/suppliers')),
  create: (b) => call(api.POST('/api/suppliers', { body: b as never })),
  update: (i, b) => call(api.PATCH('/api/suppliers/{id}', { params: { path: { id: i } }, body: b })),
  columns: [
    id('Supplier'),
    { id: 'name', name: 'Name', sortValue: (s) => s.name, render: (s) => s.name },
    { id: 'status', name: 'Status', sortValue: (s) => s.status, render: (s) => <Badge value={s.status} tone={s.status === 'approved' ? 'ok' : s.status === 'pending' ? 'warn' : 'danger'} /> },
    { id: 'dpa', name: 'DPA', render: (s) => (s.dpa ? 'yes' : 'no') },
    { id: 'training', name: 'Trains on data', render: (s) => s.trainingUse },
    { id: 'review', name: 'Next review', sortValue: (s) => s.nextReviewAt, render: (s) => <TimeAgo time={s.nextReviewAt} /> },
  ],
  empty: <EmptyState title="No suppliers registered" />,
};

const RISKS: KindDef<Risk> = {
  key: 'risks',
  noun: 'risk',
  tableLabel: 'Risk register',
  createOp: 'POST /api/risks',
  patchOp: 'PATCH /api/risks/:id',
  fields: RISK_FIELDS,
  createSchema: riskInputSchema,
  list: () => call(api.GET('/api/risks')),
  create: (b) => call(api.POST('/api/risks', { body: b as never })),
  update: (i, b) => call(api.PATCH('/api/risks/{id}', { params: { path: { id: i } }, body: b })),
  columns: [
    id('Risk'),
    { id: 'title', name: 'Title', sortValue: (r) => r.title, render: (r) => r.title },
    { id: 'system', name: 'AI system', sortValue: (r) => r.systemId, render: (r) => r.systemId },
    { id: 'rating', name: 'Likelihood × impact', numeric: true, sortValue: (r) => r.likelihood * r.impact, render: (r) => `${r.likelihood} × ${r.impact}` },
    { id: 'treatment', name: 'Treatment', render: (r) => r.treatment },
    { id: 'status', name: 'Status', sortValue: (r) => r.status, render: (r) => <Badge value={r.status} tone={r.status === 'open' ? 'warn' : 'ok'} /> },
  ],
  empty: <EmptyState title="No risks recorded" />,
};

const ASSESSMENTS: KindDef<Assessment> = {
  key: 'assessments',
  noun: 'impact assessment',
  tableLabel: 'Impact assessments',
  createOp: 'POST /api/assessments',
  patchOp: 'PATCH /api/assessments/:id',
  fields: ASSESSMENT_FIELDS,
  createSchema: assessmentInputSchema,
  list: () => call(api.GET('/api/assessments')),
  create: (b) => call(api.POST('/api/assessments', { body: b as never })),
  update: (i, b) => call(api.PATCH('/api/assessments/{id}', { params: { path: { id: i } }, body: b })),
  columns: [
    id('Assessment'),
    { id: 'title', name: 'Title', sortValue: (a) => a.title, render: (a) => a.title },
    { id: 'system', name: 'AI system', sortValue: (a) => a.systemId, render: (a) => a.systemId },
    { id: 'severity', name: 'Severity', sortValue: (a) => a.severity, render: (a) => a.severity },
    { id: 'approval', name: 'Approval', sortValue: (a) => a.approval.status, render: (a) => <Badge value={a.approval.status} tone={a.approval.status === 'approved' ? 'ok' : a.approval.status === 'rejected' ? 'danger' : 'warn'} /> },
  ],
  empty: <EmptyState title="No impact assessments" />,
};

function useIncidents(): KindDef<Incident> {
  const overdue = useQuery({ queryKey: ['records', 'incidents-overdue'], queryFn: () => call(api.GET('/api/incidents/overdue')) });
  const late = new Set((overdue.data ?? []).map((o) => o.id));
  return {
    key: 'incidents',
    noun: 'incident',
    tableLabel: 'Incidents',
    createOp: 'POST /api/incidents',
    patchOp: 'PATCH /api/incidents/:id',
    fields: INCIDENT_OPEN_FIELDS,
    createSchema: incidentOpenSchema,
    editFields: INCIDENT_EDIT_FIELDS,
    editSchema: incidentPatchSchema,
    list: () => call(api.GET('/api/incidents')),
    create: (b) => call(api.POST('/api/incidents', { body: b as never })),
    update: (i, b) => call(api.PATCH('/api/incidents/{id}', { params: { path: { id: i } }, body: b })),
    columns: [
      id('Incident'),
      { id: 'title', name: 'Title', sortValue: (i) => i.title, render: (i) => i.title },
      { id: 'severity', name: 'Severity', sortValue: (i) => i.severity, render: (i) => i.severity },
      { id: 'status', name: 'Status', sortValue: (i) => i.status, render: (i) => <Badge value={i.status} tone={i.status === 'closed' ? 'ok' : 'warn'} /> },
      { id: 'aware', name: 'Aware since', sortValue: (i) => i.awareAt, render: (i) => <TimeAgo time={i.awareAt} /> },
      { id: 'art73', name: 'Art. 73 report', render: (i) => <Art73Clock incident={i} overdue={late.has(i.id)} /> },
    ],
    empty: <EmptyState title="No incidents" />,
    extra: overdue.data?.length ? (
      <p className="notice" role="alert">
        {overdue.data.length} serious incident{overdue.data.length === 1 ? '' : 's'} with an overdue EU AI Act Art. 73 report: {overdue.data.map((o) => o.id).join(', ')}
      </p>
    ) : null,
  };
}

/** The body that registers a discovered AI system: what the gateway saw, the rest to review. */
export function candidateSystem(c: Candidate) {
  return {
    id: c.systemId,
    name: c.systemId,
    purpose: `Found by the gateway: key ${c.keyId} used by ${c.user}, ${c.count} requests between ${c.firstSeen} and ${c.lastSeen}. Describe its purpose.`,
    owner: c.user,
    lifecycle: 'production' as const,
    role: 'deployer' as const,
    euAiActClass: 'minimal' as const,
    notes: 'Registered from discovery; EU AI Act class, purpose and owner still to be reviewed.',
  };
}

function Discovery() {
  const qc = useQueryClient();
  const announce = useAnnounce();
  const canRegister = useCan('POST /api/systems');
  const [pending, setPending] = useState<Candidate | null>(null);
  const q = useQuery({ queryKey: ['records', 'discovery'], queryFn: () => call(api.GET('/api/discovery')) });
  const register = useMutation({ mutationFn: (c: Candidate) => call(api.POST('/api/systems', { body: systemInputSchema.parse(candidateSystem(c)) as never })) });
  const cols: ColumnDef<Candidate>[] = [
    { id: 'system', name: 'AI system', isRowHeader: true, sortValue: (c) => c.systemId, render: (c) => <code>{c.systemId}</code> },
    { id: 'key', name: 'Key', render: (c) => <span className="mono">{c.keyId}</span> },
    { id: 'user', name: 'User', sortValue: (c) => c.user, render: (c) => c.user },
    { id: 'count', name: 'Requests', numeric: true, sortValue: (c) => c.count, render: (c) => c.count },
    { id: 'last', name: 'Last seen', sortValue: (c) => c.lastSeen, render: (c) => <TimeAgo time={c.lastSeen} /> },
    {
      id: 'register',
      name: 'Inventory',
      render: (c) =>
        c.registered ? (
          <Badge value="registered" tone="ok" />
        ) : canRegister.allowed ? (
          <Button className="button button-small button-primary" onPress={() => setPending(c)} aria-label={`Register ${c.systemId}`}>
            Register
          </Button>
        ) : (
          <Badge value="not registered" tone="warn" />
        ),
    },
  ];
  return (
    <>
      <p className="field-hint">Keys the gateway saw whose AI system is not in the inventory (shadow AI).</p>
      <QueryState query={q} loadingLabel="Loading discovery candidates…">
        {(rows) => (
          <DataTable label="Discovery candidates" columns={cols} rows={rows} rowKey={(c) => `${c.systemId}:${c.keyId}`} empty={<EmptyState title="No unknown AI systems seen by the gateway" />} />
        )}
      </QueryState>
      <ConfirmDialog
        isOpen={!!pending}
        onOpenChange={(o) => !o && setPending(null)}
        title={pending ? `Register ${pending.systemId}?` : ''}
        confirmLabel="Register AI system"
        onConfirm={async () => {
          if (!pending) return;
          await register.mutateAsync(pending);
          void qc.invalidateQueries({ queryKey: ['records'] });
          announce(`Registered AI system ${pending.systemId}`);
        }}
      >
        <p>
          It goes into the inventory as a deployed system owned by {pending?.user}, class minimal until reviewed; edit it afterwards to give its purpose and EU AI Act class.
        </p>
      </ConfirmDialog>
    </>
  );
}

const TABS = ['systems', 'suppliers', 'risks', 'assessments', 'incidents', 'discovery'] as const;
type TabId = (typeof TABS)[number];

export default function Records() {
  const [params, setParams] = useSearchParams();
  const tab = (TABS as readonly string[]).includes(params.get('tab') ?? '') ? (params.get('tab') as TabId) : 'systems';
  const incidents = useIncidents();
  const canDiscovery = useCan('GET /api/discovery');
  return (
    <>
      <PageHeader title="AI management records" description="The AI system inventory, supplier register, risks, impact assessments and incidents that ISO/IEC 42001 and the EU AI Act ask for, and AI the gateway found that nobody registered." />
      <Tabs selectedKey={tab} onSelectionChange={(k) => setParams({ tab: String(k) }, { replace: true })}>
        <TabList aria-label="Record kinds" className="tab-list">
          <Tab id="systems" className="tab">
            AI systems
          </Tab>
          <Tab id="suppliers" className="tab">
            Suppliers
          </Tab>
          <Tab id="risks" className="tab">
            Risks
          </Tab>
          <Tab id="assessments" className="tab">
            Impact assessments
          </Tab>
          <Tab id="incidents" className="tab">
            Incidents
          </Tab>
          {canDiscovery.allowed ? (
            <Tab id="discovery" className="tab">
              Discovery
            </Tab>
          ) : null}
        </TabList>
        <TabPanel id="systems">
          <KindPanel def={SYSTEMS} />
        </TabPanel>
        <TabPanel id="suppliers">
          <KindPanel def={SUPPLIERS} />
        </TabPanel>
        <TabPanel id="risks">
          <KindPanel def={RISKS} />
        </TabPanel>
        <TabPanel id="assessments">
          <KindPanel def={ASSESSMENTS} />
        </TabPanel>
        <TabPanel id="incidents">
          <KindPanel def={incidents} />
        </TabPanel>
        {canDiscovery.allowed ? (
          <TabPanel id="discovery">
            <Discovery />
          </TabPanel>
        ) : null}
      </Tabs>
    </>
  );
}
