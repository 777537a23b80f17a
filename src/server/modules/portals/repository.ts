import { and, eq, sql } from 'drizzle-orm';
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

function flatten(row: { portal: PortalRow; companyName: string; color: string | null; logoSha256: string | null } | undefined): PortalWithCompany | null {
  return row ? { ...row.portal, companyName: row.companyName, color: row.color, logoSha256: row.logoSha256 } : null;
}

export async function findPortalOfCompany(db: Queryable, accountId: string, companyId: string, { forUpdate = false } = {}): Promise<PortalWithCompany | null> {
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

export async function updatePortal(db: Queryable, accountId: string, id: string, patch: Partial<Pick<PortalRow, 'enabled' | 'slug' | 'title' | 'welcome' | 'language' | 'fields' | 'businessHours'>>): Promise<void> {
  await db
    .update(portals)
    .set({ ...patch, updatedAt: sql`now()` })
    .where(and(eq(portals.accountId, accountId), eq(portals.id, id)));
}

export async function findLogoBytes(db: Queryable, companyId: string) {
  const [row] = await db.select({ contentType: companyLogos.contentType, bytes: companyLogos.bytes, sha256: companyLogos.sha256 }).from(companyLogos).where(eq(companyLogos.companyId, companyId)).limit(1);
  return row ?? null;
}
