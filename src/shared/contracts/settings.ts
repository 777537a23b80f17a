import { z } from 'zod';
import { coded } from '../field-problems.js';
import { settingGroups } from '../settings.js';

const input = z.union([
  z.object({ kind: z.literal('select'), options: z.array(z.string()) }),
  z.object({
    kind: z.literal('number'),
    min: z.number(),
    max: z.number(),
    unit: z.enum(['seconds', 'minutes', 'days', 'count', 'characters', 'megabytes']),
  }),
  z.object({ kind: z.literal('switch') }),
  z.object({ kind: z.literal('text'), maxLength: z.number(), multiline: z.boolean().optional() }),
  z.object({ kind: z.literal('timeZone') }),
  z.object({ kind: z.literal('companyLabel') }),
  z.object({ kind: z.literal('localizedText'), maxLength: z.number() }),
]);

const definitionFields = {
  key: z.string(),
  group: z.enum(settingGroups),
  input,
  default: z.unknown().describe('null: a built-in value (e.g. the offline message in the portal language)'),
  overridable: z.boolean(),
  stricterOnly: z.boolean().describe('a security setting: a company may only make it stricter'),
};

export const accountSettingItem = z.object({
  ...definitionFields,
  value: z.unknown().describe("the account's own value, or null when it keeps the default"),
  isSet: z.boolean(),
  effective: z.unknown(),
  locked: z.boolean(),
});
export type AccountSettingItem = z.infer<typeof accountSettingItem>;
export const accountSettingsResponse = z.object({ items: z.array(accountSettingItem) });

export const patchAccountSettingsBody = z
  .object({
    values: z
      .record(z.string().max(64), z.unknown())
      .optional()
      .describe('key → new value; null resets to the default'),
    locks: z.record(z.string().max(64), z.boolean()).optional().describe('key → locked (only overridable settings)'),
  })
  .refine((b) => b.values !== undefined || b.locks !== undefined, {
    message: 'Send values or locks',
    params: coded('empty_change'),
  });

export const settingSources = ['default', 'account', 'company', 'locked'] as const;

export const companySettingItem = z.object({
  ...definitionFields,
  effective: z.unknown(),
  source: z.enum(settingSources),
  override: z.unknown().describe("the company's own value, or null when it inherits"),
  locked: z.boolean(),
});
export type CompanySettingItem = z.infer<typeof companySettingItem>;
export const companySettingsResponse = z.object({ companyId: z.uuid(), items: z.array(companySettingItem) });

export const patchCompanySettingsBody = z.object({
  values: z.record(z.string().max(64), z.unknown()).describe('key → the company value; null resets to inherited'),
});

export const settingHistoryQuery = z.object({
  key: z.string().max(64),
  companyId: z.uuid().optional(),
});
