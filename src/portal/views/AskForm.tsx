import { useId, useRef, useState, type FormEvent } from 'react';
import type { PublicPortal } from '../../shared/contracts/portals.js';
import { limits } from '../../shared/limits.js';
import { useText } from '../context.js';
import { AskField } from './AskField.js';
import { checkDraft, type Draft, type Problems } from './fields.js';
import { ProblemSummary } from './ProblemSummary.js';

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

/** The form's state: its problems (checked here before sending, or the server's), the fields' ids and values. */
function useAskForm({
  portal,
  draft,
  onChange,
  onSubmit,
  serverProblems,
  preview = false,
}: Omit<AskFormProps, 'busy' | 'failure'>) {
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
  /** The field of `key`: its id, label, value and problem (the draft's standard fields or the portal's own). */
  const field = (key: 'name' | 'email' | 'phone' | 'question', label: string) => ({
    id: id(key),
    name: key,
    label,
    value: draft[key],
    onChange: (value: string | boolean) => set({ [key]: String(value) }),
    problem: shown[key],
  });
  const fieldLabel = (key: string) => {
    if (key === 'name') return t('form.name');
    if (key === 'email') return t('form.email');
    if (key === 'phone') return t('form.phone');
    if (key === 'question') return t('form.question');
    return portal.fields.custom.find((f) => `fields.${f.key}` === key)?.label ?? key;
  };

  return { t, uid, id, shown, problemList, field, fieldLabel, setCustom, submit, summaryRef };
}

/** The question form: name, e-mail, the portal's own fields and the question. */
export function AskForm(props: AskFormProps) {
  const { portal, draft, busy, failure, preview = false } = props;
  const { t, uid, id, shown, problemList, field, fieldLabel, setCustom, submit, summaryRef } = useAskForm(props);
  return (
    <form className="card ask-form" noValidate onSubmit={submit} aria-labelledby={`${uid}-title`}>
      <h1 id={`${uid}-title`}>{t('form.title')}</h1>
      <p className="welcome">{portal.welcome.trim() || t('form.welcome')}</p>
      <p className="hint">{t('form.requiredNote')}</p>
      <ProblemSummary
        problems={problemList}
        failure={failure}
        linkOf={id}
        labelOf={fieldLabel}
        summaryRef={summaryRef}
      />
      <AskField {...field('name', t('form.name'))} kind="text" autoComplete="name" maxLength={limits.name} required />
      <AskField
        {...field('email', t('form.email'))}
        kind="email"
        autoComplete="email"
        maxLength={limits.email}
        required
      />
      {portal.fields.phone !== 'hidden' ? (
        <AskField
          {...field('phone', t('form.phone'))}
          kind="tel"
          autoComplete="tel"
          maxLength={limits.portalFieldValue}
          required={portal.fields.phone === 'required'}
        />
      ) : null}
      {portal.fields.custom.map((custom) => {
        const key = `fields.${custom.key}`;
        return (
          <AskField
            key={custom.key}
            id={id(key)}
            kind={custom.type === 'checkbox' || custom.type === 'choice' ? custom.type : 'text'}
            label={custom.label}
            required={custom.required}
            value={draft.custom[custom.key] ?? (custom.type === 'checkbox' ? false : '')}
            onChange={(value) => setCustom(custom.key, value)}
            problem={shown[key]}
            maxLength={custom.type === 'text' ? limits.portalFieldValue : undefined}
            options={custom.options}
          />
        );
      })}
      <AskField
        {...field('question', t('form.question'))}
        kind="textarea"
        maxLength={limits.requestQuestion}
        hint={t('form.questionHint')}
        required
      />
      <div className="actions">
        <button type="submit" className="primary" disabled={busy || preview} aria-disabled={busy || preview}>
          {busy ? t('form.sending') : t('form.submit')}
        </button>
      </div>
    </form>
  );
}
