import type { AlertEvent } from '../../../shared/contracts/alerts.js';
import { translations } from '../../../shared/i18n/index.js';
import type { Language } from '../../../shared/locales.js';
import { formatForRecipient, intlLocales } from '../../platform/mail/recipient-format.js';

/** The texts of grouped alerts and summaries: lists capped, counts, and the console link that shows them all. */

/** Lines listed in an e-mail; an SMS names this few. */
export const listedInEmail = 20;
const listedInShort = 3;

function text(language: Language, key: string): string {
  let node: unknown = translations[language];
  for (const part of key.split('.')) node = (node as Record<string, unknown> | undefined)?.[part];
  if (typeof node !== 'string') throw new Error(`missing alert string ${language}:${key}`);
  return node;
}

export const countIn = (language: Language, n: number) => new Intl.NumberFormat(intlLocales[language]).format(n);

/** A list of lines for an e-mail ("• srv-01 (Contoso)") capped at `listedInEmail`, with "…and N more". */
export function emailList(language: Language, lines: readonly string[]): string {
  const shown = lines.slice(0, listedInEmail).map((l) => `• ${l}`);
  const rest = lines.length - shown.length;
  if (rest > 0) shown.push(text(language, 'alertsMail.more').replace('{{count}}', countIn(language, rest)));
  return shown.join('\n');
}

/** The first few names for an SMS ("srv-01, srv-02, srv-03 +9,997"). */
export function shortList(language: Language, names: readonly string[]): string {
  const shown = names.slice(0, listedInShort).join(', ');
  const rest = names.length - listedInShort;
  return rest > 0 ? `${shown} +${countIn(language, rest)}` : shown;
}

/** The event's short name in the reader's language, for an alert or its recovery. */
export function eventName(language: Language, event: AlertEvent, kind: string): string {
  return text(language, `alertsMail.names.${kind === 'recovery' ? 'recovered' : 'fired'}.${event}`);
}

/** Where the console lists what an alert is about: devices filtered by status (and company), else the alert rules. */
export function consoleLink(
  publicUrl: string,
  event: AlertEvent,
  kind: string,
  companyIds: readonly (string | null)[],
): string {
  const one = new Set(companyIds).size === 1 && companyIds[0] ? companyIds[0] : null;
  const params = new URLSearchParams();
  if (one) params.set('companyId', one);
  if (event === 'device_offline' || event === 'device_online' || event === 'device_enrolled') {
    if (event === 'device_offline') params.set('status', kind === 'recovery' ? 'online' : 'offline');
    if (event === 'device_online') params.set('status', 'online');
    const query = params.toString();
    return `${publicUrl}/devices${query ? `?${query}` : ''}`;
  }
  if (event === 'request_waiting' || event === 'question_created') return `${publicUrl}/service-desk`;
  return `${publicUrl}/alerts`;
}

export const timeFor = (at: Date, language: Language, timeZone: string) => formatForRecipient(at, language, timeZone);
