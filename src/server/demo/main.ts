import { runTandem } from '../start.js';
import { seedDemo } from './seed.js';

// the demo keeps its own data folder, apart from a real installation's ./data
process.env.TANDEM_DATA_DIR ??= './data-demo';

runTandem({ seed: (database, _config, log) => seedDemo(database, log) });
