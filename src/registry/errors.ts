// Errors of registry changes: a kind the API maps to a status, and the problems found.
import type { z } from 'zod';

export interface RegistryProblem {
  /** Import file name, when the problem is in one. */
  file?: string;
  /** 1-based line in that file. */
  line?: number;
  /** Field path (dotted), or '' for the record as a whole. */
  field: string;
  message: string;
}

export type RegistryErrorKind = 'invalid' | 'not_found' | 'conflict';
const STATUS: Record<RegistryErrorKind, number> = { invalid: 400, not_found: 404, conflict: 409 };

/** A refused registry change; nothing was written. */
export class RegistryError extends Error {
  constructor(
    readonly kind: RegistryErrorKind,
    message: string,
    readonly problems: RegistryProblem[] = [],
  ) {
    super(message);
  }

  /** HTTP status for the admin API. */
  get status(): number {
    return STATUS[this.kind];
  }
}

/** Problems of a failed schema check, one per issue. */
export function zodProblems(err: z.ZodError): RegistryProblem[] {
  return err.issues.map((i) => ({ field: i.path.map(String).join('.'), message: issueMessage(i) }));
}

/** A schema issue as a person reads it (a missing field says so). */
export function issueMessage(i: z.core.$ZodIssue): string {
  const missing = 'input' in i ? i.input === undefined && i.path.length > 0 : /received undefined$/.test(i.message);
  if (missing && (i.code === 'invalid_type' || i.code === 'invalid_value')) return 'required';
  if (i.code === 'invalid_value' && i.values.length > 1) return `must be one of ${i.values.map(String).join(', ')}`;
  return i.message;
}

/** One problem as a line a person reads: `file:line: field: message`. */
export function formatProblem(p: RegistryProblem): string {
  const where = p.file ? `${p.file}${p.line ? `:${p.line}` : ''}: ` : p.line ? `line ${p.line}: ` : '';
  return `${where}${p.field ? `${p.field}: ` : ''}${p.message}`;
}
