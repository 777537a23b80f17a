import type { Logger } from 'pino';
import type { Config } from '../../config.js';
import type { Db } from '../../platform/db/pool.js';
import { anyAccountExists } from '../accounts/index.js';
import { adminNameFromEmail, createAccount } from './create-account.js';
import { systemContext } from '../audit/index.js';
import { issueSetupToken } from './service.js';

/**
 * First start with no account: either create it from TANDEM_ADMIN_EMAIL / _PASSWORD /
 * TANDEM_ACCOUNT_NAME, or print a one-time setup token for the setup page. Answers whether the
 * setup page is waiting for someone (to say where it is once the server listens).
 */
export async function bootstrapFirstAccount(db: Db, config: Config, log: Logger): Promise<{ setupWaiting: boolean }> {
  if (await anyAccountExists(db)) return { setupWaiting: false };
  const admin = config.bootstrapAdmin;
  if (admin) {
    await createAccount(db, systemContext('bootstrap'), {
      accountName: admin.accountName,
      adminName: adminNameFromEmail(admin.email),
      adminEmail: admin.email,
      adminPassword: admin.password,
    });
    log.info({ accountName: admin.accountName, email: admin.email }, 'first account created from TANDEM_ADMIN_EMAIL');
    return { setupWaiting: false };
  }
  const token = await issueSetupToken(db);
  if (token) {
    // warn level: the instance is unusable until someone completes setup
    log.warn(`setup token: ${token}`);
  }
  return { setupWaiting: token !== null };
}
