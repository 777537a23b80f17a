import type { SetupBody } from '../../../shared/contracts/setup.js';
import type { Db } from '../../platform/db/pool.js';
import { randomSecret, safeEqual, sha256 } from '../../platform/crypto/secrets.js';
import { AppError } from '../../platform/http/app-error.js';
import type { RequestContext } from '../../platform/http/request-context.js';
import { anyAccountExists } from '../accounts/index.js';
import { createAccount } from './create-account.js';
import { deleteSetupTokens, findSetupTokenHash, lockSetup, storeSetupTokenHash } from './repository.js';

const setupClosed = () => new AppError('setup_closed', 'This Tandem is already set up. Sign in instead.');

/**
 * At start with no account: a fresh one-time setup token, stored hashed so that every
 * server process can check it. Returns null once an account exists.
 */
export async function issueSetupToken(db: Db): Promise<string | null> {
  if (await anyAccountExists(db)) return null;
  const token = randomSecret(24);
  await storeSetupTokenHash(db, sha256(token));
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
      await lockSetup(tx);
      if (await anyAccountExists(tx)) throw setupClosed();
      const tokenHash = await findSetupTokenHash(tx);
      if (!tokenHash || !safeEqual(tokenHash, sha256(body.token))) {
        throw new AppError(
          'invalid_setup_token',
          'The setup token is not right. Copy it from the server log line "setup token: …".',
        );
      }
      await deleteSetupTokens(tx);
    },
  );
}

export { setupClosed };
