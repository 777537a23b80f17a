import { sql } from 'drizzle-orm';
import type { Queryable } from '../../platform/db/pool.js';
import { companies } from '../companies/tables.js';
import { devices } from './tables.js';

/**
 * Inserts `count` plausible devices spread over the account's companies in one set-based
 * statement (generate_series): names PC-000001…, three OS families, addresses 10.x.y.z,
 * a fifth offline, a tenth tagged `kiosk`. For benchmarks, tests and demos of scale; the
 * devices have no credential (no agent behind them).
 */
export async function seedDevices(
  db: Queryable,
  accountId: string,
  count: number,
  { prefix = 'PC' } = {},
): Promise<number> {
  const result = await db.execute(sql`
    with c as (select array_agg(id order by created_at, id) as ids from ${companies} where account_id = ${accountId})
    insert into ${devices} (account_id, company_id, name, hostname, platform, os, os_version, ip_addresses, agent_version,
      status, tags, search_text, enrolled_at, last_seen_at, inventory_at, hardware)
    select ${accountId}, c.ids[1 + g % array_length(c.ids, 1)], n.name, n.hostname, p.platform, p.os, p.version,
      array[n.ip], '1.0.0', case when g % 5 = 0 then 'offline' else 'online' end,
      case when g % 10 = 0 then array['kiosk'] else '{}'::text[] end,
      lower(n.name || ' ' || n.hostname || ' ' || n.ip),
      now() - make_interval(secs => g * 7), now() - make_interval(secs => g % 900), now(),
      jsonb_build_object('cpu', jsonb_build_object('model', 'Seeded CPU', 'cores', 2 + g % 15), 'memory', jsonb_build_object('totalBytes', (4 + g % 60)::bigint * 1073741824), 'disks', '[]'::jsonb, 'uptimeSeconds', g % 864000)
    from c, generate_series(1, ${count}::int) g
    cross join lateral (select
      ${prefix} || '-' || lpad(g::text, 6, '0') as name,
      lower(${prefix}) || '-' || g || '.example.lan' as hostname,
      '10.' || (g / 65536) % 256 || '.' || (g / 256) % 256 || '.' || g % 256 as ip) n
    cross join lateral (select
      (array['windows', 'macos', 'linux'])[1 + g % 3] as platform,
      (array['Windows 11 Pro', 'macOS', 'Ubuntu'])[1 + g % 3] as os,
      (array['23H2', '14.5', '24.04'])[1 + g % 3] as version) p`);
  // statistics and the visibility map: plans and index-only counts as a settled table has them
  await db.execute(sql`vacuum (analyze) ${devices}`);
  return result.rowCount ?? 0;
}
