import { sql } from 'drizzle-orm';
import type { Queryable } from '../../platform/db/pool.js';
import { devices } from '../devices/tables.js';
import { deviceStatusSamples } from './tables.js';

/**
 * Writes the slot's sample of every company with devices, in every account: one statement, one
 * pass over `devices` grouped by company. A slot already sampled (by this process or another) is
 * not read again, and the key keeps a race to one row per company. Returns the rows written.
 */
export async function writeSamples(db: Queryable, slot: Date): Promise<number> {
  const at = slot.toISOString();
  const result = await db.execute(sql`
    insert into ${deviceStatusSamples} (account_id, company_id, at, online, offline)
    select d.account_id, d.company_id, ${at}::timestamptz,
      count(*) filter (where d.status = 'online'), count(*) filter (where d.status = 'offline')
    from ${devices} d
    where not exists (select 1 from ${deviceStatusSamples} s where s.at = ${at}::timestamptz)
    group by d.account_id, d.company_id
    on conflict do nothing`);
  return result.rowCount ?? 0;
}

/** Deletes the samples older than `before` (through `device_status_samples_at_idx`); returns how many. */
export async function pruneSamples(db: Queryable, before: Date): Promise<number> {
  const result = await db.execute(
    sql`delete from ${deviceStatusSamples} where at < ${before.toISOString()}::timestamptz`,
  );
  return result.rowCount ?? 0;
}
