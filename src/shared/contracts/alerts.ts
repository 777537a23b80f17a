import { z } from 'zod';
import { limits } from '../limits.js';
import { idSchema, nameSchema, timestamp } from './common.js';
import { methodTypes } from './contacts.js';

/** What a rule watches. Delays apply to the conditions that last (offline, waiting). */
export const alertEvents = [
  'device_offline',
  'device_online',
  'device_enrolled',
  'question_created',
  'request_waiting',
  'seat_limit_reached',
  'device_limit_reached',
  'signin_throttled',
  'session_started',
  'session_ended',
] as const;
export type AlertEvent = (typeof alertEvents)[number];
/** Events whose rule takes a delay in minutes ("offline for N minutes", "waiting longer than N minutes"). */
export const delayedEvents: readonly AlertEvent[] = ['device_offline', 'request_waiting'];
/**
 * Events about the whole account (the licence's seats, sign-ins): they belong to no company, so a
 * rule watching one applies to every company ("all"); a list of companies is refused.
 */
export const accountWideEvents: readonly AlertEvent[] = ['seat_limit_reached', 'signin_throttled'];

export const alertRecipientSchema = z.object({
  contactId: idSchema,
  methodTypes: z.array(z.enum(methodTypes)).min(1, { message: 'Choose at least one method' }).max(methodTypes.length),
});

const companyIdsField = z.union([z.literal('all'), z.array(idSchema).max(limits.contactCompanyIds)]);

export const createAlertRuleBody = z.object({
  name: nameSchema.max(limits.alertRuleName),
  event: z.enum(alertEvents),
  companyIds: companyIdsField.default('all'),
  delayMinutes: z.number().int().min(0).max(limits.alertDelayMinutes).default(0),
  recipients: z
    .array(alertRecipientSchema)
    .min(1, { message: 'Choose at least one recipient' })
    .max(limits.alertRecipients),
  /** urgent alerts ignore quiet hours */
  urgent: z.boolean().default(false),
  enabled: z.boolean().default(true),
});
export type CreateAlertRuleBody = z.infer<typeof createAlertRuleBody>;

export const updateAlertRuleBody = z
  .object({
    name: nameSchema.max(limits.alertRuleName),
    event: z.enum(alertEvents),
    companyIds: companyIdsField,
    delayMinutes: z.number().int().min(0).max(limits.alertDelayMinutes),
    recipients: z
      .array(alertRecipientSchema)
      .min(1, { message: 'Choose at least one recipient' })
      .max(limits.alertRecipients),
    urgent: z.boolean(),
    enabled: z.boolean(),
  })
  .partial();
export type UpdateAlertRuleBody = z.infer<typeof updateAlertRuleBody>;

export const alertRuleSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  event: z.enum(alertEvents),
  allCompanies: z.boolean(),
  companies: z.array(z.object({ id: z.uuid(), name: z.string() })),
  delayMinutes: z.number().int(),
  recipients: z.array(alertRecipientSchema.extend({ name: z.string() })),
  urgent: z.boolean(),
  enabled: z.boolean(),
  /** conditions under way (a device offline, a request waiting) and whether their alert went out */
  openConditions: z.number().int(),
  lastFiredAt: timestamp.nullable(),
  abilities: z.object({ update: z.boolean(), delete: z.boolean(), test: z.boolean() }),
  createdAt: timestamp,
  updatedAt: timestamp,
});
export type AlertRule = z.infer<typeof alertRuleSchema>;

export const alertTestResult = z.object({
  messages: z.number().int(),
  /** each recipient's chosen kind that got nothing, and why: no such method, not verified, or disabled */
  unreached: z.array(
    z.object({
      contactId: z.uuid(),
      name: z.string(),
      methodType: z.enum(methodTypes),
      reason: z.enum(['missing', 'unverified', 'disabled']),
    }),
  ),
});
export type AlertTestResult = z.infer<typeof alertTestResult>;
