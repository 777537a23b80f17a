import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { Queryable } from '../../platform/db/pool.js';
import { companies, companyLogos } from '../companies/tables.js';
import { portals } from './tables.js';

export type PortalRow = typeof portals.$inferSelect;

/** A portal with its company's name and branding, as both the console and customers see it. */
export type PortalWithCompany = PortalRow & { companyName: string; color: string | null; logoSha256: string | null };

const withCompany = {
  portal: portals,
  companyName: companies.name,
  color: companies.color,
  logoSha256: companyLogos.sha256,
};

function flatten(
  row: { portal: PortalRow; companyName: string; color: string | null; logoSha256: string | null } | undefined,
): PortalWithCompany | null {
  return row ? { ...row.portal, companyName: row.companyName, color: row.color, logoSha256: row.logoSha256 } : null;
}

export async function findPortalOfCompany(
  db: Queryable,
  accountId: string,
  companyId: string,
  { forUpdate = false } = {},
): Promise<PortalWithCompany | null> {
  const query = db
    .select(withCompany)
    .from(portals)
    .innerJoin(companies, eq(companies.id, portals.companyId))
    .leftJoin(companyLogos, eq(companyLogos.companyId, portals.companyId))
    .where(and(eq(portals.accountId, accountId), eq(portals.companyId, companyId)))
    .limit(1);
  const [row] = forUpdate ? await query.for('update', { of: portals }) : await query;
  return flatten(row);
}

/** The portal at a public address, whatever its account (the address is global). */
export async function findPortalBySlug(db: Queryable, slug: string): Promise<PortalWithCompany | null> {
  const [row] = await db
    .select(withCompany)
    .from(portals)
    .innerJoin(companies, eq(companies.id, portals.companyId))
    .leftJoin(companyLogos, eq(companyLogos.companyId, portals.companyId))
    .where(sql`lower(${portals.slug}) = ${slug.toLowerCase()}`)
    .limit(1);
  return flatten(row);
}

export async function updatePortal(
  db: Queryable,
  accountId: string,
  id: string,
  patch: Partial<Pick<PortalRow, 'enabled' | 'slug' | 'title' | 'welcome' | 'language' | 'fields' | 'businessHours'>>,
): Promise<void> {
  await db
    .update(portals)
    .set({ ...patch, updatedAt: sql`now()` })
    .where(and(eq(portals.accountId, accountId), eq(portals.id, id)));
}

export async function findLogoBytes(db: Queryable, companyId: string) {
  const [row] = await db
    .select({ contentType: companyLogos.contentType, bytes: companyLogos.bytes, sha256: companyLogos.sha256 })
    .from(companyLogos)
    .where(eq(companyLogos.companyId, companyId))
    .limit(1);
  return row ?? null;
}

export interface PortalListRow {
  companyId: string;
  companyName: string;
  nameKey: string;
  color: string | null;
  enabled: boolean;
  slug: string;
  title: string;
}

const likeEscaped = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * Portals of an account's companies (`visible`: the actor's companies, null for all), by the
 * company's name then id, after a keyset position; one query.
 */
export async function listPortals(
  db: Queryable,
  filter: { accountId: string; visible: readonly string[] | null; q?: string },
  limit: number,
  after: [string, string] | null,
): Promise<PortalListRow[]> {
  if (filter.visible !== null && filter.visible.length === 0) return [];
  const conditions: SQL[] = [sql`p.account_id = ${filter.accountId}`];
  if (filter.visible !== null)
    conditions.push(
      sql`p.company_id in (${sql.join(
        filter.visible.map((id) => sql`${id}::uuid`),
        sql`, `,
      )})`,
    );
  if (filter.q) conditions.push(sql`c.name ilike ${likeEscaped(filter.q)}`);
  if (after) conditions.push(sql`(lower(c.name), c.id) > (${after[0]}::text, ${after[1]}::uuid)`);
  const result = await db.execute<{
    company_id: string;
    company_name: string;
    name_key: string;
    color: string | null;
    enabled: boolean;
    slug: string;
    title: string;
  }>(sql`
    select p.company_id, c.name as company_name, lower(c.name) as name_key, c.color, p.enabled, p.slug, p.title
    from ${portals} p join ${companies} c on c.id = p.company_id and c.account_id = p.account_id
    where ${sql.join(conditions, sql` and `)}
    order by lower(c.name), c.id
    limit ${limit}`);
  return result.rows.map((r) => ({
    companyId: r.company_id,
    companyName: r.company_name,
    nameKey: r.name_key,
    color: r.color,
    enabled: r.enabled,
    slug: r.slug,
    title: r.title,
  }));
}
