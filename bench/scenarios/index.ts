import type { Scenario } from '../lib/scenario.js';
import { chatScenario } from './p3-chat.js';
import { deviceListScenario } from './p1-device-list.js';
import { notificationScenario } from './p4-notifications.js';
import { signInScenario } from './p5-sign-in.js';
import { reconnectScenario } from './p6-reconnect.js';
import { heartbeatScenario } from './p7-heartbeats.js';
import { startupScenario } from './p8-startup.js';
import { sessionsScenario } from './sessions-first-frame.js';
import { recordingUploadScenario } from './sessions-recording-upload.js';
import { sessionsCpuScenario } from './sessions-cpu.js';
import { deviceSessionsScenario } from './device-sessions.js';
import { alertStormScenario } from './p17-alert-storm.js';
import { consolePagesScenario } from './console-pages.js';
import { scriptFanOutScenario } from './p18-script-fan-out.js';
import { ssoSignInScenario } from './p19-sso-sign-in.js';
import { scimPageScenario } from './p20-scim-page.js';
import { wholeMspScenario } from './p9-whole-msp.js';
import { processesScenario } from './p10-processes.js';

/** Every scenario, in the order of the table. */
export const scenarios: Scenario[] = [
  deviceListScenario,
  chatScenario,
  notificationScenario,
  signInScenario,
  reconnectScenario,
  heartbeatScenario,
  startupScenario,
  sessionsScenario,
  recordingUploadScenario,
  sessionsCpuScenario,
  deviceSessionsScenario,
  alertStormScenario,
  consolePagesScenario,
  scriptFanOutScenario,
  scimPageScenario,
  ssoSignInScenario,
  wholeMspScenario,
  processesScenario,
];
