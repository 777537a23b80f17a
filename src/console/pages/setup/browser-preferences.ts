import type { QueryClient } from '@tanstack/react-query';
import { defaultTimeZone, isTimeZone } from '../../../shared/locales.js';
import { currentLanguage } from '../../i18n.js';
import { browserTimeZone } from '../../lib/time.js';
import { sessionKeys, updateMe } from '../../session/api.js';

/**
 * The setup request carries no language or time zone: the first administrator gets the
 * language the setup page was shown in and this browser's time zone (both editable later).
 */
export async function adoptBrowserPreferences(queryClient: QueryClient, user: { language: string; timeZone: string }) {
  const changes: Parameters<typeof updateMe>[0] = {};
  const language = currentLanguage();
  if (user.language !== language) changes.language = language;
  const zone = browserTimeZone();
  if (user.timeZone === defaultTimeZone && zone !== defaultTimeZone && isTimeZone(zone)) changes.timeZone = zone;
  if (Object.keys(changes).length === 0) return;
  try {
    queryClient.setQueryData(sessionKeys.me, await updateMe(changes));
  } catch {
    // Not worth failing setup over: the profile page can set both.
  }
}
