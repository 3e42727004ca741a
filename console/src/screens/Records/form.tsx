// Form pieces for the record, compliance and account screens: native labelled inputs that
// react-hook-form registers, each with its error tied to it (aria-invalid, aria-describedby), and
// a way to put the API's `problems` on the fields they name.
import { forwardRef, useId, type ReactNode } from 'react';
import type { FieldValues, Path, Resolver, UseFormSetError } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import type { ZodType } from 'zod';
import { asApiError } from '../../api/errors';

interface FieldProps {
  label: string;
  error?: string;
  hint?: ReactNode;
  required?: boolean;
}

function useIds(error?: string, hint?: ReactNode) {
  const id = useId();
  const described = [error ? `${id}-err` : null, hint ? `${id}-hint` : null].filter(Boolean).join(' ') || undefined;
  return { id, described };
}

function Messages({ id, error, hint }: { id: string; error?: string; hint?: ReactNode }) {
  return (
    <>
      {hint ? (
        <p className="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="field-error" id={`${id}-err`}>
          {error}
        </p>
      ) : null}
    </>
  );
}

export const TextInput = forwardRef<HTMLInputElement, FieldProps & React.InputHTMLAttributes<HTMLInputElement>>(function TextInput(
  { label, error, hint, required, ...rest },
  ref,
) {
  const { id, described } = useIds(error, hint);
  return (
    <div className="field">
      <label htmlFor={id}>
        {label}
        {required ? ' (required)' : null}
      </label>
      <input id={id} ref={ref} aria-invalid={error ? true : undefined} aria-describedby={described} aria-required={required || undefined} {...rest} />
      <Messages id={id} error={error} hint={hint} />
    </div>
  );
});

export const TextAreaInput = forwardRef<HTMLTextAreaElement, FieldProps & React.TextareaHTMLAttributes<HTMLTextAreaElement>>(function TextAreaInput(
  { label, error, hint, required, ...rest },
  ref,
) {
  const { id, described } = useIds(error, hint);
  return (
    <div className="field">
      <label htmlFor={id}>
        {label}
        {required ? ' (required)' : null}
      </label>
      <textarea id={id} ref={ref} rows={3} aria-invalid={error ? true : undefined} aria-describedby={described} aria-required={required || undefined} {...rest} />
      <Messages id={id} error={error} hint={hint} />
    </div>
  );
});

export const SelectInput = forwardRef<
  HTMLSelectElement,
  FieldProps & React.SelectHTMLAttributes<HTMLSelectElement> & { options: readonly (string | { id: string; label: string })[]; blank?: string }
>(function SelectInput({ label, error, hint, required, options, blank, ...rest }, ref) {
  const { id, described } = useIds(error, hint);
  return (
    <div className="field">
      <label htmlFor={id}>
        {label}
        {required ? ' (required)' : null}
      </label>
      <select id={id} ref={ref} aria-invalid={error ? true : undefined} aria-describedby={described} aria-required={required || undefined} {...rest}>
        {blank !== undefined ? <option value="">{blank}</option> : null}
        {options.map((o) => {
          const v = typeof o === 'string' ? { id: o, label: o } : o;
          return (
            <option key={v.id} value={v.id}>
              {v.label}
            </option>
          );
        })}
      </select>
      <Messages id={id} error={error} hint={hint} />
    </div>
  );
});

export const CheckInput = forwardRef<HTMLInputElement, FieldProps & React.InputHTMLAttributes<HTMLInputElement>>(function CheckInput({ label, error, hint, ...rest }, ref) {
  const { id, described } = useIds(error, hint);
  return (
    <div className="field field-check">
      <input id={id} type="checkbox" ref={ref} aria-describedby={described} {...rest} />
      <label htmlFor={id}>{label}</label>
      <Messages id={id} error={error} hint={hint} />
    </div>
  );
});

/** "a, b ,c" → ["a","b","c"]; empty → []. */
export function list(text: string | undefined | null): string[] {
  return (text ?? '')
    .split(/[,\n]/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Empty strings of a form become absent fields (optional fields of the API's schemas). */
export function compact<T extends Record<string, unknown>>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== '' && v !== undefined)) as T;
}

/**
 * Puts each of the API's `problems` on the form field it names; returns the error for the form's
 * own message when some problem names no field of the form (or there are none).
 */
export function applyProblems<T extends FieldValues>(err: unknown, setError: UseFormSetError<T>, fields: readonly string[]): unknown {
  const e = asApiError(err);
  let placed = 0;
  for (const p of e.problems) {
    const top = p.field?.split('.')[0];
    if (top && fields.includes(top)) {
      setError(top as Path<T>, { type: 'server', message: p.message ?? 'invalid' });
      placed++;
    }
  }
  return placed === e.problems.length && placed > 0 ? null : e;
}

/** The first line of a zod/RHF error on a field, whatever its shape. */
export function msg(e: unknown): string | undefined {
  if (!e || typeof e !== 'object') return undefined;
  const m = (e as { message?: unknown }).message;
  if (typeof m === 'string' && m) return m;
  // Arrays and objects: the first nested message.
  for (const v of Object.values(e as Record<string, unknown>)) {
    const inner = msg(v);
    if (inner) return inner;
  }
  return undefined;
}

/**
 * A react-hook-form resolver that turns the form's text values into the API's body (`toBody`) and
 * checks that with the API's own zod schema, so the form refuses exactly what the API would.
 */
export function apiSchemaResolver<F extends FieldValues, B>(schema: ZodType<B>, toBody: (form: F) => unknown): Resolver<F, unknown, B> {
  const inner = zodResolver(schema as never) as unknown as (v: unknown, c: unknown, o: unknown) => Promise<{ values: B | Record<string, never>; errors: Record<string, unknown> }>;
  return (async (values: F, ctx: unknown, opts: unknown) => inner(toBody(values), ctx, { ...(opts as object), shouldUseNativeValidation: false })) as unknown as Resolver<F, unknown, B>;
}
