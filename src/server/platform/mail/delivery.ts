import { sql } from 'drizzle-orm';
import type { Transporter } from 'nodemailer';
import type { Database } from '../db/pool.js';
import type { Jobs, JobsLog } from '../jobs/jobs.js';
import { queues } from '../jobs/queues.js';
import { sendJob } from '../jobs/send.js';
import type { NotifyHub } from '../realtime/notify-hub.js';
import type { SmsGateway } from '../sms/gateway.js';
import { outboxChannel } from './outbox.js';
import type { Attachment } from './tables.js';
import { attachmentsToSend } from './attachments.js';

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
  from_name: string | null;
  language: string | null;
  attachments: Attachment[] | null;
  created_at: string;
};

export interface DeliveryOptions {
  database: Database;
  transports: Transports;
  log: JobsLog;
  /** first retry delay; doubles per attempt (tests shorten it) */
  retryBaseSeconds?: number;
}

/**
 * Delivers one message, then the messages to the same recipient queued after it: one recipient's
 * messages go out in the order they were written. A message whose earlier sibling is still due
 * waits for it (that sibling's job carries it on). Claims are atomic, so a message is sent once
 * however many jobs or processes reach it.
 */
export function createDeliverer({ database, transports, log, retryBaseSeconds = 30 }: DeliveryOptions) {
  const { db } = database;

  async function transmit(m: Claimed): Promise<'sent' | 'held'> {
    if (m.channel === 'email') {
      if (!transports.email) return 'held';
      await transports.email.sendMail({
        from: withName(transports.from, m.from_name),
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

  async function blockedByEarlier(id: string): Promise<boolean> {
    const rows = await db.execute(sql`
      select 1 from outbox_messages m join outbox_messages e on e.recipient = m.recipient and e.channel = m.channel
      where m.id = ${id} and e.status in ('queued', 'sending') and e.not_before <= now()
        and (e.created_at, e.id) < (m.created_at, m.id)
      limit 1`);
    return rows.rows.length > 0;
  }

  async function claim(id: string): Promise<Claimed | null> {
    const rows = await db.execute<Claimed>(sql`
      update outbox_messages set status = 'sending', attempts = attempts + 1, next_attempt_at = now()
      where id = ${id} and status = 'queued' and not_before <= now()
      returning id, channel, recipient, subject, body_text, body_html, attempts, attachments, created_at,
        metadata->>'fromName' as from_name, metadata->>'language' as language`);
    return rows.rows[0] ?? null;
  }

  async function nextFor(m: Claimed): Promise<string | null> {
    const rows = await db.execute<{ id: string }>(sql`
      select id from outbox_messages
      where recipient = ${m.recipient} and channel = ${m.channel} and status = 'queued' and not_before <= now()
        and (created_at, id) > (${m.created_at}::timestamptz, ${m.id}::uuid)
      order by created_at, id limit 1`);
    return rows.rows[0]?.id ?? null;
  }

  /** Returns true when the chain may go on to the recipient's next message. */
  async function attempt(m: Claimed): Promise<boolean> {
    try {
      const outcome = await transmit(m);
      if (outcome === 'held') {
        await db.execute(sql`update outbox_messages set status = 'held', attempts = attempts - 1 where id = ${m.id}`);
      } else {
        await db.execute(sql`update outbox_messages set status = 'sent', sent_at = now(), last_error = null where id = ${m.id}`);
      }
      return true;
    } catch (err) {
      const error = (err instanceof Error ? err.message : String(err)).slice(0, 500);
      if (m.attempts >= maxAttempts) {
        await db.execute(sql`update outbox_messages set status = 'failed', last_error = ${error} where id = ${m.id}`);
        log.error({ messageId: m.id, attempt: m.attempts, err: error }, 'message failed for good (dead letter)');
        return true;
      }
      const retryAt = new Date(Date.now() + retryDelaySeconds(m.attempts, retryBaseSeconds) * 1000);
      await db.transaction(async (tx) => {
        await tx.execute(sql`update outbox_messages set status = 'queued', last_error = ${error}, next_attempt_at = ${retryAt} where id = ${m.id}`);
        await sendJob(tx, queues.deliver, { id: m.id }, { startAfter: retryAt });
      });
      log.warn({ messageId: m.id, attempt: m.attempts, err: error }, 'delivery failed; will retry');
      return false;
    }
  }

  async function deliver(id: string): Promise<void> {
    if (await blockedByEarlier(id)) return;
    let current: string | null = id;
    while (current) {
      const m = await claim(current);
      if (!m) return;
      if (!(await attempt(m))) return;
      current = await nextFor(m);
    }
  }

  /**
   * Picks up what a crash left behind: messages claimed long ago and never finished, and due
   * messages whose job is gone. Extra jobs are harmless: claims are atomic.
   */
  async function sweep(): Promise<number> {
    return db.transaction(async (tx) => {
      const stale = await tx.execute<{ id: string }>(sql`
        update outbox_messages set status = 'queued'
        where status = 'sending' and next_attempt_at < now() - interval '5 minutes'
        returning id`);
      const due = await tx.execute<{ id: string }>(sql`
        select id from outbox_messages
        where status = 'queued' and not_before <= now() and next_attempt_at < now() - interval '2 minutes'
        order by created_at limit 500`);
      const ids = new Set([...stale.rows, ...due.rows].map((r) => r.id));
      for (const id of ids) await sendJob(tx, queues.deliver, { id });
      return ids.size;
    });
  }

  /** A delivery job that pg-boss gave up on (it kept crashing): its message is a dead letter. */
  async function bury(id: string, reason: string): Promise<void> {
    await db.execute(sql`update outbox_messages set status = 'failed', last_error = ${reason} where id = ${id} and status in ('queued', 'sending')`);
  }

  return { deliver, sweep, bury };
}

/**
 * Runs delivery in this process: works on the delivery queue (woken at once by NOTIFY when a
 * message commits), the dead-letter queue, and a sweep every minute.
 */
export async function startDelivery(options: DeliveryOptions & { jobs: Jobs; hub: NotifyHub }) {
  const deliverer = createDeliverer(options);
  await options.jobs.work<{ id: string }>(queues.deliver, (data) => deliverer.deliver(data.id), { concurrency: 6, pollingIntervalSeconds: 2 });
  await options.jobs.work<{ id: string }>(queues.deliverDead, (data) => deliverer.bury(data.id, 'The delivery job failed repeatedly.'));
  await options.jobs.work(queues.deliverSweep, async () => {
    await deliverer.sweep();
  });
  await options.jobs.schedule(queues.deliverSweep, '* * * * *');
  const unsubscribe = await options.hub.subscribe(outboxChannel, () => options.jobs.wake(queues.deliver));
  return { deliverer, stop: unsubscribe };
}
