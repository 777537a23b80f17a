import { backoffDelay } from '../shared/backoff.js';
import type { AgentInventory } from '../shared/contracts/devices.js';
import { heartbeat, Refused, reportInventory } from './client.js';
import type { StoredCredential } from './credential-store.js';
import { collectInventory, inventoryFingerprint } from './inventory.js';
import { sleep } from './sleep.js';

export interface RunOptions {
  stored: StoredCredential;
  log: (line: string) => void;
  signal: AbortSignal;
  collect?: () => Promise<AgentInventory>;
  /** how often the inventory is read again to see whether it changed */
  inventoryCheckMs?: number;
}

/**
 * The agent's loop: the inventory at start and whenever it changes, a heartbeat at the interval
 * the server tells. When the server is away it retries with capped exponential backoff and
 * jitter, never faster. A revoked credential (401) ends the loop with an error.
 */
export async function runAgent({
  stored,
  log,
  signal,
  collect = collectInventory,
  inventoryCheckMs = 5 * 60_000,
}: RunOptions): Promise<void> {
  let intervalSeconds = 30;
  let failures = 0;
  let sentFingerprint: string | null = null;
  let refusedFingerprint: string | null = null;
  let checkedAt = 0;
  while (!signal.aborted) {
    try {
      let sentInventory = false;
      if (sentFingerprint === null || Date.now() - checkedAt >= inventoryCheckMs) {
        checkedAt = Date.now();
        const inventory = await collect();
        const fingerprint = inventoryFingerprint(inventory);
        if (fingerprint !== sentFingerprint && fingerprint !== refusedFingerprint) {
          try {
            intervalSeconds = (await reportInventory(stored.server, stored.credential, inventory)).heartbeatSeconds;
            sentFingerprint = fingerprint;
            sentInventory = true;
            log('inventory sent');
          } catch (error) {
            if (!(error instanceof Refused) || error.status === 401) throw error;
            // the server will not take this report: say so once, keep the heartbeats going
            refusedFingerprint = fingerprint;
            log(`inventory refused: ${error.message}`);
          }
        }
      }
      if (!sentInventory) intervalSeconds = (await heartbeat(stored.server, stored.credential)).heartbeatSeconds;
      if (failures > 0) log(`connected to ${stored.server} again`);
      failures = 0;
      await sleep(intervalSeconds * 1000, signal);
    } catch (error) {
      if (error instanceof Refused && error.status === 401) throw error;
      const delay = backoffDelay(failures, {
        baseMs: 1000,
        capMs: Math.max(60_000, intervalSeconds * 1000),
        jitter: 'full',
      });
      failures += 1;
      log(`${(error as Error).message}; retrying in ${(delay / 1000).toFixed(1)} s`);
      await sleep(delay, signal);
    }
  }
}
