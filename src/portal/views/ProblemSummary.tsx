import type { Ref } from 'react';
import { useText } from '../context.js';

/** Above the form: each field's problem, linking to the field, and a problem that is about no field. */
export function ProblemSummary({
  problems,
  failure,
  linkOf,
  labelOf,
  summaryRef,
}: {
  problems: [string, string][];
  failure: string | null;
  linkOf: (key: string) => string;
  labelOf: (key: string) => string;
  summaryRef: Ref<HTMLDivElement>;
}) {
  const { t } = useText();
  if (problems.length === 0 && !failure) return null;
  return (
    <div className="alert" role="alert" tabIndex={-1} ref={summaryRef}>
      {problems.length > 0 ? (
        <>
          <p className="alert-title">{t('form.errorsTitle')}</p>
          <ul>
            {problems.map(([key, message]) => (
              <li key={key}>
                <a href={`#${linkOf(key)}`}>
                  {labelOf(key)}: {message}
                </a>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {failure ? <p>{failure}</p> : null}
    </div>
  );
}
