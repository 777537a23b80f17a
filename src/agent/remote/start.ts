import path from 'node:path';
import type { StoredCredential } from '../credential-store.js';
import { agentVersion } from '../version.js';
import { systemScreens } from './capture.js';
import { systemClipboard } from './clipboard.js';
import { ScriptRunner } from '../scripts/script-runner.js';
import { DeviceSession } from './device-session.js';
import { robotInput } from './input.js';
import type { AgentLanguage } from './messages.js';
import { reboot } from './reboot.js';
import { RemoteAgent } from './remote-agent.js';
import { SessionLog } from './session-log.js';

export interface RemoteAccessOptions {
  stored: StoredCredential;
  credentialFile: string;
  /** the agent's data folder: sessions.log, and `transfers/` unless filesDir says otherwise */
  dataDir: string;
  filesDir?: string;
  language: AgentLanguage;
  /** false: relay only, no WebRTC peer connection */
  webrtc: boolean;
  log: (line: string) => void;
}

/** Remote access with the device's real screen, input, clipboard, files and restart. */
export function remoteAccess(options: RemoteAccessOptions): RemoteAgent {
  const sessionLog = new SessionLog(path.join(options.dataDir, 'sessions.log'));
  const filesDir = options.filesDir ?? path.join(options.dataDir, 'transfers');
  return new RemoteAgent({
    stored: options.stored,
    file: options.credentialFile,
    log: options.log,
    language: options.language,
    sessionLog,
    scripts: (verifier) =>
      new ScriptRunner(
        {
          server: options.stored.server,
          credential: options.stored.credential,
          deviceId: options.stored.deviceId,
          log: options.log,
        },
        verifier,
      ),
    startSession: (start) =>
      new DeviceSession(start, {
        server: options.stored.server,
        credential: options.stored.credential,
        log: options.log,
        sessionLog,
        filesDir,
        platform: process.platform,
        agentVersion,
        screens: systemScreens,
        input: robotInput,
        clipboard: systemClipboard(),
        webrtc: options.webrtc ? () => import('node-datachannel') : null,
        reboot: () => reboot(),
      }),
  });
}
