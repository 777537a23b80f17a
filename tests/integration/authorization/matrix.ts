import type { MatrixRow } from './matrix-kit.js';
import { companyRows } from './rows/companies.js';
import { contactRows } from './rows/contacts.js';
import { deviceRows } from './rows/devices.js';
import { alertRows } from './rows/alerts.js';
import { foundationRows } from './rows/foundation.js';
import { liveRows } from './rows/live.js';
import { mailRows } from './rows/mail.js';
import { seatRows } from './rows/seats.js';
import { settingRows } from './rows/settings.js';
import { twoFactorRows } from './rows/two-factor.js';
import { passkeyRows } from './rows/passkeys.js';
import { userRows } from './rows/users.js';
import { portalPageRows } from './rows/portal-page.js';
import { portalRows } from './rows/portals.js';
import { supportRows } from './rows/support.js';
import { reportRows } from './rows/reports.js';
import { sessionRecordingRows } from './rows/session-recordings.js';
import { sessionRows } from './rows/sessions.js';
import { sessionPortalRows } from './rows/session-portal.js';
import { remoteTransportRows } from './rows/remote-transports.js';
import { deviceSessionRows } from './rows/device-sessions.js';
import { passwordResetRows } from './rows/password-reset.js';
import { chatEssentialRows } from './rows/chat-essentials.js';
import { dashboardRows } from './rows/dashboard.js';
import { deviceScriptRows } from './rows/device-scripts.js';
import { groupRuleRows } from './rows/group-rules.js';
import { scimRows } from './rows/scim.js';
import { ssoRows } from './rows/sso.js';

export type { MatrixRow, Target } from './matrix-kit.js';
export { pluginRequest } from './matrix-kit.js';

/** Every route's rows: each feature keeps its own in rows/<feature>.ts (one line each here). */
export const matrix: MatrixRow[] = [
  ...foundationRows,
  ...companyRows,
  ...userRows,
  ...seatRows,
  ...twoFactorRows,
  ...passkeyRows,
  ...mailRows,
  ...settingRows,
  ...liveRows,
  ...deviceRows,
  ...portalPageRows,
  ...contactRows,
  ...portalRows,
  ...supportRows,
  ...reportRows,
  ...alertRows,
  ...sessionRows,
  ...sessionRecordingRows,
  ...sessionPortalRows,
  ...remoteTransportRows,
  ...deviceSessionRows,
  ...passwordResetRows,
  ...chatEssentialRows,
  ...dashboardRows,
  ...deviceScriptRows,
  ...groupRuleRows,
  ...scimRows,
  ...ssoRows,
];
