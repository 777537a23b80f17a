import type { Language } from '../../../shared/locales.js';
import type { Queryable } from '../db/pool.js';
import { insertMessage } from './outbox-repository.js';
import { renderEmail, renderShort } from './render.js';
import type { Attachment } from './tables.js';

/** One outgoing message, rendered: what the delivery log keeps. */
export interface OutgoingMessage {
  accountId: string | null;
  channel: 'email' | 'sms' | 'voice';
  kind: string;
  to: string;
  subject: string;
  bodyText: string;
  bodyHtml?: string | null;
  metadata?: Record<string, unknown>;
  contactId?: string | null;
  methodId?: string | null;
  /** urgent messages go at once; others wait for the end of the contact's quiet hours (`notBefore`) */
  urgent?: boolean;
  notBefore?: Date | null;
  attachments?: Attachment[];
}

/**
 * Writes a message inside the caller's transaction: it exists if and only if the change that
 * causes it commits, and the outbox itself is the delivery queue (`delivery.ts`), woken by the
 * NOTIFY sent with the commit. Every outgoing message takes this one path.
 */
export async function writeMessage(tx: Queryable, message: OutgoingMessage): Promise<string> {
  const notBefore = message.notBefore ?? null;
  return insertMessage(tx, {
    accountId: message.accountId,
    channel: message.channel,
    kind: message.kind,
    recipient: message.to,
    subject: message.subject,
    bodyText: message.bodyText,
    bodyHtml: message.bodyHtml ?? null,
    metadata: message.metadata ?? {},
    contactId: message.contactId ?? null,
    methodId: message.methodId ?? null,
    urgent: message.urgent ?? true,
    ...(notBefore ? { notBefore, nextAttemptAt: notBefore } : {}),
    attachments: message.attachments ?? null,
  });
}

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
  /** the company the message is about: its settings (sender name) apply when it is sent */
  companyId?: string | null;
}

/**
 * Writes an e-mail to the outbox inside the caller's transaction: it exists if and only if the
 * change that causes it commits, and delivery sends it after the commit.
 */
export async function enqueueEmail(tx: Queryable, email: EmailToSend): Promise<string> {
  const rendered = renderEmail(email.language, email.template, email.params, email.action?.url);
  return writeMessage(tx, {
    accountId: email.accountId,
    channel: 'email',
    kind: email.kind,
    to: email.to,
    subject: rendered.subject,
    bodyText: rendered.text,
    bodyHtml: rendered.html,
    metadata: {
      ...email.metadata,
      language: email.language,
      ...(email.companyId ? { companyId: email.companyId } : {}),
    },
  });
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
  return writeMessage(tx, {
    accountId: message.accountId,
    channel: message.channel,
    kind: message.kind,
    to: message.to,
    subject: text.slice(0, 120),
    bodyText: text,
    metadata: { ...message.metadata, language: message.language },
  });
}
