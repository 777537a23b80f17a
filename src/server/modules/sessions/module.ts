import type { App, Deps } from '../../platform/http/types.js';
import { portalSessionRoutes } from './portal-routes.js';
import { recordingRoutes } from './recording-routes.js';
import { sessionRoutes } from './routes.js';
import type { SignalRelay } from './signal-relay.js';
import { startSessionSignalling } from './signalling.js';

/**
 * Remote-support sessions in one app: the console and portal routes, signalling, recordings. Answers
 * this process's signal relay, for the device sessions' agent sockets (the `remote` module).
 */
export async function sessionModuleRoutes(app: App, deps: Deps): Promise<{ signals: SignalRelay }> {
  const signalling = await startSessionSignalling(app, deps);
  app.addHook('preClose', async () => signalling.stop());
  await sessionRoutes(app, deps);
  await portalSessionRoutes(app, deps);
  await recordingRoutes(app, deps);
  return { signals: signalling.relay };
}
