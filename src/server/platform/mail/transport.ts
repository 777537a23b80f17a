import nodemailer, { type Transporter } from 'nodemailer';
import type { Config } from '../../config.js';

/** Connections kept open to the SMTP server: the delivery workers of a process share them. */
export const smtpConnections = 4;

/**
 * The SMTP transport of SMTP_URL (smtp:// or smtps://), or null when none is configured. Pooled:
 * a few connections stay open and carry message after message, instead of a connection, greeting
 * and EHLO per message; `close()` it once the delivery workers have stopped.
 */
export function createMailTransport(config: Pick<Config, 'smtp'>): Transporter | null {
  if (!config.smtp) return null;
  return nodemailer.createTransport(
    { url: config.smtp.url, pool: true, maxConnections: smtpConnections, maxMessages: 500 },
    { from: config.smtp.from },
  );
}
