import { asc, and, count, eq, gt } from 'drizzle-orm';
import { oneRow } from '../../platform/db/one-row.js';
import type { Queryable } from '../../platform/db/pool.js';
import { apiTokens } from '../../modules/api-tokens/tables.js';
import { auditEvents } from '../../modules/audit/tables.js';
import { sessions } from '../../modules/auth/tables.js';
import { companies } from '../../modules/companies/tables.js';
import { userCompanies, users } from '../../modules/users/tables.js';

/** What the command-line operations read that no module's surface offers: an account's export, a user's sessions counted. */

/** Audit events are read and written this many at a time: memory stays flat however long the log. */
export const auditBatchSize = 1_000;

export function selectCompanies(tx: Queryable, accountId: string) {
  return tx
    .select({ id: companies.id, name: companies.name, createdAt: companies.createdAt })
    .from(companies)
    .where(eq(companies.accountId, accountId))
    .orderBy(asc(companies.createdAt), asc(companies.id));
}

/** Users with their explicit company access; the columns are listed so the password hash is never read. */
export async function selectUsers(tx: Queryable, accountId: string) {
  const rows = await tx
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      role: users.role,
      status: users.status,
      language: users.language,
      timeZone: users.timeZone,
      allCompanies: users.allCompanies,
      createdAt: users.createdAt,
      updatedAt: users.updatedAt,
    })
    .from(users)
    .where(eq(users.accountId, accountId))
    .orderBy(asc(users.createdAt), asc(users.id));
  const access = await tx
    .select({ userId: userCompanies.userId, companyId: userCompanies.companyId })
    .from(userCompanies)
    .where(eq(userCompanies.accountId, accountId))
    .orderBy(asc(userCompanies.userId), asc(userCompanies.companyId));
  const byUser = new Map<string, string[]>();
  for (const a of access) byUser.set(a.userId, [...(byUser.get(a.userId) ?? []), a.companyId]);
  return rows.map((u) => ({ ...u, companyIds: byUser.get(u.id) ?? [] }));
}

/** Token metadata only: the columns are listed so the token hash is never read. */
export function selectApiTokens(tx: Queryable, accountId: string) {
  return tx
    .select({
      id: apiTokens.id,
      userId: apiTokens.userId,
      name: apiTokens.name,
      prefix: apiTokens.prefix,
      createdAt: apiTokens.createdAt,
      expiresAt: apiTokens.expiresAt,
      lastUsedAt: apiTokens.lastUsedAt,
      revokedAt: apiTokens.revokedAt,
    })
    .from(apiTokens)
    .where(eq(apiTokens.accountId, accountId))
    .orderBy(asc(apiTokens.createdAt), asc(apiTokens.id));
}

export function selectAuditBatch(tx: Queryable, accountId: string, afterId: bigint | null) {
  return tx
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.accountId, accountId), afterId === null ? undefined : gt(auditEvents.id, afterId)))
    .orderBy(asc(auditEvents.id))
    .limit(auditBatchSize);
}

export async function countUserSessions(tx: Queryable, userId: string): Promise<number> {
  return oneRow(await tx.select({ n: count() }).from(sessions).where(eq(sessions.userId, userId)), 'counting sessions')
    .n;
}
