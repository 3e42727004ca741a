import type { ReactNode } from 'react';
import { useCan } from '../auth/Can';
import { PageHeader } from './PageHeader';

/** A whole screen the role may not open: says so instead of showing a 403. */
export function RequirePermission({ op, title, children }: { op?: string; title: string; children: ReactNode }) {
  const p = useCan(op ?? '');
  if (!op || p.allowed) return <>{children}</>;
  return (
    <>
      <PageHeader title={title} />
      <p className="permission-note" role="note">
        This screen is not available: {p.reason}.
      </p>
    </>
  );
}
