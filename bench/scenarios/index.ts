import type { Scenario } from '../lib/scenario.js';
import { deviceListScenario } from './p1-device-list.js';
import { signInScenario } from './p5-sign-in.js';
import { heartbeatScenario } from './p7-heartbeats.js';
import { startupScenario } from './p8-startup.js';

/** Every scenario, in the order of the table. */
export const scenarios: Scenario[] = [deviceListScenario, signInScenario, heartbeatScenario, startupScenario];
