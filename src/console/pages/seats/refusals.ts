import type { TFunction } from 'i18next';
import { refusalOf } from '../../../shared/refusals.js';
import { ApiError } from '../../api/client.js';
import { errorText } from '../../api/errors.js';
import { currentLanguage } from '../../i18n.js';

/**
 * The words for a seat refusal (409) in the UI language, from the details the server sends with
 * its message; the server's own (English) message where no translation applies.
 */
export function seatRefusalText(t: TFunction, error: unknown, locale: string): string {
  if (!(error instanceof ApiError) || error.code !== 'conflict') return errorText(t, error, locale);
  const d = refusalOf(error.details);
  const module = d && 'module' in d ? t(`seats.modules.${d.module}`) : '';
  switch (d?.reason) {
    case 'seats_exhausted':
      return t('seats.refusals.seatsExhausted', { module, seats: d.seats, inUse: d.inUse });
    case 'count_below_use':
      return t('seats.refusals.countBelowUse', { module, requested: d.requested, inUse: d.inUse });
    case 'device_limit_below_use':
      return t('seats.refusals.deviceLimitBelowUse', { requested: d.requested, inUse: d.inUse });
    case 'role_cannot_hold':
      return t('seats.refusals.roleCannotHold', { module });
    case 'user_disabled':
      return t('seats.refusals.userDisabled', { module });
    default:
      return currentLanguage() === 'en' ? error.message : errorText(t, error, locale);
  }
}
