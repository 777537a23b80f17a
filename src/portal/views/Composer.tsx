import { useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { Attachment } from '../../shared/contracts/support-requests.js';
import { limits } from '../../shared/limits.js';
import { useText } from '../context.js';

export interface ComposerProps {
  label: string;
  submitLabel: string;
  onSend: (body: string, attachment: Attachment | null) => void;
  onTyping?: (typing: boolean) => void;
  /** uploads a file and returns it as an attachment; absent when attachments are not allowed */
  onAttach?: (file: File) => Promise<Attachment>;
  maxAttachmentBytes?: number;
  acceptTypes?: string[];
  disabled?: boolean;
  multiline?: boolean;
}

function size(bytes: number, locale: string): string {
  return new Intl.NumberFormat(locale, { style: 'unit', unit: 'megabyte', maximumFractionDigits: 1 }).format(
    bytes / 1024 / 1024,
  );
}

/** The message box: Enter sends (Shift+Enter for a new line), typing is signalled, a file may be attached. */
export function Composer({
  label,
  submitLabel,
  onSend,
  onTyping,
  onAttach,
  maxAttachmentBytes,
  acceptTypes,
  disabled = false,
}: ComposerProps) {
  const { t, locale } = useText();
  const uid = useId();
  const [body, setBody] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [uploading, setUploading] = useState(false);
  const typingSince = useRef(0);
  const idleTimer = useRef<number | undefined>(undefined);

  const stopTyping = () => {
    window.clearTimeout(idleTimer.current);
    if (typingSince.current) onTyping?.(false);
    typingSince.current = 0;
  };
  const typed = (value: string) => {
    setBody(value);
    if (!onTyping) return;
    const now = Date.now();
    // at most one "typing" every three seconds; "stopped" after four idle
    if (now - typingSince.current > 3000) {
      onTyping(true);
      typingSince.current = now;
    }
    window.clearTimeout(idleTimer.current);
    idleTimer.current = window.setTimeout(stopTyping, 4000);
  };

  const send = (event?: FormEvent) => {
    event?.preventDefault();
    const text = body.trim();
    if (!text || disabled) return;
    onSend(text, null);
    setBody('');
    stopTyping();
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) send(event);
  };
  const attach = async (file: File | undefined) => {
    if (!file || !onAttach) return;
    setProblem(null);
    if (maxAttachmentBytes && file.size > maxAttachmentBytes) {
      setProblem(t('chat.attachmentTooLarge', { max: size(maxAttachmentBytes, locale) }));
      return;
    }
    setUploading(true);
    try {
      onSend('', await onAttach(file));
    } catch {
      setProblem(t('chat.attachmentFailed'));
    } finally {
      setUploading(false);
    }
  };

  return (
    <form className="composer" onSubmit={send} noValidate>
      <label htmlFor={`${uid}-body`} className="visually-hidden">
        {label}
      </label>
      <textarea
        id={`${uid}-body`}
        rows={2}
        value={body}
        maxLength={limits.chatMessage}
        placeholder={label}
        onChange={(e) => typed(e.target.value)}
        onKeyDown={onKeyDown}
        onBlur={stopTyping}
        disabled={disabled}
        aria-describedby={problem ? `${uid}-problem` : undefined}
      />
      <div className="composer-actions">
        {onAttach ? (
          <label className="file-button">
            <input
              type="file"
              className="visually-hidden"
              accept={acceptTypes?.join(',')}
              disabled={disabled || uploading}
              onChange={(e) => void attach(e.target.files?.[0] ?? undefined).finally(() => (e.target.value = ''))}
            />
            <span>{uploading ? t('chat.sending') : t('chat.attach')}</span>
          </label>
        ) : null}
        <button type="submit" className="primary" disabled={disabled || body.trim() === ''}>
          {submitLabel}
        </button>
      </div>
      {problem ? (
        <p id={`${uid}-problem`} className="error" role="alert">
          {problem}
        </p>
      ) : null}
    </form>
  );
}
