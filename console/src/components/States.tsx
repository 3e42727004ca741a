// Loading, empty and error states: every screen shows the same three the same way.
import type { ReactNode } from 'react';
import { Button } from 'react-aria-components';
import { asApiError } from '../api/errors';

export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <div className="state state-loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      {label}
    </div>
  );
}

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="state state-empty">
      <p className="state-title">{title}</p>
      {children ? <div>{children}</div> : null}
    </div>
  );
}

/** The API's error as the API gave it: message, code, and each invalid field. */
export function ApiErrorMessage({ error, title = 'Something went wrong' }: { error: unknown; title?: string }) {
  const e = asApiError(error);
  return (
    <div className="error-box" role="alert">
      <p className="error-title">{title}</p>
      <p>{e.message}</p>
      {e.problems.length ? (
        <ul className="error-problems">
          {e.problems.map((p, i) => (
            <li key={i}>
              {p.field ? <code>{p.field}</code> : null}
              {p.field ? ': ' : null}
              {p.message}
            </li>
          ))}
        </ul>
      ) : null}
      {e.retryAfter ? <p>Try again in {e.retryAfter} s.</p> : null}
      <p className="error-code">
        <code>{e.code}</code>
        {e.status ? ` (HTTP ${e.status})` : null}
      </p>
    </div>
  );
}

export function ErrorState({ error, onRetry, title }: { error: unknown; onRetry?: () => void; title?: string }) {
  return (
    <div className="state state-error">
      <ApiErrorMessage error={error} title={title} />
      {onRetry ? (
        <Button className="button" onPress={onRetry}>
          Try again
        </Button>
      ) : null}
    </div>
  );
}

/** Renders loading / error / children for one react-query result. */
export function QueryState<T>({
  query,
  children,
  loadingLabel,
}: {
  query: { data: T | undefined; error: unknown; isPending: boolean; refetch: () => unknown };
  children: (data: T) => ReactNode;
  loadingLabel?: string;
}) {
  if (query.isPending) return <Loading label={loadingLabel} />;
  if (query.error || query.data === undefined) return <ErrorState error={query.error} onRetry={() => query.refetch()} />;
  return <>{children(query.data)}</>;
}
