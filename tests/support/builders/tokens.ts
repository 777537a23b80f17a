import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../../src/server/platform/db/pool.js';
import { createToken } from '../../../src/server/modules/api-tokens/index.js';
import { apiTokens } from '../../../src/server/modules/api-tokens/tables.js';
import { systemContext } from '../../../src/server/modules/audit/index.js';
import type { TestUser } from './users.js';

/**
 * A personal API token of the user, made by the api-tokens service as the user would make it
 * (audited); its secret, once, and the headers that use it.
 */
export async function anApiToken(db: Db, user: TestUser, options: { name?: string; expiresAt?: Date } = {}) {
  const { row, token } = await createToken(
    db,
    systemContext('test'),
    {
      userId: user.id,
      accountId: user.accountId,
      name: 'Token owner',
      email: user.email,
      role: user.role,
      allCompanies: user.role === 'administrator',
      companyIds: [],
      via: 'session',
      tokenId: null,
    },
    { name: options.name ?? 'test token', expiresAt: options.expiresAt?.toISOString() },
  );
  return { id: row.id, token, headers: { authorization: `Bearer ${token}` } };
}

/** The token's expiry has just passed. */
export async function expireToken(db: Db, tokenId: string): Promise<void> {
  await db
    .update(apiTokens)
    .set({ expiresAt: sql`now() - interval '1 second'` })
    .where(eq(apiTokens.id, tokenId));
}

/** The user's tokens as stored; only those not revoked when `live`. */
export async function tokensOf(db: Db, userId: string, options: { live?: boolean } = {}) {
  return db
    .select()
    .from(apiTokens)
    .where(and(eq(apiTokens.userId, userId), options.live ? isNull(apiTokens.revokedAt) : undefined));
}
