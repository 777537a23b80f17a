/**
 * The settings registry: every setting declared once, with its type and bounds, default, whether
 * a company may override it, and (for security settings) which way is stricter. Stored values are
 * only the differences from these defaults. Labels and help texts live in i18n/settings.*.json
 * under `settings.items.<key>`.
 */
import { z } from 'zod';
import { coded } from './field-problems.js';
import { companyLabelSchema } from './contracts/accounts.js';
import { languages, isTimeZone } from './locales.js';
import { localizedTextSchema, type LocalizedText } from './localized-text.js';

export const settingGroups = ['general', 'sessions', 'portal', 'devices', 'security', 'notifications'] as const;
export type SettingGroup = (typeof settingGroups)[number];

/** How the console edits a value. */
export type SettingInput =
  | { kind: 'select'; options: readonly string[] }
  | {
      kind: 'number';
      min: number;
      max: number;
      unit: 'seconds' | 'minutes' | 'days' | 'count' | 'characters' | 'megabytes';
    }
  | { kind: 'switch' }
  | { kind: 'text'; maxLength: number; multiline?: boolean }
  | { kind: 'timeZone' }
  | { kind: 'companyLabel' }
  /** one text per language (`{en, fr}`), each may be empty */
  | { kind: 'localizedText'; maxLength: number };

export interface SettingDefinition<T = unknown> {
  key: string;
  group: SettingGroup;
  schema: z.ZodType<T>;
  /** null: a built-in value that depends on context (e.g. the offline message in the portal's language) */
  default: T | null;
  /** a company may set its own value, unless the account locks it */
  overridable: boolean;
  input: SettingInput;
  /** security settings: true when `a` is at least as strict as `b`; a company can only tighten */
  atLeastAsStrict?: (a: T, b: T) => boolean;
}

/** Typed where written, stored without its value type (the registry is a list of many types). */
function define<T>(d: SettingDefinition<T>): SettingDefinition {
  return d as unknown as SettingDefinition;
}

const int = (min: number, max: number) => z.number().int().min(min).max(max);

/**
 * STUN and TURN servers for remote sessions, one address per line (`stun:host:port`,
 * `turn:host:port?transport=udp`, `turns:host:port`). TURN credentials are issued per session from
 * the server's `TANDEM_TURN_SECRET` (the TURN REST scheme); none is ever stored here.
 */
const iceServerLinesSchema = z
  .string()
  .trim()
  .min(1)
  .max(2000)
  .refine(
    (text) =>
      text
        .split(/\r?\n/)
        .map((line) => line.trim())
        .filter(Boolean)
        .every((line) => /^(stun|turns?):[A-Za-z0-9.\-:[\]]+(\?transport=(udp|tcp))?$/.test(line)),
    { message: 'Each line is one stun:, turn: or turns: address (host:port).', params: coded('invalid_ice_server') },
  );

export const settingsRegistry: readonly SettingDefinition[] = [
  define({
    key: 'general.language',
    group: 'general',
    schema: z.enum(languages),
    default: 'en',
    overridable: true,
    input: { kind: 'select', options: languages },
  }),
  define({
    key: 'general.timeZone',
    group: 'general',
    schema: z
      .string()
      .max(64)
      .refine(isTimeZone, { message: 'Unknown time zone', params: coded('unknown_time_zone') }),
    default: 'UTC',
    overridable: true,
    input: { kind: 'timeZone' },
  }),
  define({
    key: 'general.companyLabel',
    group: 'general',
    schema: companyLabelSchema,
    default: null,
    overridable: false,
    input: { kind: 'companyLabel' },
  }),
  define({
    key: 'sessions.recording',
    group: 'sessions',
    schema: z.enum(['off', 'optional', 'always']),
    default: 'optional',
    overridable: true,
    input: { kind: 'select', options: ['off', 'optional', 'always'] },
  }),
  define({
    key: 'sessions.recordingRetentionDays',
    group: 'sessions',
    schema: int(1, 3650),
    default: 90,
    overridable: true,
    input: { kind: 'number', min: 1, max: 3650, unit: 'days' },
  }),
  define({
    key: 'sessions.maxPerTechnician',
    group: 'sessions',
    schema: int(1, 50),
    default: 5,
    overridable: false,
    input: { kind: 'number', min: 1, max: 50, unit: 'count' },
  }),
  define({
    key: 'sessions.iceServers',
    group: 'sessions',
    schema: iceServerLinesSchema,
    default: null,
    overridable: true,
    input: { kind: 'text', maxLength: 2000, multiline: true },
  }),
  define({
    key: 'sessions.relayOnly',
    group: 'sessions',
    schema: z.boolean(),
    default: false,
    overridable: true,
    input: { kind: 'switch' },
  }),
  define({
    key: 'sessions.fileTransferMaxMb',
    group: 'sessions',
    schema: int(1, 2048),
    default: 100,
    overridable: true,
    input: { kind: 'number', min: 1, max: 2048, unit: 'megabytes' },
  }),
  define({
    key: 'portal.waitTimeoutSeconds',
    group: 'portal',
    schema: int(15, 3600),
    default: 120,
    overridable: true,
    input: { kind: 'number', min: 15, max: 3600, unit: 'seconds' },
  }),
  define({
    key: 'portal.offlineMessage',
    group: 'portal',
    // per language; a language left empty shows the account language's text, both empty the built-in one
    schema: localizedTextSchema(1000).refine((t) => Object.values(t).some((text) => text !== ''), {
      message: 'Write the message in at least one language',
      params: coded('required'),
    }),
    default: null,
    overridable: true,
    input: { kind: 'localizedText', maxLength: 1000 },
  }),
  define({
    key: 'portal.allowAttachments',
    group: 'portal',
    schema: z.boolean(),
    default: false,
    overridable: true,
    input: { kind: 'switch' },
  }),
  define({
    // on by default: one optional question at the end of a chat costs the customer nothing and gives the
    // satisfaction report figures from the first day
    key: 'portal.satisfactionSurvey',
    group: 'portal',
    schema: z.boolean(),
    default: true,
    overridable: true,
    input: { kind: 'switch' },
  }),
  define({
    key: 'devices.offlineAfterMissedHeartbeats',
    group: 'devices',
    schema: int(1, 100),
    default: 3,
    overridable: true,
    input: { kind: 'number', min: 1, max: 100, unit: 'count' },
  }),
  define({
    key: 'devices.remoteConsent',
    group: 'devices',
    schema: z.enum(['allow', 'notify', 'ask']),
    default: 'notify',
    overridable: true,
    input: { kind: 'select', options: ['allow', 'notify', 'ask'] },
  }),
  define({
    key: 'devices.remoteConsentSeconds',
    group: 'devices',
    schema: int(5, 600),
    default: 30,
    overridable: true,
    input: { kind: 'number', min: 5, max: 600, unit: 'seconds' },
  }),
  define({
    key: 'security.requireTwoFactor',
    group: 'security',
    schema: z.boolean(),
    default: false,
    overridable: true,
    input: { kind: 'switch' },
    atLeastAsStrict: (a, b) => a || !b,
  }),
  define({
    // password sign-in refused but to break-glass administrators: single sign-on only
    key: 'security.ssoOnly',
    group: 'security',
    schema: z.boolean(),
    default: false,
    overridable: false,
    input: { kind: 'switch' },
    atLeastAsStrict: (a, b) => a || !b,
  }),
  define({
    key: 'security.sessionIdleMinutes',
    group: 'security',
    schema: int(5, 1440),
    default: 60,
    overridable: false,
    input: { kind: 'number', min: 5, max: 1440, unit: 'minutes' },
  }),
  define({
    key: 'security.passwordMinLength',
    group: 'security',
    schema: int(10, 128),
    default: 10,
    overridable: false,
    input: { kind: 'number', min: 10, max: 128, unit: 'characters' },
  }),
  define({
    key: 'notifications.senderName',
    group: 'notifications',
    schema: z.string().trim().min(1).max(80),
    default: 'Tandem',
    overridable: true,
    input: { kind: 'text', maxLength: 80 },
  }),
  define({
    // alerts that fire together within this time of the first become one message per rule, contact and method
    key: 'notifications.alertGroupSeconds',
    group: 'notifications',
    schema: int(30, 900),
    default: 120,
    overridable: false,
    input: { kind: 'number', min: 30, max: 900, unit: 'seconds' },
  }),
  define({
    // alert messages to one contact method per hour; beyond it they are held and summarised when the hour ends
    key: 'notifications.alertMessagesPerHour',
    group: 'notifications',
    schema: int(1, 1000),
    default: 10,
    overridable: false,
    input: { kind: 'number', min: 1, max: 1000, unit: 'count' },
  }),
];

/** The value type of each setting, by key. */
export interface SettingValues {
  'general.language': (typeof languages)[number];
  'general.timeZone': string;
  'general.companyLabel': z.infer<typeof companyLabelSchema> | null;
  'sessions.recording': 'off' | 'optional' | 'always';
  'sessions.recordingRetentionDays': number;
  'sessions.maxPerTechnician': number;
  'sessions.iceServers': string | null;
  'sessions.relayOnly': boolean;
  'sessions.fileTransferMaxMb': number;
  'portal.waitTimeoutSeconds': number;
  'portal.offlineMessage': LocalizedText | null;
  'portal.allowAttachments': boolean;
  'portal.satisfactionSurvey': boolean;
  'devices.offlineAfterMissedHeartbeats': number;
  'devices.remoteConsent': 'allow' | 'notify' | 'ask';
  'devices.remoteConsentSeconds': number;
  'security.requireTwoFactor': boolean;
  'security.ssoOnly': boolean;
  'security.sessionIdleMinutes': number;
  'security.passwordMinLength': number;
  'notifications.senderName': string;
  'notifications.alertGroupSeconds': number;
  'notifications.alertMessagesPerHour': number;
}
export type SettingKey = keyof SettingValues;
export const settingKeys = settingsRegistry.map((d) => d.key) as SettingKey[];

export function definitionOf(key: string): SettingDefinition | undefined {
  return settingsRegistry.find((d) => d.key === key);
}

export type SettingSource = 'default' | 'account' | 'company' | 'locked';

export interface StoredAccountSetting {
  value?: unknown;
  locked: boolean;
}

/**
 * The effective value of one setting for the account (`company` omitted) or for one of its
 * companies: code default → account value → company override. A lock makes the account's value
 * final for every company; for security settings a company value counts only where it is at least
 * as strict as what it would inherit.
 */
export function resolveSetting(
  definition: SettingDefinition,
  account: StoredAccountSetting | undefined,
  company?: { override: { value: unknown } | undefined },
): { value: unknown; source: SettingSource } {
  const inherited: { value: unknown; source: SettingSource } =
    account !== undefined && account.value !== undefined
      ? { value: account.value, source: 'account' }
      : { value: definition.default, source: 'default' };
  if (!company || !definition.overridable) return inherited;
  if (account?.locked) return { value: inherited.value, source: 'locked' };
  const override = company.override;
  if (!override) return inherited;
  if (
    definition.atLeastAsStrict &&
    inherited.value !== null &&
    !definition.atLeastAsStrict(override.value, inherited.value)
  )
    return inherited;
  return { value: override.value, source: 'company' };
}
