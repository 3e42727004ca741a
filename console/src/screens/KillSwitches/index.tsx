// Kill switches: stop an AI system, supplier, model, user or all traffic now, and let it run again.
// Both ask for confirmation and a reason (kept in the audit log).
import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Checkbox, FieldError, Form, Input, Label, TextField } from 'react-aria-components';
import { api, call } from '../../api/client';
import type { KillScope, KillSwitch } from '../../api/types';
import { useAnnounce } from '../../components/Announcer';
import { Badge } from '../../components/Badge';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { DataTable, type ColumnDef } from '../../components/DataTable';
import { PageHeader } from '../../components/PageHeader';
import { SelectField } from '../../components/SelectField';
import { EmptyState, QueryState } from '../../components/States';
import { TimeAgo } from '../../components/TimeAgo';
import { useCan } from '../../auth/Can';

export const SCOPES: Array<{ id: KillScope; label: string; target: string }> = [
  { id: 'system', label: 'AI system', target: 'AI system id' },
  { id: 'supplier', label: 'Supplier', target: 'Supplier id' },
  { id: 'model', label: 'Model', target: 'Model name' },
  { id: 'user', label: 'User', target: 'User' },
  { id: 'mcp-server', label: 'MCP server', target: 'MCP server id' },
  { id: 'mcp-tool', label: 'MCP tool', target: 'MCP tool (server/tool)' },
  { id: 'all', label: 'All traffic', target: '' },
];

const KEY = ['kill-switches'] as const;

function describe(k: { scope: KillScope; target: string }): string {
  return k.scope === 'all' ? 'all traffic' : `${SCOPES.find((s) => s.id === k.scope)?.label.toLowerCase() ?? k.scope} ${k.target}`;
}

function SetKillForm({ onSet }: { onSet: (scope: KillScope, target: string) => void }) {
  const can = useCan('POST /api/kill-switches');
  const [scope, setScope] = useState<KillScope>('system');
  const [target, setTarget] = useState('');
  const needsTarget = scope !== 'all';
  return (
    <section className="card" aria-labelledby="set-kill-title">
      <h2 id="set-kill-title" className="section-title">
        Stop traffic
      </h2>
      {!can.allowed ? (
        <p className="permission-note" role="note">
          {can.reason!.charAt(0).toUpperCase() + can.reason!.slice(1)}.
        </p>
      ) : null}
      <Form
        className="filters"
        validationBehavior="aria"
        onSubmit={(e) => {
          e.preventDefault();
          if (needsTarget && !target.trim()) return;
          onSet(scope, needsTarget ? target.trim() : '');
        }}
      >
        <SelectField label="Scope" options={SCOPES} value={scope} onChange={setScope} isDisabled={!can.allowed} />
        {needsTarget ? (
          <TextField className="field" value={target} onChange={setTarget} isRequired isDisabled={!can.allowed} name="target">
            <Label>{SCOPES.find((s) => s.id === scope)!.target}</Label>
            <Input />
            <FieldError className="field-error" />
          </TextField>
        ) : null}
        <Button type="submit" className="button button-danger" isDisabled={!can.allowed || (needsTarget && !target.trim())}>
          Set kill switch…
        </Button>
      </Form>
    </section>
  );
}

export default function KillSwitches() {
  const qc = useQueryClient();
  const announce = useAnnounce();
  const [showAll, setShowAll] = useState(false);
  const canResume = useCan('POST /api/kill-switches/resume');
  const query = useQuery({
    queryKey: [...KEY, showAll],
    queryFn: () => call(api.GET('/api/kill-switches', { params: { query: showAll ? { all: 'true' } : {} } })),
    refetchInterval: 5000,
  });
  const [pendingSet, setPendingSet] = useState<{ scope: KillScope; target: string } | null>(null);
  const [pendingResume, setPendingResume] = useState<KillSwitch | null>(null);

  const set = useMutation({
    mutationFn: (b: { scope: KillScope; target: string; reason: string }) =>
      call(api.POST('/api/kill-switches', { body: b.scope === 'all' ? { scope: 'all', reason: b.reason } : b })),
    onSuccess: (k) => {
      void qc.invalidateQueries({ queryKey: KEY });
      announce(`Kill switch set: ${describe(k)} is stopped`);
    },
  });
  const resume = useMutation({
    mutationFn: (b: { scope: KillScope; target: string; reason: string }) =>
      call(api.POST('/api/kill-switches/resume', { body: { scope: b.scope, target: b.target, ...(b.reason ? { reason: b.reason } : {}) } })),
    onSuccess: (k) => {
      void qc.invalidateQueries({ queryKey: KEY });
      announce(`Resumed: ${describe(k)} runs again`);
    },
  });

  const columns: ColumnDef<KillSwitch>[] = [
    { id: 'target', name: 'Stopped', isRowHeader: true, sortValue: (k) => `${k.scope}:${k.target}`, render: (k) => <span>{describe(k)}</span> },
    { id: 'scope', name: 'Scope', sortValue: (k) => k.scope, render: (k) => <Badge value={k.scope} tone="danger" /> },
    { id: 'reason', name: 'Reason', render: (k) => k.reason },
    {
      id: 'set',
      name: 'Set',
      sortValue: (k) => k.setAt,
      render: (k) => (
        <span>
          <TimeAgo time={k.setAt} /> by {k.setBy}
        </span>
      ),
    },
    {
      id: 'state',
      name: 'State',
      sortValue: (k) => (k.resumedAt ? 1 : 0),
      render: (k) =>
        k.resumedAt ? (
          <span>
            <Badge value="resumed" tone="ok" /> <TimeAgo time={k.resumedAt} /> by {k.resumedBy}
          </span>
        ) : (
          <Badge value="in force" tone="danger" />
        ),
    },
    {
      id: 'actions',
      name: 'Action',
      render: (k) =>
        k.resumedAt ? null : (
          <div className="button-row">
            <Button className="button button-small" isDisabled={!canResume.allowed} onPress={() => setPendingResume(k)} aria-label={`Resume ${describe(k)}`}>
              Resume
            </Button>
            {!canResume.allowed ? <span className="field-hint">{canResume.reason}</span> : null}
          </div>
        ),
    },
  ];

  return (
    <>
      <PageHeader
        title="Kill switches"
        description="A kill switch stops matching traffic on every gateway on the same data within a second, and ends its open streams."
        actions={
          <Checkbox className="checkbox" isSelected={showAll} onChange={setShowAll}>
            <span className="checkbox-box" aria-hidden="true">
              {showAll ? '✓' : ''}
            </span>
            Show resumed ones too
          </Checkbox>
        }
      />
      <SetKillForm onSet={(scope, target) => setPendingSet({ scope, target })} />
      <h2>{showAll ? 'All kill switches' : 'In force'}</h2>
      <QueryState query={query} loadingLabel="Loading kill switches…">
        {(rows) => (
          <DataTable
            label={showAll ? 'All kill switches' : 'Kill switches in force'}
            columns={columns}
            rows={rows}
            rowKey={(k) => k.id}
            initialSort={{ column: 'set', direction: 'descending' }}
            empty={<EmptyState title="No kill switch in force">All traffic runs under policy.</EmptyState>}
            testId="kill-switch-table"
          />
        )}
      </QueryState>

      <ConfirmDialog
        isOpen={!!pendingSet}
        onOpenChange={(o) => !o && setPendingSet(null)}
        title={pendingSet ? `Stop ${describe(pendingSet)}?` : ''}
        confirmLabel="Stop traffic"
        tone="danger"
        reason={{ label: 'Reason', description: 'Kept in the audit log with your name.', placeholder: 'e.g. INC-42 salary data in answers' }}
        onConfirm={(reason) => pendingSet && set.mutateAsync({ ...pendingSet, reason })}
      >
        <p>
          {pendingSet?.scope === 'all' ? 'Every request through Warden' : `Every request of ${pendingSet ? describe(pendingSet) : ''}`} will be refused, and its open streams
          ended, until someone resumes it.
        </p>
      </ConfirmDialog>

      <ConfirmDialog
        isOpen={!!pendingResume}
        onOpenChange={(o) => !o && setPendingResume(null)}
        title={pendingResume ? `Resume ${describe(pendingResume)}?` : ''}
        confirmLabel="Resume traffic"
        reason={{ label: 'Reason', optional: true, description: 'Kept in the audit log with your name.', placeholder: 'e.g. fix deployed' }}
        onConfirm={(reason) => pendingResume && resume.mutateAsync({ scope: pendingResume.scope, target: pendingResume.target, reason })}
      >
        <p>Its traffic goes through again, under policy.</p>
      </ConfirmDialog>
    </>
  );
}
