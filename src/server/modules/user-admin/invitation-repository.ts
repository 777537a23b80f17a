import { and, desc, eq, gt, inArray, isNull, sql } from 'drizzle-orm';
import type { Queryable } from '../../platform/db/pool.js';
import { oneRow } from '../../platform/db/one-row.js';
import { accounts } from '../../platform/tenancy/tables.js';
import { invitations, users } from '../users/tables.js';

export type InvitationRow = typeof invitations.$inferSelect;

/** How long an invitation link stays valid. */
export const invitationHours = 72;

export async function insertInvitation(
  tx: Queryable,
  values: { accountId: string; userId: string; tokenHash: string; invitedBy: string | null },
): Promise<InvitationRow> {
  return oneRow(
    await tx
      .insert(invitations)
      .values({ ...values, expiresAt: sql`now() + make_interval(hours => ${invitationHours})` })
      .returning(),
    'insert invitation',
  );
}

/** Revokes a user's invitations that are neither accepted nor revoked; returns how many. */
export async function revokeOpenInvitations(tx: Queryable, accountId: string, userId: string): Promise<number> {
  const rows = await tx
    .update(invitations)
    .set({ revokedAt: sql`now()` })
    .where(
      and(
        eq(invitations.accountId, accountId),
        eq(invitations.userId, userId),
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
      ),
    )
    .returning({ id: invitations.id });
  return rows.length;
}

/** The latest open (neither accepted nor revoked) invitation of each user of a set, expired or not. */
export async function openInvitationsOf(
  db: Queryable,
  accountId: string,
  userIds: readonly string[],
): Promise<Map<string, { expiresAt: Date; expired: boolean }>> {
  const map = new Map<string, { expiresAt: Date; expired: boolean }>();
  if (userIds.length === 0) return map;
  const rows = await db
    .selectDistinctOn([invitations.userId], {
      userId: invitations.userId,
      expiresAt: invitations.expiresAt,
      expired: sql<boolean>`${invitations.expiresAt} <= now()`,
    })
    .from(invitations)
    .where(
      and(
        eq(invitations.accountId, accountId),
        inArray(invitations.userId, [...userIds]),
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
      ),
    )
    .orderBy(invitations.userId, desc(invitations.expiresAt));
  for (const row of rows) map.set(row.userId, { expiresAt: row.expiresAt, expired: row.expired });
  return map;
}

/** A usable invitation: unknown, expired, revoked and accepted ones all answer null alike. */
export async function findUsableInvitation(db: Queryable, tokenHash: string) {
  const [row] = await db
    .select({
      id: invitations.id,
      accountId: invitations.accountId,
      userId: invitations.userId,
      expiresAt: invitations.expiresAt,
      email: users.email,
      name: users.name,
      language: users.language,
      accountName: accounts.name,
    })
    .from(invitations)
    .innerJoin(users, and(eq(users.id, invitations.userId), eq(users.accountId, invitations.accountId)))
    .innerJoin(accounts, eq(accounts.id, invitations.accountId))
    .where(
      and(
        eq(invitations.tokenHash, tokenHash),
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
        gt(invitations.expiresAt, sql`now()`),
        eq(users.status, 'invited'),
      ),
    )
    .limit(1);
  return row ?? null;
}

/**
 * Marks a usable invitation accepted, atomically: of two concurrent acceptances, the second
 * finds it accepted and gets null. Locks the user's row too, so its status cannot change meanwhile.
 */
export async function claimInvitation(tx: Queryable, tokenHash: string): Promise<InvitationRow | null> {
  const [row] = await tx
    .update(invitations)
    .set({ acceptedAt: sql`now()` })
    .where(
      and(
        eq(invitations.tokenHash, tokenHash),
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
        gt(invitations.expiresAt, sql`now()`),
        sql`exists (select 1 from ${users} where ${users.id} = ${invitations.userId} and ${users.status} = 'invited')`,
      ),
    )
    .returning();
  if (!row) return null;
  const [user] = await tx
    .select({ status: users.status })
    .from(users)
    .where(and(eq(users.id, row.userId), eq(users.accountId, row.accountId)))
    .for('update');
  return user?.status === 'invited' ? row : null;
}
