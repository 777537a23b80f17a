import { useRef, useState, type FormEvent } from 'react';
import { useText } from '../context.js';
import type { JoinBody, JoinedSession } from './api.js';
import { formatCode, parseCode } from './code.js';
import { joinRefusal, type CodeProblems } from './join-refusal.js';

/**
 * The code form's state and its submit: checked here first (nine digits, the name when asked),
 * then sent; a refusal goes on its field (focused) or above the form, and a problem on the name
 * makes the form ask for it.
 */
export function useCodeForm(
  initialCode: string,
  join: (body: JoinBody) => Promise<JoinedSession>,
  onJoined: (joined: JoinedSession, name: string) => void,
) {
  const { t, language, locale } = useText();
  const [code, setCode] = useState(() => formatCode(initialCode));
  const [name, setName] = useState('');
  const [askName, setAskName] = useState(false);
  const [problems, setProblems] = useState<CodeProblems>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const codeRef = useRef<HTMLInputElement>(null);
  const nameRef = useRef<HTMLInputElement>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFailure(null);
    const digits = parseCode(code);
    const found: CodeProblems = {};
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
      const refusal = joinRefusal(error, t, language, locale);
      if (refusal.problems.name !== undefined) setAskName(true);
      setProblems(refusal.problems);
      setFailure(refusal.failure);
      // after the render that shows the name field, when it was just asked for
      if (refusal.problems.code || refusal.problems.name)
        window.setTimeout(() => (refusal.problems.code ? codeRef : nameRef).current?.focus(), 0);
    } finally {
      setBusy(false);
    }
  };

  return { code, setCode, name, setName, askName, problems, failure, busy, codeRef, nameRef, submit };
}
