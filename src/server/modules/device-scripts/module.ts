import { channels } from '../../platform/realtime/channels.js';
import type { App, Deps } from '../../platform/http/types.js';
import type { AgentAccess } from '../remote/index.js';
import { deliverRuns } from './delivery.js';
import { deviceScriptRoutes } from './routes.js';

/** Saved scripts in one app: the routes, and delivery through this process's agents' control sockets. */
export async function deviceScriptModuleRoutes(app: App, deps: Deps, agents: AgentAccess): Promise<void> {
  const { db } = deps.database;
  const delivery = deliverRuns({ db, secrets: deps.secrets }, agents);
  const warn = (err: unknown) => app.log.warn({ err }, 'script runs: a part was not sent');
  const stop = await deps.hub.subscribe(channels.scriptRuns, ({ runId }) => {
    void delivery.runMade(runId).catch(warn);
  });
  agents.onHello((link) => delivery.agentHello(link).catch(warn));
  app.addHook('preClose', async () => stop());
  await deviceScriptRoutes(app, deps);
}
