import { randomInt } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { sha256 } from '../../src/server/platform/crypto/secrets.js';
import type { Db } from '../../src/server/platform/db/pool.js';
import { sessionEvents, sessionWatchers, supportSessions } from '../../src/server/modules/sessions/tables.js';
import { supportRequests } from '../../src/server/modules/requests/tables.js';
import { portals } from '../../src/server/modules/portals/tables.js';

/** Sessions' customer-side test helpers: a waiting session with its code, rows read back. */
export const aCode = () => String(randomInt(100_000_000, 1_000_000_000));

export async function aWaitingSession(
  db: Db,
  account: { id: string },
  companyId: string,
  technicianId: string,
  options: { code?: string | null; requestId?: string; expiresInMs?: number; status?: 'waiting' | 'joined' } = {},
) {
  const code = options.code === undefined ? aCode() : options.code;
  const [row] = await db
    .insert(supportSessions)
    .values({
      accountId: account.id,
      companyId,
      technicianId,
      createdBy: technicianId,
      status: options.status ?? 'waiting',
      codeHash: code === null ? null : sha256(code),
      codeExpiresAt: code === null ? null : new Date(Date.now() + (options.expiresInMs ?? 600_000)),
      requestId: options.requestId ?? null,
      recordingPolicy: 'off',
    })
    .returning();
  return { id: row!.id, code: code ?? '' };
}

export async function sessionRow(db: Db, id: string) {
  const [row] = await db.select().from(supportSessions).where(eq(supportSessions.id, id));
  return row!;
}

export async function timelineOf(db: Db, id: string): Promise<string[]> {
  const rows = await db.select().from(sessionEvents).where(eq(sessionEvents.sessionId, id)).orderBy(sessionEvents.id);
  return rows.map((r) => r.type);
}

export async function requestOf(db: Db, id: string) {
  const [row] = await db.select().from(supportRequests).where(eq(supportRequests.id, id));
  return row!;
}

export async function invite(db: Db, sessionId: string, userId: string): Promise<void> {
  await db.insert(sessionWatchers).values({ sessionId, userId });
}

export async function portalEnabled(db: Db, companyId: string, enabled: boolean): Promise<void> {
  await db.update(portals).set({ enabled }).where(eq(portals.companyId, companyId));
}
