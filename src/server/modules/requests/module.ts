import type { App, Deps } from '../../platform/http/types.js';
import { trackPresence } from '../presence/index.js';
import { SupportFanout } from './fanout.js';
import { registerSupportFrames } from './live-frames.js';
import { portalRequestRoutes } from './portal-routes.js';
import { supportRequestRoutes } from './routes.js';
import { satisfactionRoutes } from './satisfaction-routes.js';

/** Support requests in one app: the console and portal routes, the chat fan-out, presence on the live socket. */
export async function supportRoutes(app: App, deps: Deps): Promise<SupportFanout> {
  const db = deps.database.db;
  const fanout = new SupportFanout(db, deps.live, app.log);
  await fanout.start(deps.hub);
  app.addHook('preClose', async () => fanout.stop());
  registerSupportFrames(deps.live, db, fanout);
  trackPresence(deps.live, db, app.log);
  await supportRequestRoutes(app, deps);
  await portalRequestRoutes(app, deps, fanout);
  await satisfactionRoutes(app, deps);
  return fanout;
}
