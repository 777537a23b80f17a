import type { TFunction } from 'i18next';
import type { ApiError } from '../../api/client.js';
import { currentLanguage } from '../../i18n.js';

/** A refusal of the file as a whole, or of rows that changed since the dry run, in the UI language. */
export function importErrorText(t: TFunction, error: ApiError): string {
  const details = Array.isArray(error.details) ? (error.details as { path: string; message: string }[]) : [];
  if (details.some((d) => d.path.startsWith('rows.'))) return t('users.import.rechecked');
  const message = details.find((d) => d.path === 'csv')?.message ?? error.message;
  let m: RegExpExecArray | null;
  if (/^The file is empty/.test(message)) return t('users.import.file.empty');
  if ((m = /missing: (.+)\.$/.exec(message))) return t('users.import.file.missingColumns', { columns: m[1] });
  if (/no rows after/.test(message)) return t('users.import.file.noRows');
  if ((m = /has (\d+) rows; import at most (\d+)/.exec(message)))
    return t('users.import.file.tooManyRows', { rows: m[1], max: m[2] });
  if ((m = /opened on line (\d+) is never closed/.exec(message)))
    return t('users.import.file.unclosedQuote', { line: m[1] });
  if (/larger than 1 MB/.test(message)) return t('users.import.tooLarge');
  return currentLanguage() === 'en' ? message : t('errors.validation_failed');
}
