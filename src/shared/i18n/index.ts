/**
 * Every person-facing string, in English and French. Each feature keeps its strings in its own
 * pair of files (`<feature>.en.json`, `<feature>.fr.json`) whose top-level keys are its own;
 * this file merges them. The console, the e-mails and the tests all read `translations`.
 */
import en from './en.json' with { type: 'json' };
import fr from './fr.json' with { type: 'json' };
import companiesEn from './companies.en.json' with { type: 'json' };
import companiesFr from './companies.fr.json' with { type: 'json' };
import usersEn from './users.en.json' with { type: 'json' };
import usersFr from './users.fr.json' with { type: 'json' };
import seatsEn from './seats.en.json' with { type: 'json' };
import seatsFr from './seats.fr.json' with { type: 'json' };
import twoFactorEn from './twoFactor.en.json' with { type: 'json' };
import twoFactorFr from './twoFactor.fr.json' with { type: 'json' };
import mailEn from './mail.en.json' with { type: 'json' };
import mailFr from './mail.fr.json' with { type: 'json' };
import settingsEn from './settings.en.json' with { type: 'json' };
import settingsFr from './settings.fr.json' with { type: 'json' };
import portalCustomerEn from './portal-customer.en.json' with { type: 'json' };
import portalCustomerFr from './portal-customer.fr.json' with { type: 'json' };
import requestsEn from './requests.en.json' with { type: 'json' };
import requestsFr from './requests.fr.json' with { type: 'json' };
import portalsEn from './portals.en.json' with { type: 'json' };
import portalsFr from './portals.fr.json' with { type: 'json' };
import contactsEn from './contacts.en.json' with { type: 'json' };
import contactsFr from './contacts.fr.json' with { type: 'json' };
import supportEn from './support.en.json' with { type: 'json' };
import supportFr from './support.fr.json' with { type: 'json' };
import devicesEn from './devices.en.json' with { type: 'json' };
import devicesFr from './devices.fr.json' with { type: 'json' };
import reportsEn from './reports.en.json' with { type: 'json' };
import reportsFr from './reports.fr.json' with { type: 'json' };
import alertsEn from './alerts.en.json' with { type: 'json' };
import alertsFr from './alerts.fr.json' with { type: 'json' };
import validationEn from './validation.en.json' with { type: 'json' };
import validationFr from './validation.fr.json' with { type: 'json' };
import sessionsEn from './sessions.en.json' with { type: 'json' };
import sessionsFr from './sessions.fr.json' with { type: 'json' };
import remoteEn from './remote.en.json' with { type: 'json' };
import remoteFr from './remote.fr.json' with { type: 'json' };
import passwordResetEn from './passwordReset.en.json' with { type: 'json' };
import passwordResetFr from './passwordReset.fr.json' with { type: 'json' };
import auditEn from './audit.en.json' with { type: 'json' };
import auditFr from './audit.fr.json' with { type: 'json' };
import dashboardEn from './dashboard.en.json' with { type: 'json' };
import dashboardFr from './dashboard.fr.json' with { type: 'json' };
import scriptsEn from './scripts.en.json' with { type: 'json' };
import scriptsFr from './scripts.fr.json' with { type: 'json' };
import identityEn from './identity.en.json' with { type: 'json' };
import identityFr from './identity.fr.json' with { type: 'json' };
import ssoEn from './sso.en.json' with { type: 'json' };
import ssoFr from './sso.fr.json' with { type: 'json' };
import passkeysEn from './passkeys.en.json' with { type: 'json' };
import passkeysFr from './passkeys.fr.json' with { type: 'json' };
import scimEn from './scim.en.json' with { type: 'json' };
import scimFr from './scim.fr.json' with { type: 'json' };
import groupMappingEn from './groupMapping.en.json' with { type: 'json' };
import groupMappingFr from './groupMapping.fr.json' with { type: 'json' };

export const translations = {
  en: {
    ...en,
    ...companiesEn,
    ...usersEn,
    ...seatsEn,
    ...twoFactorEn,
    ...mailEn,
    ...settingsEn,
    ...portalCustomerEn,
    ...requestsEn,
    ...portalsEn,
    ...contactsEn,
    ...supportEn,
    ...devicesEn,
    ...reportsEn,
    ...alertsEn,
    ...validationEn,
    ...sessionsEn,
    ...remoteEn,
    ...passwordResetEn,
    ...auditEn,
    ...dashboardEn,
    ...scriptsEn,
    ...identityEn,
    ...ssoEn,
    ...passkeysEn,
    ...scimEn,
    ...groupMappingEn,
  },
  fr: {
    ...fr,
    ...companiesFr,
    ...usersFr,
    ...seatsFr,
    ...twoFactorFr,
    ...mailFr,
    ...settingsFr,
    ...portalCustomerFr,
    ...requestsFr,
    ...portalsFr,
    ...contactsFr,
    ...supportFr,
    ...devicesFr,
    ...reportsFr,
    ...alertsFr,
    ...validationFr,
    ...sessionsFr,
    ...remoteFr,
    ...passwordResetFr,
    ...auditFr,
    ...dashboardFr,
    ...scriptsFr,
    ...identityFr,
    ...ssoFr,
    ...passkeysFr,
    ...scimFr,
    ...groupMappingFr,
  },
};

export type Translation = (typeof translations)['en'];
