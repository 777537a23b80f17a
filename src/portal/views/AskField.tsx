import type { ReactNode } from 'react';
import { useText } from '../context.js';

function Label({ htmlFor, text, required }: { htmlFor: string; text: string; required: boolean }) {
  const { t } = useText();
  return (
    <label htmlFor={htmlFor}>
      {text}
      {required ? (
        <>
          <span aria-hidden="true" className="required-mark">
            {' '}
            *
          </span>
          <span className="visually-hidden"> ({t('required')})</span>
        </>
      ) : (
        <span className="optional"> ({t('optional')})</span>
      )}
    </label>
  );
}

export type AskFieldKind = 'text' | 'email' | 'tel' | 'textarea' | 'choice' | 'checkbox';

export interface AskFieldProps {
  id: string;
  kind: AskFieldKind;
  label: string;
  required: boolean;
  value: string | boolean;
  onChange: (value: string | boolean) => void;
  problem?: string;
  hint?: string;
  /** the form control's name and browser autofill hint (the standard fields) */
  name?: string;
  autoComplete?: string;
  maxLength?: number;
  /** a choice's options, after "Choose…" */
  options?: readonly string[];
}

/** The control of a field: a text box (one line or several), a list of choices, or a checkbox. */
function Control({ field, described }: { field: AskFieldProps; described: string | undefined }) {
  const { t } = useText();
  const common = {
    id: field.id,
    name: field.name,
    'aria-invalid': field.problem ? true : undefined,
    'aria-describedby': described,
    required: field.required,
  };
  const text = typeof field.value === 'string' ? field.value : '';
  if (field.kind === 'checkbox')
    return (
      <input
        {...common}
        type="checkbox"
        checked={field.value === true}
        onChange={(e) => field.onChange(e.target.checked)}
      />
    );
  if (field.kind === 'choice')
    return (
      <select {...common} value={text} onChange={(e) => field.onChange(e.target.value)}>
        <option value="">{t('form.choose')}</option>
        {(field.options ?? []).map((option) => (
          <option key={option} value={option}>
            {option}
          </option>
        ))}
      </select>
    );
  if (field.kind === 'textarea')
    return (
      <textarea
        {...common}
        rows={5}
        maxLength={field.maxLength}
        value={text}
        onChange={(e) => field.onChange(e.target.value)}
      />
    );
  return (
    <input
      {...common}
      type={field.kind}
      inputMode={field.kind === 'email' ? 'email' : field.kind === 'tel' ? 'tel' : undefined}
      autoComplete={field.autoComplete}
      maxLength={field.maxLength}
      value={text}
      onChange={(e) => field.onChange(e.target.value)}
    />
  );
}

/** One labelled field of the question form, with its hint and its problem, announced with it. */
export function AskField(field: AskFieldProps) {
  const { id, problem, hint } = field;
  const errorText: ReactNode = problem ? (
    <p id={`${id}-error`} className="error">
      {problem}
    </p>
  ) : null;
  if (field.kind === 'checkbox')
    return (
      <div className={`field checkbox${problem ? ' has-error' : ''}`}>
        <Control field={field} described={problem ? `${id}-error` : undefined} />
        <Label htmlFor={id} text={field.label} required={field.required} />
        {errorText}
      </div>
    );
  const described = [hint ? `${id}-hint` : null, problem ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${problem ? ' has-error' : ''}`}>
      <Label htmlFor={id} text={field.label} required={field.required} />
      {hint ? (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      ) : null}
      <Control field={field} described={described} />
      {errorText}
    </div>
  );
}
