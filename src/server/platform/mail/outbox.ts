import { sql } from 'drizzle-orm';
import type { Language } from '../../../shared/locales.js';
import type { Queryable } from '../db/pool.js';
import { loadSettings } from '../../modules/settings/resolver.js';
import { renderEmail, renderShort } from './render.js';
import { outboxMessages } from './tables.js';

/** The channel the dispatcher listens on: a notification is delivered when the transaction commits. */
export const outboxChannel = 'tandem_outbox';

export interface EmailToSend {
  accountId: string | null;
  /** what the message is, e.g. `invitation`, `role_changed` */
  kind: string;
  to: string;
  language: Language;
  /** i18n key prefix holding `subject`, `body` (blank-line separated paragraphs) and optional `action` */
  template: string;
  params: Record<string, string | number>;
  /** the call-to-action link, labelled by `<template>.action` */
  action?: { url: string };
  metadata?: Record<string, unknown>;
  /** the company the message is about: its settings (sender name) apply */
  companyId?: string | null;
}

export interface ShortMessageToSend {
  accountId: string;
  kind: string;
  channel: 'sms' | 'voice';
  /** E.164 number */
  to: string;
  language: Language;
  /** i18n key prefix holding `sms` (the text; also read aloud for voice) */
  template: string;
  params: Record<string, string | number>;
  metadata?: Record<string, unknown>;
}

/** Writes an SMS or voice message to the outbox inside the caller's transaction. */
export async function enqueueShortMessage(tx: Queryable, message: ShortMessageToSend): Promise<string> {
  const text = renderShort(message.language, message.template, message.params);
  const [row] = await tx
    .insert(outboxMessages)
    .values({
      accountId: message.accountId,
      channel: message.channel,
      kind: message.kind,
      recipient: message.to,
      subject: text.slice(0, 120),
      bodyText: text,
      bodyHtml: null,
      metadata: { ...message.metadata, language: message.language },
    })
    .returning({ id: outboxMessages.id });
  await tx.execute(sql`select pg_notify(${outboxChannel}, ${row.id})`);
  return row.id;
}

/**
 * Writes an e-mail to the outbox inside the caller's transaction: it exists if and only if the
 * change that causes it commits, and the dispatcher delivers it after the commit.
 */
export async function enqueueEmail(tx: Queryable, email: EmailToSend): Promise<string> {
  const rendered = renderEmail(email.language, email.template, email.params, email.action?.url);
  const fromName = email.accountId
    ? (await loadSettings(tx, email.accountId, email.companyId ? [email.companyId] : [])).get('notifications.senderName', email.companyId)
    : undefined;
  const [row] = await tx
    .insert(outboxMessages)
    .values({
      accountId: email.accountId,
      channel: 'email',
      kind: email.kind,
      recipient: email.to,
      subject: rendered.subject,
      bodyText: rendered.text,
      bodyHtml: rendered.html,
      metadata: { ...email.metadata, language: email.language, ...(fromName ? { fromName } : {}) },
    })
    .returning({ id: outboxMessages.id });
  await tx.execute(sql`select pg_notify(${outboxChannel}, ${row.id})`);
  return row.id;
}
