import { translations } from '../../../shared/i18n/index.js';
import { languages, type Language } from '../../../shared/locales.js';

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export type ClosedReason = 'notFound' | 'disabled';

/**
 * The page `/portal/{slug}` answers (404) for an address no portal has, or a portal switched
 * off: plain HTML with no script or style (the page's CSP allows none inline), in every language
 * of the product, the portal's own first when known. Nothing of the slug is echoed back.
 */
export function closedPortalPage(reason: ClosedReason, first: Language = 'en'): string {
  const order = [first, ...languages.filter((l) => l !== first)];
  const sections = order.map((language) => {
    const text = translations[language].portalCustomer[reason];
    return `<section lang="${language}"><h1>${escapeHtml(text.title)}</h1><p>${escapeHtml(text.text)}</p></section>`;
  });
  const title = order.map((l) => translations[l].portalCustomer[reason].title).join(' · ');
  return `<!doctype html><html lang="${first}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>${escapeHtml(title)}</title></head><body><main>${sections.join('<hr>')}</main></body></html>`;
}
