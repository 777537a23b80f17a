import type { Db } from '../../platform/db/pool.js';
import { findAccount } from '../../modules/accounts/index.js';
import { CliError } from '../errors.js';
import { auditBatchSize, selectApiTokens, selectAuditBatch, selectCompanies, selectUsers } from './repository.js';

/** Where the export goes, chunk after chunk; `write` resolves when the chunk is taken. */
export interface ExportSink {
  write(chunk: string): Promise<void>;
}

export const exportFormat = { name: 'tandem-account-export', version: 1 } as const;

/** Audit events are read and written this many at a time: memory stays flat however long the log. */
export { auditBatchSize };

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
      const account = await findAccount(tx, accountId);
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
