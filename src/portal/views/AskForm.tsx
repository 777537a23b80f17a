import { useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import type { PublicPortal } from '../../shared/contracts/portals.js';
import { limits } from '../../shared/limits.js';
import { useText } from '../context.js';
import { checkDraft, type Draft, type Problems } from './fields.js';

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

/** One labelled control with its hint and its problem, announced with it. */
function Field({
  id,
  label,
  required,
  problem,
  hint,
  children,
}: {
  id: string;
  label: string;
  required: boolean;
  problem?: string;
  hint?: string;
  children: (described: string | undefined) => ReactNode;
}) {
  const described = [hint ? `${id}-hint` : null, problem ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${problem ? ' has-error' : ''}`}>
      <Label htmlFor={id} text={label} required={required} />
      {hint ? (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      ) : null}
      {children(described)}
      {problem ? (
        <p id={`${id}-error`} className="error">
          {problem}
        </p>
      ) : null}
    </div>
  );
}

export interface AskFormProps {
  portal: PublicPortal;
  draft: Draft;
  onChange: (draft: Draft) => void;
  onSubmit: (draft: Draft) => void;
  busy: boolean;
  /** problems reported by the server, by field */
  serverProblems: Problems;
  /** a problem that is not about one field */
  failure: string | null;
  /** the console's preview: nothing is sent */
  preview?: boolean;
}

/** The question form: name, e-mail, the portal's own fields and the question. */
export function AskForm({
  portal,
  draft,
  onChange,
  onSubmit,
  busy,
  serverProblems,
  failure,
  preview = false,
}: AskFormProps) {
  const { t } = useText();
  const uid = useId();
  const [problems, setProblems] = useState<Problems>({});
  const summaryRef = useRef<HTMLDivElement>(null);
  const shown: Problems = { ...serverProblems, ...problems };
  const id = (key: string) => `${uid}-${key.replace(/\W/g, '_')}`;

  const set = (patch: Partial<Draft>) => onChange({ ...draft, ...patch });
  const setCustom = (key: string, value: string | boolean) =>
    onChange({ ...draft, custom: { ...draft.custom, [key]: value } });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (preview) return;
    const found = checkDraft(draft, portal.fields, t);
    setProblems(found);
    if (Object.keys(found).length > 0) {
      window.setTimeout(() => summaryRef.current?.focus(), 0);
      return;
    }
    onSubmit(draft);
  };

  const problemList = Object.entries(shown).filter((e): e is [string, string] => typeof e[1] === 'string');
  const fieldLabel = (key: string) => {
    if (key === 'name') return t('form.name');
    if (key === 'email') return t('form.email');
    if (key === 'phone') return t('form.phone');
    if (key === 'question') return t('form.question');
    return portal.fields.custom.find((f) => `fields.${f.key}` === key)?.label ?? key;
  };

  return (
    <form className="card ask-form" noValidate onSubmit={submit} aria-labelledby={`${uid}-title`}>
      <h1 id={`${uid}-title`}>{t('form.title')}</h1>
      <p className="welcome">{portal.welcome.trim() || t('form.welcome')}</p>
      <p className="hint">{t('form.requiredNote')}</p>
      {problemList.length > 0 || failure ? (
        <div className="alert" role="alert" tabIndex={-1} ref={summaryRef}>
          {problemList.length > 0 ? (
            <>
              <p className="alert-title">{t('form.errorsTitle')}</p>
              <ul>
                {problemList.map(([key, message]) => (
                  <li key={key}>
                    <a href={`#${id(key)}`}>
                      {fieldLabel(key)}: {message}
                    </a>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          {failure ? <p>{failure}</p> : null}
        </div>
      ) : null}

      <Field id={id('name')} label={t('form.name')} required problem={shown.name}>
        {(described) => (
          <input
            id={id('name')}
            name="name"
            type="text"
            autoComplete="name"
            maxLength={limits.name}
            value={draft.name}
            onChange={(e) => set({ name: e.target.value })}
            aria-invalid={shown.name ? true : undefined}
            aria-describedby={described}
            required
          />
        )}
      </Field>
      <Field id={id('email')} label={t('form.email')} required problem={shown.email}>
        {(described) => (
          <input
            id={id('email')}
            name="email"
            type="email"
            inputMode="email"
            autoComplete="email"
            maxLength={limits.email}
            value={draft.email}
            onChange={(e) => set({ email: e.target.value })}
            aria-invalid={shown.email ? true : undefined}
            aria-describedby={described}
            required
          />
        )}
      </Field>
      {portal.fields.phone !== 'hidden' ? (
        <Field
          id={id('phone')}
          label={t('form.phone')}
          required={portal.fields.phone === 'required'}
          problem={shown.phone}
        >
          {(described) => (
            <input
              id={id('phone')}
              name="phone"
              type="tel"
              inputMode="tel"
              autoComplete="tel"
              maxLength={limits.portalFieldValue}
              value={draft.phone}
              onChange={(e) => set({ phone: e.target.value })}
              aria-invalid={shown.phone ? true : undefined}
              aria-describedby={described}
              required={portal.fields.phone === 'required'}
            />
          )}
        </Field>
      ) : null}
      {portal.fields.custom.map((field) => {
        const key = `fields.${field.key}`;
        const value = draft.custom[field.key];
        if (field.type === 'checkbox') {
          return (
            <div key={field.key} className={`field checkbox${shown[key] ? ' has-error' : ''}`}>
              <input
                id={id(key)}
                type="checkbox"
                checked={value === true}
                onChange={(e) => setCustom(field.key, e.target.checked)}
                aria-invalid={shown[key] ? true : undefined}
                aria-describedby={shown[key] ? `${id(key)}-error` : undefined}
                required={field.required}
              />
              <Label htmlFor={id(key)} text={field.label} required={field.required} />
              {shown[key] ? (
                <p id={`${id(key)}-error`} className="error">
                  {shown[key]}
                </p>
              ) : null}
            </div>
          );
        }
        return (
          <Field key={field.key} id={id(key)} label={field.label} required={field.required} problem={shown[key]}>
            {(described) =>
              field.type === 'choice' ? (
                <select
                  id={id(key)}
                  value={typeof value === 'string' ? value : ''}
                  onChange={(e) => setCustom(field.key, e.target.value)}
                  aria-invalid={shown[key] ? true : undefined}
                  aria-describedby={described}
                  required={field.required}
                >
                  <option value="">{t('form.choose')}</option>
                  {(field.options ?? []).map((option) => (
                    <option key={option} value={option}>
                      {option}
                    </option>
                  ))}
                </select>
              ) : (
                <input
                  id={id(key)}
                  type="text"
                  maxLength={limits.portalFieldValue}
                  value={typeof value === 'string' ? value : ''}
                  onChange={(e) => setCustom(field.key, e.target.value)}
                  aria-invalid={shown[key] ? true : undefined}
                  aria-describedby={described}
                  required={field.required}
                />
              )
            }
          </Field>
        );
      })}
      <Field
        id={id('question')}
        label={t('form.question')}
        required
        problem={shown.question}
        hint={t('form.questionHint')}
      >
        {(described) => (
          <textarea
            id={id('question')}
            name="question"
            rows={5}
            maxLength={limits.requestQuestion}
            value={draft.question}
            onChange={(e) => set({ question: e.target.value })}
            aria-invalid={shown.question ? true : undefined}
            aria-describedby={described}
            required
          />
        )}
      </Field>
      <div className="actions">
        <button type="submit" className="primary" disabled={busy || preview} aria-disabled={busy || preview}>
          {busy ? t('form.sending') : t('form.submit')}
        </button>
      </div>
    </form>
  );
}
