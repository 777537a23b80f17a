import { useEffect, useState, type FormEvent } from 'react';
import type { CustomerRating } from '../../shared/contracts/satisfaction.js';
import { limits } from '../../shared/limits.js';
import { PortalApiError } from '../api.js';
import { ratingApi } from '../chat/rating.js';
import { useText } from '../context.js';

const scores = [1, 2, 3, 4, 5] as const;

/**
 * At the end of a chat: "How was this chat?" from 1 to 5 with an optional comment, when the
 * portal asks it; answered once (the server keeps one answer per chat), then thanked.
 */
export function SatisfactionQuestion({ slug, requestId, token }: { slug: string; requestId: string; token: string }) {
  const { t } = useText();
  const [state, setState] = useState<CustomerRating | null>(null);
  const [score, setScore] = useState<number | null>(null);
  const [comment, setComment] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [sending, setSending] = useState(false);

  useEffect(() => {
    let stop = false;
    ratingApi.get(slug, requestId, token).then(
      (answer) => !stop && setState(answer),
      () => undefined, // no question shown when it cannot be asked now
    );
    return () => {
      stop = true;
    };
  }, [slug, requestId, token]);

  if (!state?.asked) return null;
  if (state.rating) {
    return (
      <div className="satisfaction done" role="status" data-testid="satisfaction-done">
        <p>{t('satisfaction.thanks')}</p>
        <p className="hint">{t('satisfaction.given', { score: state.rating.score })}</p>
      </div>
    );
  }

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (score === null) return setProblem(t('satisfaction.chooseScore'));
    setSending(true);
    setProblem(null);
    ratingApi.rate(slug, requestId, token, { score, comment: comment.trim() || null }).then(
      (rating) => setState({ asked: true, rating }),
      (error: unknown) => {
        setSending(false);
        // already answered (another tab): show that answer
        if (error instanceof PortalApiError && error.status === 409)
          void ratingApi.get(slug, requestId, token).then(setState, () => undefined);
        else setProblem(t('satisfaction.failed'));
      },
    );
  };

  return (
    <form className="satisfaction" onSubmit={submit} noValidate data-testid="satisfaction-form">
      <h2 id="satisfaction-title">{t('satisfaction.question')}</h2>
      <p className="hint">{t('satisfaction.hint')}</p>
      <fieldset className="scores" aria-describedby={problem ? 'satisfaction-problem' : undefined}>
        <legend>{t('satisfaction.scoreLegend')}</legend>
        {scores.map((n) => (
          <label key={n} className={score === n ? 'score chosen' : 'score'}>
            <input type="radio" name="score" value={n} checked={score === n} onChange={() => setScore(n)} />
            <span aria-hidden="true">{'★'.repeat(n)}</span>
            <span className="visually-hidden">{t('satisfaction.score', { count: n })}</span>
          </label>
        ))}
      </fieldset>
      <label className="field">
        <span>{t('satisfaction.comment')}</span>
        <textarea
          value={comment}
          maxLength={limits.ratingComment}
          rows={3}
          onChange={(e) => setComment(e.currentTarget.value)}
        />
      </label>
      {problem ? (
        <p className="error" role="alert" id="satisfaction-problem">
          {problem}
        </p>
      ) : null}
      <button type="submit" disabled={sending}>
        {t('satisfaction.send')}
      </button>
    </form>
  );
}
