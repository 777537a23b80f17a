import { asc, and, eq, gt } from 'drizzle-orm';
import type { Db, Tx } from '../../platform/db/pool.js';
import { accounts } from '../../platform/tenancy/tables.js';
import { apiTokens } from '../../modules/api-tokens/tables.js';
import { auditEvents } from '../../modules/audit/tables.js';
import { companies } from '../../modules/companies/tables.js';
import { userCompanies, users } from '../../modules/users/tables.js';
import { CliError } from '../errors.js';

/** Where the export goes, chunk after chunk; `write` resolves when the chunk is taken. */
export interface ExportSink {
  write(chunk: string): Promise<void>;
}

export const exportFormat = { name: 'tandem-account-export', version: 1 } as const;

/** Audit events are read and written this many at a time: memory stays flat however long the log. */
export const auditBatchSize = 1_000;

export interface ExportSummary {
  accountId: string;
  companies: number;
  users: number;
  apiTokens: number;
  auditEvents: number;
}

/**
 * Writes one account as JSON: the account, its companies, its users with their company access
 * (never the password hash), its API tokens' metadata (never the token hash) and its audit
 * events, oldest first. Everything is read in one read-only repeatable-read transaction, so
 * the export is a consistent snapshot even while Tandem runs. Companies, users and tokens are
 * held in memory; audit events are streamed in batches. Sessions are not exported.
 * Throws CliError before writing anything if the account does not exist.
 */
export async function exportAccount(
  db: Db,
  accountId: string,
  sink: ExportSink,
  now = new Date(),
): Promise<ExportSummary> {
  return db.transaction(
    async (tx) => {
      const [account] = await tx.select().from(accounts).where(eq(accounts.id, accountId)).limit(1);
      if (!account) throw new CliError(`no account has the id ${accountId}`);
      const companyRows = await selectCompanies(tx, accountId);
      const userRows = await selectUsers(tx, accountId);
      const tokenRows = await selectApiTokens(tx, accountId);

      await sink.write(
        `{\n  "format": ${json(exportFormat.name)},\n  "version": ${exportFormat.version},\n  "exportedAt": ${json(now)},\n`,
      );
      await sink.write(`  "account": ${json(account)},\n`);
      await sink.write(`  "companies": ${jsonArray(companyRows)},\n`);
      await sink.write(`  "users": ${jsonArray(userRows)},\n`);
      await sink.write(`  "apiTokens": ${jsonArray(tokenRows)},\n`);
      await sink.write('  "auditEvents": [');
      let written = 0;
      let afterId: bigint | null = null;
      for (;;) {
        const batch = await selectAuditBatch(tx, accountId, afterId);
        const last = batch.at(-1);
        if (!last) break;
        const items = batch.map((e) => `${written++ === 0 ? '' : ','}\n    ${json({ ...e, id: e.id.toString() })}`);
        await sink.write(items.join(''));
        afterId = last.id;
        if (batch.length < auditBatchSize) break;
      }
      await sink.write(`${written > 0 ? '\n  ' : ''}]\n}\n`);
      return {
        accountId,
        companies: companyRows.length,
        users: userRows.length,
        apiTokens: tokenRows.length,
        auditEvents: written,
      };
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
}

const json = (value: unknown) => JSON.stringify(value);

/** One item per line: readable, diff-friendly, and still plain JSON. */
function jsonArray(items: unknown[]): string {
  return items.length === 0 ? '[]' : `[\n${items.map((i) => `    ${json(i)}`).join(',\n')}\n  ]`;
}

function selectCompanies(tx: Tx, accountId: string) {
  return tx
    .select({ id: companies.id, name: companies.name, createdAt: companies.createdAt })
    .from(companies)
    .where(eq(companies.accountId, accountId))
    .orderBy(asc(companies.createdAt), asc(companies.id));
}

/** Users with their explicit company access; the columns are listed so the password hash is never read. */
async function selectUsers(tx: Tx, accountId: string) {
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
function selectApiTokens(tx: Tx, accountId: string) {
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

function selectAuditBatch(tx: Tx, accountId: string, afterId: bigint | null) {
  return tx
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.accountId, accountId), afterId === null ? undefined : gt(auditEvents.id, afterId)))
    .orderBy(asc(auditEvents.id))
    .limit(auditBatchSize);
}
