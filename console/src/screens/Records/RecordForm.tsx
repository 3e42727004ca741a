// One create/edit form for every registry kind, from a list of fields: text in the form, the API's
// body out, checked with the API's own zod schema, and the API's `problems` shown on their fields.
import { useState } from 'react';
import { useForm, type FieldValues } from 'react-hook-form';
import type { ZodType } from 'zod';
import { ApiErrorMessage } from '../../components/States';
import { apiSchemaResolver, applyProblems, CheckInput, list, msg, SelectInput, TextAreaInput, TextInput } from './form';

export interface FieldSpec {
  name: string;
  label: string;
  type?: 'text' | 'textarea' | 'select' | 'list' | 'number' | 'bool';
  options?: readonly string[];
  required?: boolean;
  hint?: string;
  /** Shown but not editable when editing (ids). */
  fixedOnEdit?: boolean;
}

type Form = Record<string, string | boolean>;

/** A stored record's values as form text. */
export function toForm(fields: readonly FieldSpec[], record: Record<string, unknown> | undefined): Form {
  const out: Form = {};
  for (const f of fields) {
    const v = record?.[f.name];
    if (f.type === 'bool') out[f.name] = v === true;
    else if (f.type === 'list') out[f.name] = Array.isArray(v) ? v.join(', ') : '';
    else if (f.type === 'select') out[f.name] = typeof v === 'string' ? v : f.required ? (f.options?.[0] ?? '') : '';
    else out[f.name] = v === undefined || v === null ? '' : String(v);
  }
  return out;
}

/** Form text as the API's body: lists split, numbers read, empty optional fields left out. */
export function toBody(fields: readonly FieldSpec[], form: Form): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    const v = form[f.name];
    if (f.type === 'bool') out[f.name] = v === true;
    else if (f.type === 'list') out[f.name] = list(String(v ?? ''));
    else if (typeof v === 'string' && v.trim() === '') continue;
    else if (f.type === 'number') out[f.name] = Number(v);
    else out[f.name] = typeof v === 'string' && f.type !== 'textarea' ? v.trim() : v;
  }
  return out;
}

export function RecordForm({
  title,
  fields,
  schema,
  initial,
  editing,
  submitLabel,
  onSubmit,
  onCancel,
}: {
  title: string;
  fields: readonly FieldSpec[];
  schema: ZodType;
  initial?: Record<string, unknown>;
  editing?: boolean;
  submitLabel: string;
  onSubmit: (body: Record<string, unknown>) => Promise<unknown>;
  onCancel: () => void;
}) {
  const [formError, setFormError] = useState<unknown>(null);
  const { register, handleSubmit, formState, setError } = useForm<FieldValues, unknown, Record<string, unknown>>({
    defaultValues: toForm(fields, initial),
    resolver: apiSchemaResolver(schema as ZodType<Record<string, unknown>>, (f: FieldValues) => toBody(fields, f as Form)),
  });
  const names = fields.map((f) => f.name);
  const titleId = `form-${title.replace(/\W+/g, '-').toLowerCase()}`;
  return (
    <form
      className="form card"
      aria-labelledby={titleId}
      noValidate
      onSubmit={handleSubmit(async (body) => {
        setFormError(null);
        try {
          await onSubmit(body);
        } catch (err) {
          setFormError(applyProblems(err, setError, names));
        }
      })}
    >
      <h3 id={titleId}>{title}</h3>
      <div className="grid grid-2">
        {fields.map((f) => {
          const common = { label: f.label, required: f.required, hint: f.hint, error: msg(formState.errors[f.name]), ...register(f.name) };
          const readOnly = editing && f.fixedOnEdit;
          if (f.type === 'bool') return <CheckInput key={f.name} {...common} />;
          if (f.type === 'select') return <SelectInput key={f.name} options={f.options ?? []} blank={f.required ? undefined : '(none)'} disabled={readOnly} {...common} />;
          if (f.type === 'textarea') return <TextAreaInput key={f.name} {...common} />;
          return (
            <TextInput
              key={f.name}
              readOnly={readOnly}
              inputMode={f.type === 'number' ? 'numeric' : undefined}
              {...common}
              hint={f.type === 'list' ? `${f.hint ? `${f.hint} ` : ''}Comma-separated.` : f.hint}
            />
          );
        })}
      </div>
      {formError ? <ApiErrorMessage error={formError} title="Not saved" /> : null}
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={formState.isSubmitting}>
          {formState.isSubmitting ? 'Saving…' : submitLabel}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
