import { useId, type ClipboardEvent, type ReactNode } from 'react';
import { limits } from '../../shared/limits.js';
import { useText } from '../context.js';
import type { JoinBody, JoinedSession } from '../session/api.js';
import { codeDigits, formatCode } from '../session/code.js';
import { useSessionNavigation } from '../session/navigation.js';
import { useCodeForm } from '../session/useCodeForm.js';

export interface CodeEntryProps {
  /** the code of the technician's join link (`?code=`) */
  initialCode?: string;
  intro: string;
  join: (body: JoinBody) => Promise<JoinedSession>;
  onJoined: (joined: JoinedSession, name: string) => void;
  onBack?: () => void;
}

/** One field of the form: its label, hint and problem, the input told which of them describe it. */
function CodeFormField({
  id,
  label,
  hint,
  problem,
  children,
}: {
  id: string;
  label: string;
  hint: string;
  problem: string | undefined;
  children: (describedBy: string) => ReactNode;
}) {
  return (
    <div className={`field${problem ? ' has-error' : ''}`}>
      <label htmlFor={id}>{label}</label>
      <p id={`${id}-hint`} className="hint">
        {hint}
      </p>
      {children(problem ? `${id}-hint ${id}-error` : `${id}-hint`)}
      {problem ? (
        <p id={`${id}-error`} className="error" role="alert">
          {problem}
        </p>
      ) : null}
    </div>
  );
}

/** The code's box: digits grouped as typed; a paste keeps only the digits of what is pasted. */
function pasteDigits(e: ClipboardEvent<HTMLInputElement>, setCode: (code: string) => void) {
  // the length limit would cut a pasted "Code: 123-456-789" before the digits are picked out
  e.preventDefault();
  const input = e.currentTarget;
  const start = input.selectionStart ?? input.value.length;
  const end = input.selectionEnd ?? input.value.length;
  const pasted = e.clipboardData.getData('text');
  setCode(formatCode(codeDigits(input.value.slice(0, start) + pasted + input.value.slice(end))));
}

/**
 * The session code form: nine digits shown in groups of three (pasting "123-456-789" works), each
 * problem on its field; the customer's name is asked when the server says the session needs it
 * (a code for a session with no chat yet).
 */
export function CodeEntry({ initialCode = '', intro, join, onJoined, onBack }: CodeEntryProps) {
  const { t } = useText();
  const uid = useId();
  const form = useCodeForm(initialCode, join, onJoined);
  const { problems } = form;
  return (
    <form
      className="card code-form"
      noValidate
      onSubmit={(e) => void form.submit(e)}
      aria-labelledby={`${uid}-title`}
      data-testid="code-form"
    >
      <h1 id={`${uid}-title`}>{t('code.title')}</h1>
      <p>{intro}</p>
      {form.failure ? (
        <div className="alert" role="alert">
          <p>{form.failure}</p>
        </div>
      ) : null}
      <CodeFormField id={`${uid}-code`} label={t('code.label')} hint={t('code.hint')} problem={problems.code}>
        {(describedBy) => (
          <input
            ref={form.codeRef}
            id={`${uid}-code`}
            name="code"
            type="text"
            className="code-input"
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={11}
            value={form.code}
            onChange={(e) => form.setCode(formatCode(e.target.value))}
            onPaste={(e) => pasteDigits(e, form.setCode)}
            aria-invalid={problems.code ? true : undefined}
            aria-describedby={describedBy}
            required
          />
        )}
      </CodeFormField>
      {form.askName ? (
        <CodeFormField id={`${uid}-name`} label={t('code.name')} hint={t('code.nameHint')} problem={problems.name}>
          {(describedBy) => (
            <input
              ref={form.nameRef}
              id={`${uid}-name`}
              name="name"
              type="text"
              autoComplete="name"
              maxLength={limits.name}
              value={form.name}
              onChange={(e) => form.setName(e.target.value)}
              aria-invalid={problems.name ? true : undefined}
              aria-describedby={describedBy}
              required
            />
          )}
        </CodeFormField>
      ) : null}
      <div className="actions">
        <button type="submit" className="primary" disabled={form.busy} aria-disabled={form.busy}>
          {form.busy ? t('code.sending') : t('code.submit')}
        </button>
      </div>
      {onBack ? (
        <p>
          <button type="button" className="link-button" onClick={onBack}>
            {t('code.back')}
          </button>
        </p>
      ) : null}
    </form>
  );
}

/** On the question form: the way in for a customer a technician gave a code to. */
export function CodeEntryLink() {
  const { t } = useText();
  const navigation = useSessionNavigation();
  if (!navigation) return null;
  return (
    <p className="code-link" data-testid="code-link">
      <span className="hint">{t('code.linkHint')}</span>{' '}
      <button type="button" className="link-button" onClick={navigation.enterCode}>
        {t('code.link')}
      </button>
    </p>
  );
}
