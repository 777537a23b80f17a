import { runTandem } from './start.js';

runTandem();
