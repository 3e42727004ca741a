import type { z } from 'zod';
import { WardenError } from '../core/errors.js';

/** Validates a request body against a schema; a mismatch becomes a 400 naming the field. */
export function checkBody(schema: z.ZodType, body: unknown): void {
  const r = schema.safeParse(body);
  if (!r.success) {
    const iss = r.error.issues[0];
    const where = iss.path.length ? iss.path.join('.') : 'body';
    throw new WardenError('WARDEN_BAD_REQUEST', `${where}: ${iss.message}`);
  }
}
