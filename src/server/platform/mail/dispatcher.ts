import { sql } from 'drizzle-orm';
import pg from 'pg';
import type { Transporter } from 'nodemailer';
import type { Database } from '../db/pool.js';
import { outboxChannel } from './outbox.js';

/** The configured sender address under the name the account's settings give (notifications.senderName). */
export function withName(from: string, name: string | null): string {
  if (!name) return from;
  const address = /<([^>]+)>/.exec(from)?.[1] ?? from.trim();
  return `"${name.replace(/["\\\r\n]/g, '')}" <${address}>`;
}

/** Tries per message before it is marked failed; retry delays double from 30 s up to an hour. */
export const maxAttempts = 8;
export function retryDelaySeconds(attempt: number): number {
  return Math.min(30 * 2 ** (attempt - 1), 3600);
}

type ClaimedMessage = {
  id: string;
  channel: string;
  recipient: string;
  subject: string;
  body_text: string;
  body_html: string | null;
  attempts: number;
  from_name: string | null;
};

export interface DispatcherOptions {
  database: Database;
  /** where to LISTEN for new messages (a dedicated connection) */
  url: string;
  /** null: no SMTP configured, messages are kept in the outbox */
  transport: Transporter | null;
  from: string;
  log: { info(obj: object, msg: string): void; warn(obj: object, msg: string): void; error(obj: object, msg: string): void };
  /** how often due retries and missed notifications are looked for */
  sweepEveryMs?: number;
}

/**
 * Delivers the outbox. Wakes on NOTIFY (sent when an enqueuing transaction commits) and on a
 * periodic sweep for retries. Messages are claimed with `FOR UPDATE SKIP LOCKED`, so several
 * processes never send one message twice; a message left `sending` by a crash is retried.
 */
export function startOutboxDispatcher(options: DispatcherOptions) {
  const { database, transport, from, log } = options;
  let stopped = false;
  let running: Promise<void> | null = null;
  let again = false;
  let listener: pg.Client | null = null;

  async function claim(): Promise<ClaimedMessage[]> {
    const result = await database.db.execute<ClaimedMessage>(sql`
      update outbox_messages set status = 'sending', attempts = attempts + 1, next_attempt_at = now()
      where id in (
        select id from outbox_messages
        where (status = 'queued' and next_attempt_at <= now())
           or (status = 'sending' and next_attempt_at <= now() - interval '5 minutes')
        order by created_at
        limit 20
        for update skip locked)
      returning id, channel, recipient, subject, body_text, body_html, attempts, metadata->>'fromName' as from_name`);
    return result.rows;
  }

  async function deliver(message: ClaimedMessage): Promise<void> {
    if (!transport || message.channel !== 'email') {
      await database.db.execute(sql`update outbox_messages set status = 'held', attempts = attempts - 1 where id = ${message.id}`);
      return;
    }
    try {
      await transport.sendMail({ from: withName(from, message.from_name), to: message.recipient, subject: message.subject, text: message.body_text, html: message.body_html ?? undefined });
      await database.db.execute(sql`update outbox_messages set status = 'sent', sent_at = now(), last_error = null where id = ${message.id}`);
    } catch (err) {
      const error = (err instanceof Error ? err.message : String(err)).slice(0, 500);
      const failed = message.attempts >= maxAttempts;
      await database.db.execute(sql`
        update outbox_messages
        set status = ${failed ? 'failed' : 'queued'}, last_error = ${error},
            next_attempt_at = now() + make_interval(secs => ${retryDelaySeconds(message.attempts)})
        where id = ${message.id}`);
      (failed ? log.error : log.warn).call(log, { messageId: message.id, attempt: message.attempts, err: error }, failed ? 'e-mail failed for good' : 'e-mail delivery failed; will retry');
    }
  }

  /** Drains what is due; a wake-up during a run schedules one more run. */
  function run(): Promise<void> {
    if (stopped) return Promise.resolve();
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        for (let batch = await claim(); batch.length > 0 && !stopped; batch = await claim()) {
          for (const message of batch) await deliver(message);
        }
      } while (again && !stopped);
    })()
      .catch((err) => log.error({ err }, 'outbox dispatcher error'))
      .finally(() => {
        running = null;
      });
    return running;
  }

  async function listen() {
    const client = new pg.Client({ connectionString: options.url, application_name: 'tandem-outbox' });
    client.on('error', (err) => {
      log.warn({ err }, 'outbox listener lost its connection; reconnecting');
      listener = null;
      if (!stopped) setTimeout(() => void listen().catch(() => {}), 1000).unref();
    });
    client.on('notification', () => void run());
    await client.connect();
    if (stopped) {
      await client.end();
      return;
    }
    await client.query(`listen ${outboxChannel}`);
    listener = client;
    void run();
  }

  const sweep = setInterval(() => void run(), options.sweepEveryMs ?? 15_000);
  sweep.unref();
  const ready = listen().catch((err) => log.error({ err }, 'outbox listener could not start; relying on the periodic sweep'));

  return {
    ready,
    /** runs one delivery pass now (and waits for it) */
    flush: run,
    async stop() {
      stopped = true;
      clearInterval(sweep);
      await ready;
      await running;
      await listener?.end().catch(() => {});
    },
  };
}

export type OutboxDispatcher = ReturnType<typeof startOutboxDispatcher>;
