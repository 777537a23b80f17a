import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { writeChunk, writeLine, type CliIo } from '../io.js';
import { parseOptions, validateOptions } from '../options.js';
import { exportAccount, type ExportSink, type ExportSummary } from '../operations/export-account.js';
import { runWithDatabase } from '../run-with-database.js';
import type { Db } from '../../platform/db/pool.js';

const spec = { account: { required: true }, output: { required: false } };
const schema = z.object({
  account: z
    .string()
    .trim()
    .pipe(z.uuid({ message: 'must be an account id (a UUID)' })),
  output: z.string().min(1, { message: 'must be a file name' }).optional(),
});

export function parseAccountExport(args: string[], io: CliIo): { accountId: string; output?: string } {
  const v = validateOptions(schema, parseOptions(args, spec));
  // under `npm run`, the working directory is the project's; INIT_CWD is where the user typed the command
  return {
    accountId: v.account,
    output: v.output === undefined ? undefined : path.resolve(io.env.INIT_CWD ?? process.cwd(), v.output),
  };
}

/**
 * Exports to a file through a temporary neighbour (readable by the owner only: it holds
 * personal data), renamed into place at the end: a failed export leaves no partial file.
 */
export async function exportToFile(db: Db, accountId: string, file: string): Promise<ExportSummary> {
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(4).toString('hex')}.partial`);
  const handle = await fs.open(temporary, 'wx', 0o600);
  try {
    const summary = await exportAccount(db, accountId, { write: async (chunk) => void (await handle.write(chunk)) });
    await handle.close();
    await fs.rename(temporary, file);
    return summary;
  } catch (err) {
    await handle.close().catch(() => {});
    await fs.rm(temporary, { force: true });
    throw err;
  }
}

export async function accountExportCommand(args: string[], io: CliIo): Promise<number> {
  const { accountId, output } = parseAccountExport(args, io);
  const summary = await runWithDatabase(io, ({ db }) => {
    if (output) return exportToFile(db, accountId, output);
    const sink: ExportSink = { write: (chunk) => writeChunk(io.stdout, chunk) };
    return exportAccount(db, accountId, sink);
  });
  const counts = `${summary.companies} companies, ${summary.users} users, ${summary.apiTokens} API tokens, ${summary.auditEvents} audit events`;
  writeLine(io.stderr, `tandem: account ${accountId} exported${output ? ` to ${output}` : ''} (${counts})`);
  return 0;
}
