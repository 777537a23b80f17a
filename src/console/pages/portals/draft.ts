import type {
  BusinessHours,
  CustomField,
  Portal,
  PortalFields,
  PublicPortal,
  UpdatePortalBody,
} from '../../../shared/contracts/portals.js';
import { weekdays } from '../../../shared/contracts/portals.js';
import { textIn, type LocalizedText } from '../../../shared/localized-text.js';
import { languages, type Language } from '../../../shared/locales.js';

/** What the portal page edits before saving. */
export interface PortalDraft {
  enabled: boolean;
  slug: string;
  title: string;
  /** per language; an empty one shows the account language's text */
  welcome: LocalizedText;
  language: Language | null;
  fields: PortalFields;
  businessHours: BusinessHours | null;
}

export function draftOf(portal: Portal): PortalDraft {
  return {
    enabled: portal.enabled,
    slug: portal.slug,
    title: portal.title,
    welcome: { ...portal.welcome },
    language: portal.language,
    fields: structuredClone(portal.fields),
    businessHours: portal.businessHours ? structuredClone(portal.businessHours) : null,
  };
}

/** Only what changed, for PATCH /companies/{id}/portal. */
export function changesOf(portal: Portal, draft: PortalDraft): UpdatePortalBody {
  const base = draftOf(portal);
  const body: UpdatePortalBody = {};
  if (draft.enabled !== base.enabled) body.enabled = draft.enabled;
  if (draft.slug.trim() !== base.slug) body.slug = draft.slug.trim();
  if (draft.title.trim() !== base.title) body.title = draft.title.trim();
  const welcome = Object.fromEntries(languages.map((l) => [l, draft.welcome[l].trim()])) as LocalizedText;
  if (JSON.stringify(welcome) !== JSON.stringify(base.welcome)) body.welcome = welcome;
  if (draft.language !== base.language) body.language = draft.language;
  if (JSON.stringify(draft.fields) !== JSON.stringify(base.fields)) body.fields = draft.fields;
  if (JSON.stringify(draft.businessHours) !== JSON.stringify(base.businessHours))
    body.businessHours = draft.businessHours;
  return body;
}

export const defaultHours = (): BusinessHours => ({
  timeZone: null,
  days: Object.fromEntries(
    weekdays.map((d) => [d, d === 'sat' || d === 'sun' ? [] : [{ start: '09:00', end: '17:00' }]]),
  ) as BusinessHours['days'],
  holidays: [],
});

/** A key for a new custom field, from its label: lower-case letters, digits, underscores. */
export function keyFromLabel(label: string, taken: string[]): string {
  const base =
    label
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '_')
      .replace(/^_+|_+$/g, '')
      .replace(/^(\d)/, 'f_$1')
      .slice(0, 30) || 'field';
  let key = base;
  for (let i = 2; taken.includes(key); i++) key = `${base}_${i}`;
  return key;
}

export function newField(taken: string[]): CustomField {
  return { key: keyFromLabel('field', taken), label: '', type: 'text', required: false };
}

/** The public face the customer would see with this draft: what the live preview draws. */
export function previewOf(portal: Portal, draft: PortalDraft, companyName: string): PublicPortal {
  const language = draft.language ?? portal.effectiveLanguage;
  return {
    slug: draft.slug,
    title: draft.title || portal.title,
    welcome: textIn(draft.welcome, language, portal.accountLanguage) ?? '',
    language,
    companyName,
    color: portal.color,
    logoUrl: portal.logoUrl,
    fields: draft.fields,
    allowAttachments: portal.settings.allowAttachments.value,
    attachmentMaxBytes: 0,
    attachmentTypes: [],
    openNow: portal.openNow,
    liveAvailable: true,
    offlineMessage: textIn(portal.settings.offlineMessage.value, language, portal.accountLanguage) ?? '',
    waitTimeoutSeconds: portal.settings.waitTimeoutSeconds.value,
  };
}
