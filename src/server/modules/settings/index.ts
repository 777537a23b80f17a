/**
 * The settings module: account values and locks, company overrides, `loadSettings`/`settingsFor` (the one
 * resolver, cached per request), password and two-factor policies
 *
 * Its public surface: other code imports this module only from here (or its tables.ts).
 */
export { assertPasswordPolicy } from './password-policy.js';
export { loadStoredSettings, upsertAccountSetting } from './repository.js';
export { loadSettings, settingsFor } from './resolver.js';
export type { ResolvedSettings } from './resolver.js';
export { settingRoutes } from './routes.js';
export { senderNamesFrom } from './sender-names.js';
export { companyTimeZone } from './company-time-zone.js';
export { twoFactorRequiredFor } from './two-factor-policy.js';
