import type { TFunction } from 'i18next';

/** A session's length in words: "4 min 05 s", "1 h 12 min". */
export function durationText(t: TFunction, seconds: number | null): string {
  if (seconds === null) return '';
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  if (hours > 0) return t('sessions.duration.hours', { hours, minutes: String(minutes).padStart(2, '0') });
  return t('sessions.duration.minutes', { minutes, seconds: String(seconds % 60).padStart(2, '0') });
}
