import nodemailer, { type Transporter } from 'nodemailer';
import type { Config } from '../../config.js';

/** The SMTP transport of SMTP_URL (smtp:// or smtps://), or null when none is configured. */
export function createMailTransport(config: Config): Transporter | null {
  if (!config.smtp) return null;
  return nodemailer.createTransport(config.smtp.url, { from: config.smtp.from });
}
