import type { ConsentMode } from '../../../shared/remote/grant.js';
import type { RecordingPolicy } from '../../../shared/contracts/sessions.js';
import type { Queryable } from '../../platform/db/pool.js';
import { loadSettings } from '../settings/index.js';

/** What a company's settings say of remote access to its devices, as resolved now. */
export interface RemotePolicy {
  consent: { mode: ConsentMode; seconds: number };
  fileMaxBytes: number;
  recording: RecordingPolicy;
}

export async function remotePolicyOf(db: Queryable, accountId: string, companyId: string): Promise<RemotePolicy> {
  const settings = await loadSettings(db, accountId, [companyId]);
  return {
    consent: {
      mode: settings.get('devices.remoteConsent', companyId),
      seconds: settings.get('devices.remoteConsentSeconds', companyId),
    },
    fileMaxBytes: settings.get('sessions.fileTransferMaxMb', companyId) * 1024 * 1024,
    recording: settings.get('sessions.recording', companyId),
  };
}
