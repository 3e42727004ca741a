// The EU AI Act Art. 73 reporting clock of a serious incident: deadline, and time left or overdue,
// in words. Computed by the server's own art73Status with the Act's day counts (data/reference).
import { art73Status } from '../../../../src/registry/art73.js';
import type { Art73Days } from '../../../../src/registry/data.js';
import obligations from '../../../../data/reference/eu-ai-act-obligations.json';
import { formatDuration, formatTime, useNow } from '../../components/time';
import type { ResponseOf } from '../../api/types';

type Incident = ResponseOf<'/api/incidents', 'get'>[number];

const n = (obligations as { articles: Array<{ art: string; numbers?: Record<string, number> }> }).articles.find((a) => a.art === '73')?.numbers ?? {};
export const ART73_DAYS: Art73Days = { standard: n.standard_days ?? 15, death: n.death_days ?? 10, criticalInfrastructureOrWidespread: n.critical_infrastructure_or_widespread_days ?? 2 };

export function Art73Clock({ incident, overdue }: { incident: Incident; overdue: boolean }) {
  const now = useNow(30_000);
  if (!incident.serious) return <span>not a serious incident</span>;
  const s = art73Status(incident as Parameters<typeof art73Status>[0], new Date(now), ART73_DAYS);
  if (!s) return null;
  const deadline = formatTime(s.deadline);
  if (s.reportedAt)
    return (
      <span data-testid="art73">
        reported {formatTime(s.reportedAt)}
        {s.late ? ' (late: after the deadline)' : ' (on time)'}; deadline was {deadline}
      </span>
    );
  const over = overdue || s.overdue;
  return (
    <span data-testid="art73" className={over ? 'sla sla-over' : 'sla sla-ok'}>
      {over ? `report OVERDUE by ${formatDuration(s.remainingMs ?? 0)}` : `${formatDuration(s.remainingMs ?? 0)} left to report`}; deadline {deadline} ({s.days} days, {s.basis})
    </span>
  );
}
