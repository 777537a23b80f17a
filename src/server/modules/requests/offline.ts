import { translations } from '../../../shared/i18n/index.js';
import { limits } from '../../../shared/limits.js';
import type { Language } from '../../../shared/locales.js';
import type { Config } from '../../config.js';
import type { Queryable } from '../../platform/db/pool.js';
import { randomSecret, sha256 } from '../../platform/crypto/secrets.js';
import { recordEvent } from '../../platform/events/record.js';
import { enqueueEmail } from '../../platform/mail/outbox.js';
import { publicUrlOf } from '../../platform/http/public-url.js';
import { appendMessage } from './messages.js';
import { announceChange } from './announce.js';
import * as repo from './repository.js';
import { withFollowToken } from './follow-links.js';

export function systemLine(
  language: Language,
  key: keyof (typeof translations)['en']['supportMail']['system'],
  name = '',
): string {
  return translations[language].supportMail.system[key].replace('{{name}}', name);
}

export function followUrl(config: Config, slug: string, requestId: string, token: string): string {
  return `${publicUrlOf(config)}/portal/${encodeURIComponent(slug)}/requests/${requestId}#t=${token}`;
}

/**
 * What follows a request's becoming an offline question (its status already `offline`, its row
 * locked): a line in the conversation, the e-mail with a fresh private follow link in the
 * portal's language, the `question.created` event, and the notice to every process.
 *
 * Anyone may type any address in a portal, so this e-mail is a fixed text: the company, the
 * request number and the link — never the name or the question the customer typed — and an
 * address receives at most `limits.questionMailsPerAddressDay` of them a day. Opening the link
 * proves the address (`confirmCustomerEmail`); only then are answers e-mailed in full.
 */
export async function afterOffline(
  tx: Queryable,
  config: Config,
  request: repo.RequestRow,
  portal: { slug: string; companyName: string },
): Promise<{ followLinkEmailed: boolean }> {
  const language = request.language as Language;
  await appendMessage(tx, request, { type: 'system', name: null }, { body: systemLine(language, 'offline') });
  // an address gets a few of these a day at most: beyond, the question is kept without e-mail
  // (no follow link is issued; the customer follows it in the browser they asked from)
  const followLinkEmailed =
    (await repo.recentQuestionMails(tx, request.customerEmail)) < limits.questionMailsPerAddressDay;
  if (followLinkEmailed) {
    const token = randomSecret();
    await repo.updateRequest(tx, request.accountId, request.id, withFollowToken(request, sha256(token)));
    await enqueueEmail(tx, {
      accountId: request.accountId,
      companyId: request.companyId,
      kind: 'support_question_received',
      to: request.customerEmail,
      language,
      template: 'supportMail.questionReceived',
      params: { company: portal.companyName, number: request.number },
      action: { url: followUrl(config, portal.slug, request.id, token) },
      metadata: { requestId: request.id },
    });
  }
  await recordEvent(tx, {
    accountId: request.accountId,
    companyId: request.companyId,
    type: 'question.created',
    subjectId: request.id,
    payload: {
      requestId: request.id,
      number: request.number,
      companyId: request.companyId,
      reason: request.offlineReason,
    },
  });
  await announceChange(tx, {
    accountId: request.accountId,
    companyId: request.companyId,
    requestId: request.id,
    change: 'offline',
    takenBy: null,
  });
  return { followLinkEmailed };
}
