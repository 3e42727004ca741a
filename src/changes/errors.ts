// The errors of admin changes: a stable admin code (src/core/errors.ts) and, for invalid input,
// each problem by field. The admin API answers them as they are; the CLI prints them.
import { WardenError, type ErrorCode } from '../core/errors.js';

export interface ChangeProblem {
  field: string;
  message: string;
  line?: number;
}

/** A change that was refused or not made: why, as an admin error code. */
export class ChangeError extends WardenError {
  constructor(
    code: ErrorCode,
    message?: string,
    readonly problems: ChangeProblem[] = [],
    options?: { cause?: unknown },
  ) {
    super(code, message);
    if (options?.cause !== undefined) this.cause = options.cause;
  }
}

/** A 404 for a record that does not exist. */
export const notFound = (what: string): ChangeError => new ChangeError('WARDEN_ADMIN_NOT_FOUND', `no ${what}`);

/** A 409: the record's state does not allow the change. */
export const conflict = (message: string): ChangeError => new ChangeError('WARDEN_ADMIN_CONFLICT', message);
