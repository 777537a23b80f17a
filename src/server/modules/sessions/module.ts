import type { App, Deps } from '../../platform/http/types.js';
import { portalSessionRoutes } from './portal-routes.js';
import { recordingRoutes } from './recording-routes.js';
import { sessionRoutes } from './routes.js';
import { startSessionSignalling } from './signalling.js';

/** Remote-support sessions in one app: the console and portal routes, signalling, recordings. */
export async function sessionModuleRoutes(app: App, deps: Deps): Promise<void> {
  const signalling = await startSessionSignalling(app, deps);
  app.addHook('preClose', async () => signalling.stop());
  await sessionRoutes(app, deps);
  await portalSessionRoutes(app, deps);
  await recordingRoutes(app, deps);
}
