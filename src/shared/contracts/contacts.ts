import { z } from 'zod';
import { coded } from '../field-problems.js';
import { limits } from '../limits.js';
import { languages } from '../locales.js';
import { idSchema, nameSchema, timestamp } from './common.js';
import { patterns } from '../patterns.js';

export const methodTypes = ['email', 'sms', 'phone'] as const;
export type MethodType = (typeof methodTypes)[number];

const hhmm = z.string().regex(patterns.time.regex, { message: 'Use HH:MM (24-hour)' });

/** Quiet hours in the contact's time zone: non-urgent messages wait until they end. `start` > `end` spans midnight. */
export const quietHoursSchema = z.object({ start: hhmm, end: hhmm }).refine((q) => q.start !== q.end, {
  message: 'Start and end must differ',
  path: ['end'],
  params: coded('duplicate'),
});

export const newMethodBody = z.object({
  type: z.enum(methodTypes),
  value: z.string().trim().min(1, { message: 'Required' }).max(limits.methodValue),
  label: z.string().trim().max(limits.methodLabel).optional(),
  enabled: z.boolean().optional(),
});
export type NewMethodBody = z.infer<typeof newMethodBody>;

export const updateMethodBody = z
  .object({
    value: z.string().trim().min(1, { message: 'Required' }).max(limits.methodValue),
    label: z.string().trim().max(limits.methodLabel),
    enabled: z.boolean(),
  })
  .partial();

const companyIdsField = z.union([z.literal('all'), z.array(idSchema).max(limits.contactCompanyIds)]);

export const createContactBody = z.object({
  name: nameSchema,
  companyIds: companyIdsField.default('all'),
  language: z.enum(languages).optional(),
  timeZone: z.string().trim().min(1).max(limits.timeZone).optional(),
  quietHours: quietHoursSchema.nullable().optional(),
  methods: z.array(newMethodBody).max(limits.contactMethods).default([]),
});
export type CreateContactBody = z.infer<typeof createContactBody>;

export const updateContactBody = z
  .object({
    name: nameSchema,
    companyIds: companyIdsField,
    language: z.enum(languages),
    timeZone: z.string().trim().min(1).max(limits.timeZone),
    quietHours: quietHoursSchema.nullable(),
  })
  .partial();
export type UpdateContactBody = z.infer<typeof updateContactBody>;

export const contactMethodSchema = z.object({
  id: z.uuid(),
  type: z.enum(methodTypes),
  value: z.string(),
  label: z.string(),
  enabled: z.boolean(),
  verified: z.boolean(),
  verifiedAt: timestamp.nullable(),
  /** the user's sign-in e-mail: changed only by the user, in their profile */
  primary: z.boolean(),
  verificationPending: z.boolean(),
});
export type ContactMethod = z.infer<typeof contactMethodSchema>;

export const contactAbilities = z.object({ update: z.boolean(), delete: z.boolean() });

export const contactSummary = z.object({
  id: z.uuid(),
  name: z.string(),
  userId: z.uuid().nullable(),
  allCompanies: z.boolean(),
  companies: z.array(z.object({ id: z.uuid(), name: z.string() })),
  language: z.enum(languages),
  timeZone: z.string(),
  quietHours: quietHoursSchema.nullable(),
  methods: z.array(contactMethodSchema),
  abilities: contactAbilities,
  createdAt: timestamp,
  updatedAt: timestamp,
});
export type ContactSummary = z.infer<typeof contactSummary>;

/** What still uses a contact: shown before it is deleted. */
export const contactUsage = z.object({
  alertRules: z.array(z.object({ id: z.uuid(), name: z.string() })),
  reportSchedules: z.array(z.object({ id: z.uuid(), name: z.string() })),
});
export const contactDetail = contactSummary.extend({ usage: contactUsage });
export type ContactDetail = z.infer<typeof contactDetail>;

export const contactListQuery = z.object({
  search: z.string().trim().max(limits.search).optional(),
  companyId: idSchema.optional(),
});

export const methodParams = z.object({ id: idSchema, methodId: idSchema });
export const verifyCodeBody = z.object({
  code: z.string().trim().regex(patterns.sixDigits.regex, { message: 'Enter the six-digit code' }),
});
export const verificationTokenParams = z.object({ token: z.string().min(10).max(limits.verificationToken) });
export const verificationSent = z.object({ sentTo: z.string(), expiresAt: timestamp });
export const verificationResult = z.object({ verified: z.literal(true), value: z.string(), type: z.enum(methodTypes) });
