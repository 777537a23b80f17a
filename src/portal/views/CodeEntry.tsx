import { useId, useRef, useState, type FormEvent } from 'react';
import { limits } from '../../shared/limits.js';
import { PortalApiError } from '../api.js';
import { useText } from '../context.js';
import { fieldProblemText } from '../field-problems.js';
import type { JoinBody, JoinedSession } from '../session/api.js';
import { codeDigits, formatCode, parseCode } from '../session/code.js';
import { useSessionNavigation } from '../session/navigation.js';

export interface CodeEntryProps {
  /** the code of the technician's join link (`?code=`) */
  initialCode?: string;
  intro: string;
  join: (body: JoinBody) => Promise<JoinedSession>;
  onJoined: (joined: JoinedSession, name: string) => void;
  onBack?: () => void;
}

interface Problems {
  code?: string;
  name?: string;
}

/**
 * The session code form: nine digits shown in groups of three (pasting "123-456-789" works), each
 * problem on its field; the customer's name is asked when the server says the session needs it
 * (a code for a session with no chat yet).
 */
export function CodeEntry({ initialCode = '', intro, join, onJoined, onBack }: CodeEntryProps) {
  const { t, language, locale } = useText();
  const uid = useId();
  const [code, setCode] = useState(() => formatCode(initialCode));
  const [name, setName] = useState('');
  const [askName, setAskName] = useState(false);
  const [problems, setProblems] = useState<Problems>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const codeRef = useRef<HTMLInputElement>(null);
  const nameRef = useRef<HTMLInputElement>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFailure(null);
    const digits = parseCode(code);
    const found: Problems = {};
    if (!digits) found.code = t('code.errors.nineDigits');
    if (askName && !name.trim()) found.name = t('form.errors.required');
    setProblems(found);
    if (found.code) return codeRef.current?.focus();
    if (found.name) return nameRef.current?.focus();
    setBusy(true);
    try {
      const joined = await join({ code: digits!, language, ...(askName ? { name: name.trim() } : {}) });
      onJoined(joined, name.trim());
    } catch (error) {
      const fieldProblems = error instanceof PortalApiError ? error.fieldProblems : [];
      if (fieldProblems.length > 0) {
        const next: Problems = {};
        for (const p of fieldProblems) {
          if (p.path === 'name' || p.path === 'code') next[p.path] ??= fieldProblemText(p, language, locale);
        }
        if (next.name !== undefined) setAskName(true);
        if (next.code === undefined && next.name === undefined) setFailure(t('code.errors.server'));
        setProblems(next);
        window.setTimeout(() => (next.code ? codeRef : nameRef).current?.focus(), 0);
      } else if (error instanceof PortalApiError && error.status === 404) {
        setProblems({ code: t('code.errors.notFound') });
        codeRef.current?.focus();
      } else if (error instanceof PortalApiError && error.status === 429) {
        const minutes = error.retryAfterSeconds === null ? null : Math.ceil(error.retryAfterSeconds / 60);
        setFailure(
          minutes === null ? t('code.errors.rateLimited') : t('code.errors.rateLimitedFor', { count: minutes }),
        );
      } else if (error instanceof PortalApiError && error.code === 'network') {
        setFailure(t('code.errors.network'));
      } else {
        setFailure(t('code.errors.server'));
      }
    } finally {
      setBusy(false);
    }
  };

  const codeId = `${uid}-code`;
  const nameId = `${uid}-name`;
  const described = (id: string, problem: string | undefined) => (problem ? `${id}-hint ${id}-error` : `${id}-hint`);
  return (
    <form
      className="card code-form"
      noValidate
      onSubmit={(e) => void submit(e)}
      aria-labelledby={`${uid}-title`}
      data-testid="code-form"
    >
      <h1 id={`${uid}-title`}>{t('code.title')}</h1>
      <p>{intro}</p>
      {failure ? (
        <div className="alert" role="alert">
          <p>{failure}</p>
        </div>
      ) : null}
      <div className={`field${problems.code ? ' has-error' : ''}`}>
        <label htmlFor={codeId}>{t('code.label')}</label>
        <p id={`${codeId}-hint`} className="hint">
          {t('code.hint')}
        </p>
        <input
          ref={codeRef}
          id={codeId}
          name="code"
          type="text"
          className="code-input"
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={11}
          value={code}
          onChange={(e) => setCode(formatCode(e.target.value))}
          onPaste={(e) => {
            // the length limit would cut a pasted "Code: 123-456-789" before the digits are picked out
            e.preventDefault();
            const input = e.currentTarget;
            const start = input.selectionStart ?? input.value.length;
            const end = input.selectionEnd ?? input.value.length;
            const pasted = e.clipboardData.getData('text');
            setCode(formatCode(codeDigits(input.value.slice(0, start) + pasted + input.value.slice(end))));
          }}
          aria-invalid={problems.code ? true : undefined}
          aria-describedby={described(codeId, problems.code)}
          required
        />
        {problems.code ? (
          <p id={`${codeId}-error`} className="error" role="alert">
            {problems.code}
          </p>
        ) : null}
      </div>
      {askName ? (
        <div className={`field${problems.name ? ' has-error' : ''}`}>
          <label htmlFor={nameId}>{t('code.name')}</label>
          <p id={`${nameId}-hint`} className="hint">
            {t('code.nameHint')}
          </p>
          <input
            ref={nameRef}
            id={nameId}
            name="name"
            type="text"
            autoComplete="name"
            maxLength={limits.name}
            value={name}
            onChange={(e) => setName(e.target.value)}
            aria-invalid={problems.name ? true : undefined}
            aria-describedby={described(nameId, problems.name)}
            required
          />
          {problems.name ? (
            <p id={`${nameId}-error`} className="error" role="alert">
              {problems.name}
            </p>
          ) : null}
        </div>
      ) : null}
      <div className="actions">
        <button type="submit" className="primary" disabled={busy} aria-disabled={busy}>
          {busy ? t('code.sending') : t('code.submit')}
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
