import { sql } from 'drizzle-orm';
import type { Transporter } from 'nodemailer';
import type { Database } from '../db/pool.js';
import { uuidArray } from '../db/uuid-array.js';
import type { JobsLog } from '../jobs/jobs.js';
import type { SmsGateway } from '../sms/gateway.js';
import type { Attachment } from './tables.js';
import { attachmentsToSend } from './attachments.js';
import { loadSettings } from '../../modules/settings/index.js';

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

type Claimed = {
  id: string;
  channel: 'email' | 'sms' | 'voice';
  recipient: string;
  subject: string;
  body_text: string;
  body_html: string | null;
  attempts: number;
  account_id: string | null;
  /** the company the message is about, when it names one: its sender name applies */
  company_id: string | null;
  language: string | null;
  attachments: Attachment[] | null;
};

export interface DeliveryOptions {
  database: Database;
  transports: Transports;
  log: JobsLog;
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
export function createDeliverer({ database, transports, log, retryBaseSeconds = 30 }: DeliveryOptions) {
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
      const settings = await loadSettings(db, accountId, [...companies]);
      for (const m of claimed)
        if (m.account_id === accountId) names.set(m.id, settings.get('notifications.senderName', m.company_id));
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

  /**
   * Due: queued, its time come, and no earlier message to the same recipient still to go (queued
   * and past its quiet hours, or being sent). A message waiting out quiet hours holds up nobody.
   */
  async function claimDue(limit: number): Promise<Claimed[]> {
    const rows = await db.execute<Claimed>(sql`
      with due as (
        select m.id from outbox_messages m
        where m.status = 'queued' and m.next_attempt_at <= now() and m.not_before <= now()
          and not exists (
            select 1 from outbox_messages e
            where e.recipient = m.recipient and e.channel = m.channel and e.status in ('queued', 'sending')
              and e.not_before <= now() and (e.created_at, e.id) < (m.created_at, m.id))
        order by m.next_attempt_at, m.created_at, m.id
        limit ${limit}
        for update of m skip locked)
      update outbox_messages o set status = 'sending', attempts = o.attempts + 1, next_attempt_at = now()
      from due where o.id = due.id
      returning o.id, o.channel, o.recipient, o.subject, o.body_text, o.body_html, o.attempts, o.attachments,
        o.account_id, o.metadata->>'companyId' as company_id, o.metadata->>'language' as language`);
    return rows.rows;
  }

  async function recordFailure(m: Claimed, err: unknown): Promise<void> {
    const error = (err instanceof Error ? err.message : String(err)).slice(0, 500);
    if (m.attempts >= maxAttempts) {
      await db.execute(sql`update outbox_messages set status = 'failed', last_error = ${error} where id = ${m.id}`);
      log.error({ messageId: m.id, attempt: m.attempts, err: error }, 'message failed for good (dead letter)');
      return;
    }
    const retryAt = new Date(Date.now() + retryDelaySeconds(m.attempts, retryBaseSeconds) * 1000);
    await db.execute(
      sql`update outbox_messages set status = 'queued', last_error = ${error}, next_attempt_at = ${retryAt} where id = ${m.id}`,
    );
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
    if (sent.length > 0)
      await db.execute(
        sql`update outbox_messages set status = 'sent', sent_at = now(), last_error = null where id = any(${uuidArray(sent)})`,
      );
    if (held.length > 0)
      await db.execute(
        sql`update outbox_messages set status = 'held', attempts = attempts - 1 where id = any(${uuidArray(held)})`,
      );
    for (const { m, err } of failed) await recordFailure(m, err);
    return claimed.length;
  }

  /** Milliseconds until the next queued message becomes due (null: none is waiting for a time). */
  async function nextDueInMs(): Promise<number | null> {
    const rows = await db.execute<{ ms: number | null }>(sql`
      select extract(epoch from min(next_attempt_at) - now()) * 1000 as ms
      from outbox_messages where status = 'queued' and next_attempt_at > now()`);
    const ms = rows.rows[0]?.ms;
    return ms == null ? null : Math.max(0, Number(ms));
  }

  /**
   * Picks up what a stopped process left `sending`: queued again, or a dead letter when it has
   * used every attempt (a message that stops the process each time it is sent).
   */
  async function sweep(): Promise<number> {
    const rows = await db.execute(sql`
      update outbox_messages
      set status = case when attempts >= ${maxAttempts} then 'failed' else 'queued' end,
        last_error = case when attempts >= ${maxAttempts} then 'The delivery was interrupted repeatedly.' else last_error end
      where status = 'sending' and next_attempt_at < now() - make_interval(mins => ${staleSendingMinutes})
      returning id`);
    return rows.rows.length;
  }

  return { deliverDue, nextDueInMs, sweep };
}
