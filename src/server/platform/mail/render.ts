import { translations } from '../../../shared/i18n/index.js';
import type { Language } from '../../../shared/locales.js';

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function lookup(language: Language, key: string): string {
  let node: unknown = translations[language];
  for (const part of key.split('.')) node = (node as Record<string, unknown> | undefined)?.[part];
  if (typeof node !== 'string') throw new Error(`missing e-mail string ${language}:${key}`);
  return node;
}

function interpolate(template: string, params: Record<string, string | number>): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => {
    if (!(name in params)) throw new Error(`missing e-mail parameter ${name}`);
    return String(params[name]);
  });
}

/**
 * Renders an e-mail from its strings (`<template>.subject`, `.body`, optional `.action`) in the
 * recipient's language. Parameters are escaped in the HTML part: whatever a person typed (a name,
 * a company) is shown as text, never as markup.
 */
export function renderEmail(
  language: Language,
  template: string,
  params: Record<string, string | number>,
  actionUrl?: string,
): RenderedEmail {
  const subject = interpolate(lookup(language, `${template}.subject`), params).replace(/[\r\n]+/g, ' ');
  const paragraphs = interpolate(lookup(language, `${template}.body`), params).split(/\n\s*\n/);
  const action = actionUrl ? interpolate(lookup(language, `${template}.action`), params) : undefined;
  const footer = lookup(language, 'mail.footer');

  const text = [...paragraphs, ...(action ? [`${action}: ${actionUrl}`] : []), '--', footer].join('\n\n');
  const htmlParagraphs = paragraphs.map(
    (p) => `<p style="margin:0 0 16px">${escapeHtml(p).replace(/\n/g, '<br>')}</p>`,
  );
  const button = action
    ? `<p style="margin:24px 0"><a href="${escapeHtml(actionUrl!)}" style="background:#1c7ed6;color:#fff;padding:10px 18px;border-radius:6px;text-decoration:none;display:inline-block">${escapeHtml(action)}</a></p><p style="margin:0 0 16px;font-size:13px;color:#555">${escapeHtml(actionUrl!)}</p>`
    : '';
  const html = `<!doctype html><html lang="${language}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head><body style="font-family:system-ui,-apple-system,'Segoe UI',sans-serif;font-size:15px;line-height:1.5;color:#212529;margin:0;padding:24px;background:#f8f9fa"><div style="max-width:560px;margin:0 auto;background:#fff;padding:24px;border-radius:8px">${htmlParagraphs.join('')}${button}<hr style="border:none;border-top:1px solid #dee2e6;margin:24px 0 12px"><p style="margin:0;font-size:12px;color:#868e96">${escapeHtml(footer)}</p></div></body></html>`;
  return { subject, text, html };
}

/** An SMS or the text of a voice call: `<template>.sms` in the recipient's language, plain text. */
export function renderShort(language: Language, template: string, params: Record<string, string | number>): string {
  return interpolate(lookup(language, `${template}.sms`), params)
    .replace(/\s+/g, ' ')
    .trim();
}
