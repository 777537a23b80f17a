/**
 * Customer portals: one per company, at `/portal/{slug}`. The console edits a portal through
 * `GET/PATCH /api/v1/companies/{id}/portal`; customers read its public face through
 * `GET /api/portal/{slug}` (see support-requests.ts for what they send).
 *
 * The wait timeout, the offline message and attachments are settings (`portal.waitTimeoutSeconds`,
 * `portal.offlineMessage`, `portal.allowAttachments`), read through the settings resolver: the
 * portal page shows their effective values and sources, and edits them with
 * `PATCH /api/v1/companies/{id}/settings`. The language is the portal's own when set, else the
 * company's `general.language`; the business-hours time zone likewise falls back to
 * `general.timeZone`. Colour and logo are the company's branding.
 *
 * The welcome text and the offline message are written per language (`{en, fr}`); the customer page
 * shows the one in the portal's language, else the one in the account's language (the account's
 * `general.language`), else (the offline message) the built-in text in the portal's language.
 */
import { z } from 'zod';
import { coded } from '../field-problems.js';
import { limits } from '../limits.js';
import { languages } from '../locales.js';
import { localizedTextSchema } from '../localized-text.js';
import { isTimeZone } from '../locales.js';
import { timestamp } from './common.js';
import { patterns } from '../patterns.js';

// --- slug -----------------------------------------------------------------------------------------

/** Words a portal address may not take: they would shadow pages or read as official. */
export const reservedSlugs = [
  'api',
  'admin',
  'assets',
  'console',
  'portal',
  'static',
  'login',
  'setup',
  'new',
] as const;

/** The address part after `/portal/`: lower-case letters, digits and single hyphens, 3–48 long. */
export const portalSlugSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(limits.portalSlugMin, { message: `Use at least ${limits.portalSlugMin} characters` })
  .max(limits.portalSlugMax)
  .regex(patterns.slug.regex, {
    message: 'Use lower-case letters, digits and single hyphens, not at either end',
  })
  .refine((s) => !(reservedSlugs as readonly string[]).includes(s), {
    params: coded('reserved'),
    message: 'This address is reserved; choose another',
  });

// --- fields asked of the customer -----------------------------------------------------------------

export const fieldRequirements = ['hidden', 'optional', 'required'] as const;
export const customFieldTypes = ['text', 'choice', 'checkbox'] as const;

/** A question of the portal's own: free text, one choice from a list, or a checkbox. */
export const customFieldSchema = z
  .object({
    /** stable key of the answer in `fields` of a request: lower-case letters, digits, underscores */
    key: z.string().trim().min(1).max(limits.portalFieldKey).regex(patterns.fieldKey.regex, {
      message: 'Use lower-case letters, digits and underscores, starting with a letter',
    }),
    label: z.string().trim().min(1, { message: 'Required' }).max(limits.portalFieldLabel),
    type: z.enum(customFieldTypes),
    required: z.boolean().default(false),
    /** the choices of a `choice` field (2 or more); absent for the other types */
    options: z.array(z.string().trim().min(1).max(limits.portalFieldLabel)).max(limits.portalFieldOptions).optional(),
  })
  .superRefine((f, ctx) => {
    if (f.type === 'choice') {
      if (!f.options || f.options.length < 2)
        ctx.addIssue({
          code: 'custom',
          path: ['options'],
          message: 'A choice needs at least two options',
          params: coded('too_few', { min: 2 }),
        });
      else if (new Set(f.options).size !== f.options.length)
        ctx.addIssue({ code: 'custom', path: ['options'], message: 'Options must differ', params: coded('duplicate') });
    } else if (f.options !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['options'],
        message: 'Only a choice field has options',
        params: coded('not_applicable'),
      });
    }
  });
export type CustomField = z.infer<typeof customFieldSchema>;

/** Name and e-mail are always asked; the phone may be hidden, optional or required. */
export const portalFieldsSchema = z
  .object({
    phone: z.enum(fieldRequirements).default('hidden'),
    custom: z.array(customFieldSchema).max(limits.portalCustomFields).default([]),
  })
  .superRefine((f, ctx) => {
    const keys = f.custom.map((c) => c.key);
    keys.forEach((k, i) => {
      if (keys.indexOf(k) !== i)
        ctx.addIssue({
          code: 'custom',
          path: ['custom', i, 'key'],
          message: 'Two fields have this key',
          params: coded('duplicate'),
        });
    });
  });
export type PortalFields = z.infer<typeof portalFieldsSchema>;

// --- business hours --------------------------------------------------------------------------------

export const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof weekdays)[number];

const clock = z.string().regex(patterns.timeUntilMidnight.regex, { message: 'Use HH:MM (00:00–24:00)' });

/** One opening span of a day, local time; `end` after `start` (24:00 closes at midnight). */
export const openingSpanSchema = z.object({ start: clock, end: clock }).refine((s) => s.start < s.end, {
  message: 'The end must come after the start',
  path: ['end'],
  params: coded('end_before_start'),
});

export const holidaySchema = z.string().regex(patterns.day.regex, { message: 'Use YYYY-MM-DD' });

/**
 * When the live queue is open. `null` hours: always open. `timeZone` null: the company's
 * `general.timeZone`. Days without spans are closed; holidays (local dates) are closed all day.
 */
export const businessHoursSchema = z.object({
  timeZone: z
    .string()
    .max(limits.timeZone)
    .refine(isTimeZone, { message: 'Unknown time zone', params: coded('unknown_time_zone') })
    .nullable()
    .default(null),
  days: z.object(
    Object.fromEntries(weekdays.map((d) => [d, z.array(openingSpanSchema).max(4).default([])])) as Record<
      Weekday,
      z.ZodDefault<z.ZodArray<typeof openingSpanSchema>>
    >,
  ),
  holidays: z.array(holidaySchema).max(limits.portalHolidays).default([]),
});
export type BusinessHours = z.infer<typeof businessHoursSchema>;

// --- the portal as the console sees it ----------------------------------------------------------------

export const portalAbilitiesSchema = z.object({ update: z.boolean() });

const effectiveSetting = <T extends z.ZodType>(value: T) =>
  z.object({
    value,
    source: z.enum(['default', 'account', 'company', 'locked']).describe('where the effective value comes from'),
  });

/** `GET /api/v1/companies/{id}/portal` (and the answer of PATCH). */
export const portalSchema = z.object({
  id: z.uuid(),
  companyId: z.uuid(),
  enabled: z.boolean(),
  slug: z.string(),
  /** the customer page, relative to the server: `/portal/{slug}` */
  path: z.string(),
  title: z.string(),
  /** per language; an empty one shows the account language's text */
  welcome: localizedTextSchema(limits.portalWelcome),
  /** the portal's own language, or null to follow the company's general.language */
  language: z.enum(languages).nullable(),
  effectiveLanguage: z.enum(languages),
  /** the account's general.language: its texts stand in for a language left empty */
  accountLanguage: z.enum(languages),
  fields: portalFieldsSchema,
  /** null: always open */
  businessHours: businessHoursSchema.nullable(),
  /** the time zone the hours are read in (theirs, else the company's general.timeZone) */
  effectiveTimeZone: z.string(),
  /** whether the live queue is open right now (hours and holidays; not whether anyone is available) */
  openNow: z.boolean(),
  /** company branding (edited on the company page) */
  color: z.string().nullable(),
  logoUrl: z.string().nullable().describe('the public logo, /api/portal/{slug}/logo?v=…'),
  settings: z.object({
    waitTimeoutSeconds: effectiveSetting(z.number().int()),
    offlineMessage: effectiveSetting(localizedTextSchema(1000).nullable()).describe(
      'per language; null value: the built-in message in the portal language',
    ),
    allowAttachments: effectiveSetting(z.boolean()),
  }),
  updatedAt: timestamp,
  abilities: portalAbilitiesSchema,
});
export type Portal = z.infer<typeof portalSchema>;

/** `PATCH /api/v1/companies/{id}/portal` (administrators): only what is sent changes. */
export const updatePortalBody = z
  .object({
    enabled: z.boolean(),
    slug: portalSlugSchema,
    title: z.string().trim().min(1, { message: 'Required' }).max(limits.portalTitle),
    welcome: localizedTextSchema(limits.portalWelcome),
    language: z.enum(languages).nullable(),
    fields: portalFieldsSchema,
    businessHours: businessHoursSchema.nullable(),
  })
  .partial()
  // a field this API does not know is a mistake worth telling, not something to ignore
  .strict();
export type UpdatePortalBody = z.infer<typeof updatePortalBody>;

/** 409 details when the slug is taken by another portal (of any account). */
export const slugTakenDetails = z.object({ field: z.literal('slug'), reason: z.literal('slug_taken') });

// --- the public face: GET /api/portal/{slug} ------------------------------------------------------

export const portalSlugParams = z.object({ slug: z.string().max(limits.portalSlugMax + 16) });

/**
 * What the customer page needs, and nothing else (no ids of users, no settings sources).
 * A disabled or unknown portal answers 404.
 */
export const publicPortalSchema = z.object({
  slug: z.string(),
  title: z.string(),
  /** in the portal's language (else the account's; empty: none written) */
  welcome: z.string(),
  language: z.enum(languages),
  companyName: z.string(),
  color: z.string().nullable(),
  logoUrl: z.string().nullable(),
  fields: portalFieldsSchema,
  allowAttachments: z.boolean(),
  attachmentMaxBytes: z.number().int(),
  attachmentTypes: z.array(z.string()),
  /** within business hours now (the queue may still be empty of technicians) */
  openNow: z.boolean(),
  /** open and at least one technician available: a new request would join the live queue */
  liveAvailable: z.boolean(),
  /** the offline message in the portal's language (else the account language's, else the built-in text) */
  offlineMessage: z.string(),
  waitTimeoutSeconds: z.number().int(),
});
export type PublicPortal = z.infer<typeof publicPortalSchema>;

// --- the console's list -----------------------------------------------------------------------

/** `GET /api/v1/portals`: the portals of the companies you can see, by company name. */
export const portalListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(limits.pageSizeMax).default(limits.pageSizeDefault),
  cursor: z.string().max(limits.cursor).optional(),
  q: z.string().trim().max(limits.search).optional().describe("part of the company's name, any case"),
});

export const portalSummarySchema = z.object({
  companyId: z.uuid(),
  companyName: z.string(),
  color: z.string().nullable(),
  enabled: z.boolean(),
  slug: z.string(),
  /** `/portal/{slug}` on this server */
  path: z.string(),
  title: z.string(),
});
export type PortalSummary = z.infer<typeof portalSummarySchema>;
