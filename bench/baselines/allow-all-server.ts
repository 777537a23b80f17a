/**
 * P2's comparison: the same Tandem build, with authentication and authorization replaced by a
 * hook that lets every request through as the account's administrator (no session or token
 * lookup, no permission or two-factor check). It logs as the Tandem it is compared with does
 * (`info`, one JSON line per request and response), so only authorization differs. Usage: allow-all-server.ts DATABASE_URL ACCOUNT_ID.
 * Prints "listening PORT".
 */
import type { FastifyRequest } from 'fastify';
import { buildApp } from '../../src/server/app.js';
import { loadConfig } from '../../src/server/config.js';
import { openDatabase } from '../../src/server/platform/db/pool.js';
import type { Actor } from '../../src/server/platform/authz.js';
import { sql } from 'drizzle-orm';

const [url, accountId] = process.argv.slice(2) as [string, string];
const database = openDatabase(url);
const admin = (
  await database.db.execute<{ id: string; name: string; email: string }>(
    sql`select id, name, email from users where account_id = ${accountId} and role = 'administrator' order by created_at limit 1`,
  )
).rows[0];
if (!admin) throw new Error('no administrator in that account');
const actor: Actor = {
  userId: admin.id,
  accountId,
  name: admin.name,
  email: admin.email,
  role: 'administrator',
  allCompanies: true,
  companyIds: [],
  via: 'apiToken',
  tokenId: null,
};

const app = await buildApp({
  config: loadConfig({ LOG_LEVEL: 'info', DATABASE_URL: url }),
  database,
  consoleDir: '/nonexistent',
  authenticate: () => async (request: FastifyRequest) => {
    request.actor = actor;
    request.session = null;
  },
});
await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.address();
console.log(`listening ${typeof address === 'object' && address ? address.port : 0}`);
process.on(
  'SIGTERM',
  () =>
    void app
      .close()
      .then(() => database.close())
      .then(() => process.exit(0)),
);
