// The admin API's error body, `{error: {code, message, problems}}`, as a value the screens show.

export interface Problem {
  field?: string;
  message?: string;
}

/** An answer other than 2xx from the admin API (or no answer at all: status 0). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly problems: Problem[] = [],
    readonly retryAfter?: number,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Reads an error body into an ApiError; bodies that are not Warden's format still say something. */
export function toApiError(status: number, body: unknown, retryAfter?: string | null): ApiError {
  const e = (body as { error?: { code?: unknown; message?: unknown; problems?: unknown } } | null)?.error;
  const code = typeof e?.code === 'string' ? e.code : `HTTP_${status}`;
  const message = typeof e?.message === 'string' ? e.message : typeof body === 'string' && body ? body : `The server answered ${status}.`;
  const problems = Array.isArray(e?.problems) ? (e.problems as Problem[]) : [];
  const wait = retryAfter ? Number(retryAfter) : undefined;
  return new ApiError(status, code, message, problems, Number.isFinite(wait) ? wait : undefined);
}

/** Any thrown value as an ApiError (a network failure is status 0). */
export function asApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  const message = err instanceof Error ? err.message : String(err);
  return new ApiError(0, 'NETWORK', `Warden could not be reached: ${message}`);
}
