import type { TFunction } from 'i18next';
import { ApiError } from '../../../api/client.js';
import { errorText } from '../../../api/errors.js';
import { megabytes } from '../../devices/RemoteAccessCard.js';

/** The server's refusal of a transfer in words: its size limit in megabytes, else the error's own text. */
export function transferRefusal(error: unknown, t: TFunction, number: (n: number) => string, locale?: string): string {
  const tooLarge = error instanceof ApiError && error.fieldProblems.find((p) => (p.code as string) === 'too_large');
  if (!tooLarge) return errorText(t, error, locale);
  const maxBytes = (tooLarge.params as { maxBytes?: unknown } | undefined)?.maxBytes;
  return typeof maxBytes === 'number'
    ? t('remote.files.tooLarge', { size: megabytes(maxBytes, number) })
    : t('remote.files.error.too_large');
}
