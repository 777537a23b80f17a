import type { Queryable } from '../../platform/db/pool.js';
import { GroupWriter } from '../../platform/db/group-writer.js';
import { touchOnlineDevice, touchOnlineDevices } from './repository.js';

/** Writes a credential's heartbeat; answers whether its device was online and is now seen again. */
export type HeartbeatWriter = GroupWriter<string, boolean>;

/**
 * The heartbeats of devices already online (nearly all of them), written together: one UPDATE and
 * one commit for every heartbeat that arrived while the previous write was under way (false: the
 * device was not online, the caller takes the transition path).
 */
export function heartbeatWriter(db: Queryable): HeartbeatWriter {
  return new GroupWriter<string, boolean>({
    many: async (hashes) => {
      const touched = await touchOnlineDevices(db, hashes);
      return hashes.map((hash) => touched.has(hash));
    },
    one: (hash) => touchOnlineDevice(db, hash),
    key: (hash) => hash,
  });
}
