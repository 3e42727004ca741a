// Review queue: held requests waiting for a person, oldest first, with masked excerpts and the
// SLA. Refreshes every 2 s; approving or denying asks for a reason, which goes in the audit log.
import { useEffect, useRef, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { Button } from 'react-aria-components';
import { api, call } from '../../api/client';
import type { Review } from '../../api/types';
import { useAnnounce } from '../../components/Announcer';
import { Badge } from '../../components/Badge';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { DataTable, type ColumnDef } from '../../components/DataTable';
import { PageHeader } from '../../components/PageHeader';
import { SlaCountdown } from '../../components/SlaCountdown';
import { EmptyState, QueryState } from '../../components/States';
import { TimeAgo } from '../../components/TimeAgo';
import { formatDuration } from '../../components/time';
import { Can, useCan } from '../../auth/Can';

export const REVIEWS_KEY = ['reviews', 'pending'] as const;
/** How often the queue is asked again: new holds appear without a reload. */
export const REVIEW_REFRESH_MS = 2000;

type Verdict = 'approve' | 'deny';

function ReviewActions({ review, onDecide }: { review: Review; onDecide: (r: Review, v: Verdict) => void }) {
  const approve = useCan('POST /api/reviews/:id/approve');
  const deny = useCan('POST /api/reviews/:id/deny');
  const reason = approve.reason ?? deny.reason;
  return (
    <div className="button-row">
      <Button className="button button-small button-primary" isDisabled={!approve.allowed} onPress={() => onDecide(review, 'approve')} aria-label={`Approve review ${review.id}`}>
        Approve
      </Button>
      <Button className="button button-small button-danger" isDisabled={!deny.allowed} onPress={() => onDecide(review, 'deny')} aria-label={`Deny review ${review.id}`}>
        Deny
      </Button>
      {reason ? <span className="field-hint">{reason}</span> : null}
    </div>
  );
}

export default function Reviews() {
  const qc = useQueryClient();
  const announce = useAnnounce();
  const query = useQuery({
    queryKey: REVIEWS_KEY,
    queryFn: () => call(api.GET('/api/reviews', { params: { query: { status: 'pending' } } })),
    refetchInterval: REVIEW_REFRESH_MS,
    refetchIntervalInBackground: false,
  });
  const [deciding, setDeciding] = useState<{ review: Review; verdict: Verdict } | null>(null);

  // Say when new holds arrive, so a reviewer using a screen reader hears the queue grow.
  const seen = useRef<Set<string> | null>(null);
  useEffect(() => {
    if (!query.data) return;
    const ids = new Set(query.data.map((r) => r.id));
    if (seen.current) {
      const fresh = [...ids].filter((id) => !seen.current!.has(id)).length;
      if (fresh) announce(`${fresh} new held request${fresh === 1 ? '' : 's'} in the queue`);
    }
    seen.current = ids;
  }, [query.data, announce]);

  const decide = useMutation({
    mutationFn: ({ id, verdict, reason }: { id: string; verdict: Verdict; reason: string }) =>
      verdict === 'approve'
        ? call(api.POST('/api/reviews/{id}/approve', { params: { path: { id } }, body: { reason } }))
        : call(api.POST('/api/reviews/{id}/deny', { params: { path: { id } }, body: { reason } })),
    onSuccess: (r, v) => {
      qc.setQueryData<Review[]>(REVIEWS_KEY, (old) => old?.filter((x) => x.id !== v.id));
      void qc.invalidateQueries({ queryKey: ['reviews'] });
      announce(`${v.verdict === 'approve' ? 'Approved' : 'Denied'} the request of ${r.user} (review ${r.id})`);
    },
  });

  const columns: ColumnDef<Review>[] = [
    {
      id: 'waiting',
      name: 'Waiting',
      isRowHeader: true,
      sortValue: (r) => r.createdAt,
      render: (r) => (
        <div>
          <TimeAgo time={r.createdAt} />
          <br />
          <SlaCountdown since={r.createdAt} slaMinutes={r.waiting.slaMinutes} />
        </div>
      ),
    },
    {
      id: 'who',
      name: 'User and system',
      sortValue: (r) => r.user,
      render: (r) => (
        <div>
          <strong>{r.user}</strong>
          <br />
          {r.system} · {r.supplier} · <span className="mono">{r.model}</span>
        </div>
      ),
    },
    {
      id: 'why',
      name: 'Held by',
      render: (r) => (
        <div>
          {r.rules.map((id) => (
            <div key={id} className="mono">
              {id}
            </div>
          ))}
          {r.findings.map((f) => (
            <Badge key={f.type} value={`${f.type} × ${f.count}`} tone="warn" />
          ))}
          {r.reviewers.length ? <div className="field-hint">Reviewers: {r.reviewers.join(', ')}</div> : null}
        </div>
      ),
    },
    {
      id: 'excerpt',
      name: 'Request (masked)',
      render: (r) => (
        <div>
          <p className="excerpt">{r.excerpt}</p>
          <Can op="GET /api/audit/decisions/:id">
            <Link to={`/decisions/${encodeURIComponent(r.decisionId)}`}>Decision {r.decisionId}</Link>
          </Can>
        </div>
      ),
    },
    { id: 'actions', name: 'Decide', render: (r) => <ReviewActions review={r} onDecide={(review, verdict) => setDeciding({ review, verdict })} /> },
  ];

  const d = deciding;
  return (
    <>
      <PageHeader
        title="Review queue"
        description="Requests a policy held for a person to decide. Oldest first; the list refreshes every 2 seconds."
      />
      <QueryState query={query} loadingLabel="Loading the review queue…">
        {(rows) => (
          <>
            <p className="field-hint">
              {rows.length} held request{rows.length === 1 ? '' : 's'} waiting
              {rows.some((r) => r.waiting.overSla) ? `, ${rows.filter((r) => r.waiting.overSla).length} over the SLA` : ''}.
            </p>
            <DataTable
              label="Held requests waiting for review"
              columns={columns}
              rows={rows}
              rowKey={(r) => r.id}
              rowClassName={(r) => (r.waiting.overSla ? 'row-danger' : undefined)}
              empty={<EmptyState title="Nothing waiting">No held requests need a decision.</EmptyState>}
              testId="review-table"
            />
          </>
        )}
      </QueryState>
      <ConfirmDialog
        isOpen={!!d}
        onOpenChange={(open) => !open && setDeciding(null)}
        title={d?.verdict === 'approve' ? 'Approve this request?' : 'Deny this request?'}
        confirmLabel={d?.verdict === 'approve' ? 'Approve' : 'Deny'}
        tone={d?.verdict === 'approve' ? 'primary' : 'danger'}
        reason={{ label: 'Reason', description: 'Kept in the audit log with your name.', placeholder: d?.verdict === 'approve' ? 'e.g. clinical need, patient consented' : 'e.g. customer data may not go to this supplier' }}
        onConfirm={(reason) => d && decide.mutateAsync({ id: d.review.id, verdict: d.verdict, reason })}
      >
        {d ? (
          <p>
            {d.verdict === 'approve'
              ? 'The same request from '
              : 'The request from '}
            <strong>{d.review.user}</strong> to <strong>{d.review.system}</strong>
            {d.verdict === 'approve' ? ` may then go through once within ${formatDuration(d.review.validityMs)}.` : ' will be refused.'}
          </p>
        ) : null}
      </ConfirmDialog>
    </>
  );
}
