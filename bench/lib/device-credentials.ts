import { sql } from 'drizzle-orm';
import { credentialHashOf } from '../../src/server/modules/devices/index.js';
import type { Db } from '../../src/server/platform/db/pool.js';

/**
 * Every device of the account gets a credential known to the bench (`tdc_bench-<id>`, only its
 * hash stored, as enrolment leaves it) and is online as its first heartbeat left it: what a
 * heartbeat load then measures is the steady heartbeat of a running fleet, not the offline →
 * online change (a transaction, an event) a fifth of the seeded devices would make. With
 * `seenNow`, their last heartbeat is now. Returns the device ids (in order) and their credentials.
 */
export async function fleetCredentials(
  db: Db,
  accountId: string,
  { seenNow = false }: { seenNow?: boolean } = {},
): Promise<{ ids: string[]; credentials: string[] }> {
  const ids = (
    await db.execute<{ id: string }>(sql`select id from devices where account_id = ${accountId} order by id`)
  ).rows.map((r) => r.id);
  const credentials = ids.map((id) => `tdc_bench-${id}`);
  const seen = seenNow ? sql`, last_seen_at = now()` : sql``;
  for (let i = 0; i < ids.length; i += 1000) {
    const values = sql.join(
      ids.slice(i, i + 1000).map((id) => sql`(${id}::uuid, ${credentialHashOf(`tdc_bench-${id}`)})`),
      sql`, `,
    );
    await db.execute(
      sql`update devices d set credential_hash = v.h, status = 'online'${seen} from (values ${values}) as v(id, h) where d.id = v.id`,
    );
  }
  return { ids, credentials };
}
