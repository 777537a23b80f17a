import type { Transporter } from 'nodemailer';
import type { Database } from '../db/pool.js';
import type { JobsLog } from '../jobs/jobs.js';
import type { SmsGateway } from '../sms/gateway.js';
import { attachmentsToSend } from './attachments.js';
import {
  claimDueMessages,
  markFailed,
  markHeld,
  markRetry,
  markSent,
  msUntilNextDue,
  requeueInterrupted,
  type ClaimedMessage,
} from './outbox-repository.js';

/** The configured sender address under the name the account's settings give (notifications.senderName). */
export function withName(from: string, name: string | null): string {
  if (!name) return from;
  const address = /<([^>]+)>/.exec(from)?.[1] ?? from.trim();
  return `"${name.replace(/["\\\r\n]/g, '')}" <${address}>`;
}

/** Tries per message before it is a dead letter (`failed`); retry delays double from the base up to an hour. */
export const maxAttempts = 8;
export function retryDelaySeconds(attempt: number, baseSeconds = 30): number {
  return Math.min(baseSeconds * 2 ** (attempt - 1), 3600);
}

export interface Transports {
  /** null: no SMTP configured, e-mails are kept in the outbox */
  email: Transporter | null;
  from: string;
  /** null: no gateway configured, SMS and calls are kept in the outbox */
  sms: SmsGateway | null;
}

type Claimed = ClaimedMessage;

/**
 * The sender name of an account's e-mails about each of some companies (null: about none), as its
 * settings say when they are sent: the settings module provides it, passed in when the process starts.
 */
export type SenderNames = (accountId: string, companyIds: string[]) => Promise<(companyId: string | null) => string>;

export interface DeliveryOptions {
  database: Database;
  transports: Transports;
  log: JobsLog;
  senderNames: SenderNames;
  /** first retry delay; doubles per attempt (tests shorten it) */
  retryBaseSeconds?: number;
}

/** A message `sending` for longer than this was left behind by a stopped process: it is queued again. */
export const staleSendingMinutes = 5;

/**
 * Delivers the outbox in rounds. A round claims up to `limit` due messages in one statement — at
 * most one per recipient, and only a recipient's earliest: one recipient's messages go out in the
 * order they were written — sends them side by side, and records what happened in one statement
 * per outcome. Claims are atomic (`for update skip locked`, then `sending`), so a message is sent
 * once however many workers or processes look at the outbox.
 */
export function createDeliverer({
  database,
  transports,
  log,
  senderNames: senderNameOf,
  retryBaseSeconds = 30,
}: DeliveryOptions) {
  const { db } = database;

  /**
   * The sender name (`notifications.senderName`) of each e-mail of a round, as the settings say
   * when it is sent: one settings read per account in the round.
   */
  async function senderNames(claimed: Claimed[]): Promise<Map<string, string>> {
    const companiesByAccount = new Map<string, Set<string>>();
    for (const m of claimed) {
      if (m.channel !== 'email' || !m.account_id) continue;
      const companies = companiesByAccount.get(m.account_id) ?? new Set<string>();
      if (m.company_id) companies.add(m.company_id);
      companiesByAccount.set(m.account_id, companies);
    }
    const names = new Map<string, string>();
    for (const [accountId, companies] of companiesByAccount) {
      const nameAbout = await senderNameOf(accountId, [...companies]);
      for (const m of claimed) if (m.account_id === accountId) names.set(m.id, nameAbout(m.company_id));
    }
    return names;
  }

  async function transmit(m: Claimed, senderName: string | null): Promise<'sent' | 'held'> {
    if (m.channel === 'email') {
      if (!transports.email) return 'held';
      await transports.email.sendMail({
        from: withName(transports.from, senderName),
        to: m.recipient,
        subject: m.subject,
        text: m.body_text,
        html: m.body_html ?? undefined,
        attachments: await attachmentsToSend(db, m.attachments),
      });
      return 'sent';
    }
    if (!transports.sms) return 'held';
    if (m.channel === 'sms') await transports.sms.sendSms(m.recipient, m.body_text);
    else await transports.sms.call(m.recipient, m.body_text, m.language ?? 'en');
    return 'sent';
  }

  /** Claims up to `limit` due messages (see claimDueMessages: one per recipient, its earliest). */
  const claimDue = (limit: number): Promise<Claimed[]> => claimDueMessages(db, limit);

  async function recordFailure(m: Claimed, err: unknown): Promise<void> {
    const error = (err instanceof Error ? err.message : String(err)).slice(0, 500);
    if (m.attempts >= maxAttempts) {
      await markFailed(db, m.id, error);
      log.error({ messageId: m.id, attempt: m.attempts, err: error }, 'message failed for good (dead letter)');
      return;
    }
    const retryAt = new Date(Date.now() + retryDelaySeconds(m.attempts, retryBaseSeconds) * 1000);
    await markRetry(db, m.id, error, retryAt);
    log.warn({ messageId: m.id, attempt: m.attempts, err: error }, 'delivery failed; will retry');
  }

  /** One round; returns how many messages it claimed (0: nothing is due now). */
  async function deliverDue(limit: number): Promise<number> {
    const claimed = await claimDue(limit);
    if (claimed.length === 0) return 0;
    const names = transports.email ? await senderNames(claimed) : new Map<string, string>();
    const sent: string[] = [];
    const held: string[] = [];
    const failed: Array<{ m: Claimed; err: unknown }> = [];
    await Promise.all(
      claimed.map(async (m) => {
        try {
          const outcome = await transmit(m, names.get(m.id) ?? null);
          (outcome === 'sent' ? sent : held).push(m.id);
        } catch (err) {
          failed.push({ m, err });
        }
      }),
    );
    if (sent.length > 0) await markSent(db, sent);
    if (held.length > 0) await markHeld(db, held);
    for (const { m, err } of failed) await recordFailure(m, err);
    return claimed.length;
  }

  /** Milliseconds until the next queued message becomes due (null: none is waiting for a time). */
  const nextDueInMs = (): Promise<number | null> => msUntilNextDue(db);

  /**
   * Picks up what a stopped process left `sending`: queued again, or a dead letter when it has
   * used every attempt (a message that stops the process each time it is sent).
   */
  const sweep = (): Promise<number> => requeueInterrupted(db, maxAttempts, staleSendingMinutes);

  return { deliverDue, nextDueInMs, sweep };
}
