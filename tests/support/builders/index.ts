// Test builders: one named way to make each entity a test needs, through the module's own
// repository or service. Each test file builds its own account.
export {
  accountNameOf,
  aCompany,
  adminActor,
  dataKeyOf,
  renameCompany,
  anAccount,
  anAccountSetting,
  removeAccountSetting,
  withLicence,
} from './accounts.js';
export type { CompanyIds, TestAccount } from './accounts.js';
export { ageAlertCursor, alertCursorState, anAlertRule } from './alerts.js';
export { auditActionsOf, auditRowsOf, auditRowsOfAccount, manyAuditEvents } from './audit.js';
export { aContact, methodRow, verifyMethodsOf } from './contacts.js';
export { eventsAbout, eventsOfAccount, eventTypesAbout } from './events.js';
export type { MethodOptions } from './contacts.js';
export {
  aDevice,
  allDevicesStatus,
  deviceHeaders,
  deviceRow,
  deviceStatus,
  lastSeen,
  sampleInventory,
  statusHistoryOf,
} from './devices.js';
export type { DeviceOptions } from './devices.js';
export { anOutboxMessage, outboxMessageState, outboxRow, outboxRowsOfAccount, outboxRowsTo } from './outbox.js';
export { graceEnded, nobodyOnline, onlineUntilOf } from './presence.js';
export { aReportSchedule, pauseSchedule, runsOfSchedules, scheduleDueAt } from './reports.js';
export {
  aSupportRequest,
  closeActiveRequestsOf,
  messagesOf,
  portalOf,
  requestRow,
  requestsOfCompany,
  requestsWithIds,
  shiftRequestTimes,
  waitedBeforeAccept,
} from './requests.js';
export { captured, countOf, first, nth, only } from './rows.js';
export {
  aCodeFailure,
  aSession,
  aSessionSignal,
  aSessionWatcher,
  aSupportSession,
  codeFailuresOf,
  customerOpened,
  endOpenSessionsOf,
  expireSessions,
  idleSince,
  sessionSignalIdsOf,
  sessionsOf,
  supportSessionRow,
  timelineTypesOf,
} from './sessions.js';
export { aKnownSignIn, aThrottleCounter, knownSignInsOf, throttleCounters, throttleWindowsPassed } from './sign-in.js';
export { anApiToken, expireToken, tokensOf } from './tokens.js';
export { passkeysOf } from './passkeys.js';
export { aPlainTotpSecret, recoveryCodesOf, storedTotpSecret, totpRowsOf, totpUsedStepsAgo } from './two-factor.js';
export {
  aSeat,
  anInvitation,
  aUser,
  changeUser,
  expireInvitationsOf,
  invitationsOf,
  testPassword,
  uniqueEmail,
  userRow,
  userRowOrNone,
  usersStoredWithEmail,
  withCompanyFilter,
} from './users.js';
export type { TestUser, UserOptions } from './users.js';
export { buildWorld, everyone } from './world.js';
export type { Who, World } from './world.js';
export { slugOf } from './portals.js';
