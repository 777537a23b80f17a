import { eq, sql } from 'drizzle-orm';
import type { SetupBody } from '../../../shared/contracts/setup.js';
import type { Db } from '../../platform/db/pool.js';
import { randomSecret, safeEqual, sha256 } from '../../platform/crypto/secrets.js';
import { AppError } from '../../platform/http/app-error.js';
import type { RequestContext } from '../../platform/http/request-context.js';
import { anyAccountExists } from '../accounts/index.js';
import { createAccount } from './create-account.js';
import { setupTokens } from './tables.js';

/** Serialises setup attempts so two of them can never both create a first account. */
const SETUP_LOCK = 7_261_001;

const setupClosed = () => new AppError('setup_closed', 'This Tandem is already set up. Sign in instead.');

/**
 * At start with no account: a fresh one-time setup token, stored hashed so that every
 * server process can check it. Returns null once an account exists.
 */
export async function issueSetupToken(db: Db): Promise<string | null> {
  if (await anyAccountExists(db)) return null;
  const token = randomSecret(24);
  await db
    .insert(setupTokens)
    .values({ id: 1, tokenHash: sha256(token) })
    .onConflictDoUpdate({ target: setupTokens.id, set: { tokenHash: sha256(token), createdAt: sql`now()` } });
  return token;
}

export async function setupRequired(db: Db): Promise<boolean> {
  return !(await anyAccountExists(db));
}

/** Creates the first account. Closed for good as soon as any account exists. */
export async function completeSetup(db: Db, ctx: RequestContext, body: SetupBody) {
  return createAccount(
    db,
    ctx,
    { accountName: body.accountName, adminName: body.name, adminEmail: body.email, adminPassword: body.password },
    async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(${SETUP_LOCK})`);
      if (await anyAccountExists(tx)) throw setupClosed();
      const [row] = await tx.select().from(setupTokens).where(eq(setupTokens.id, 1)).limit(1);
      if (!row || !safeEqual(row.tokenHash, sha256(body.token))) {
        throw new AppError(
          'invalid_setup_token',
          'The setup token is not right. Copy it from the server log line "setup token: …".',
        );
      }
      await tx.delete(setupTokens);
    },
  );
}

export { setupClosed };
