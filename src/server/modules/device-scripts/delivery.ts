import { randomBytes } from 'node:crypto';
import { scriptGrantLifetimeSeconds, scriptGrantPayloadSchema } from '../../../shared/remote/script-grant.js';
import type { Db } from '../../platform/db/pool.js';
import { signForAgent, type AgentAccess, type AgentLink, type GrantDeps } from '../remote/index.js';
import * as repo from './repository.js';

/** A part's script grant (src/shared/remote/script-grant.ts), signed now for its device's agent. */
async function grantOf(deps: GrantDeps, part: repo.Deliverable, now: Date): Promise<string> {
  const iat = Math.floor(now.getTime() / 1000);
  return signForAgent(
    deps,
    scriptGrantPayloadSchema.parse({
      v: 1,
      purpose: 'script',
      resultId: part.resultId,
      runId: part.runId,
      deviceId: part.deviceId,
      accountId: part.accountId,
      shell: part.shell,
      timeoutSeconds: part.timeoutSeconds,
      bodySha256: part.bodySha256,
      iat,
      exp: iat + scriptGrantLifetimeSeconds,
      nonce: randomBytes(24).toString('base64url'),
    }),
  );
}

/**
 * Marks the parts sent, then sends each its grant on its device's socket (held by this process).
 * Marked first, so the agents' takes that follow at once never wait on this update's row locks; a
 * grant the socket could not carry leaves its part `sent`, which the device's next hello sends again.
 */
async function send(deps: GrantDeps, parts: readonly { part: repo.Deliverable; link: AgentLink }[]): Promise<void> {
  const now = new Date();
  await repo.markSent(
    deps.db,
    parts.map((p) => p.part.resultId),
    now,
  );
  for (const { part, link } of parts) link.send({ type: 'script.run', grant: await grantOf(deps, part, now) });
}

/**
 * Script runs reach agents through the control sockets of this process: a new run (NOTIFY
 * `channels.scriptRuns`, from whichever process made it) sends their part to the devices whose socket
 * is here; a socket's hello sends its device the parts still waiting for it (queued, or sent to a
 * socket that went away before the agent took them) within their run's wait.
 */
export function deliverRuns(deps: GrantDeps & { db: Db }, agents: AgentAccess) {
  return {
    async runMade(runId: string): Promise<void> {
      const parts = await repo.queuedOfRun(deps.db, runId);
      const here = parts.flatMap((part) => {
        const link = agents.linkOf(part.deviceId);
        return link ? [{ part, link }] : [];
      });
      await send(deps, here);
    },
    async agentHello(link: AgentLink): Promise<void> {
      const parts = await repo.pendingOfDevice(deps.db, link.deviceId);
      await send(
        deps,
        parts.map((part) => ({ part, link })),
      );
    },
  };
}
