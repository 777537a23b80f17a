import type { Scenario } from '../lib/scenario.js';
import { signInScenario } from './p5-sign-in.js';
import { startupScenario } from './p8-startup.js';

/** Every scenario, in the order of the table. */
export const scenarios: Scenario[] = [signInScenario, startupScenario];
