import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { readState } from '../server-state.js';

const repoRoot = path.resolve(import.meta.dirname, '../../..');

export interface E2eAccount {
  accountId: string;
  companyId: string;
  email: string;
  password: string;
  name: string;
}

/**
 * A fresh account on the test server, made with the command-line tool (which attaches to the
 * running server's embedded database), so that every spec works on its own tenant.
 */
export function createAccount(label: string): E2eAccount {
  const state = readState();
  if (!state.dataDir) throw new Error('createAccount needs the data folder of the server started by global setup');
  const suffix = randomBytes(3).toString('hex');
  const email = `${label.toLowerCase().replace(/\W+/g, '-')}-${suffix}@example.test`;
  const password = `e2e password ${suffix}`;
  const name = `${label} ${suffix}`;
  // the tool attaches to the test server's embedded database: never to a DATABASE_URL of the shell
  const env: NodeJS.ProcessEnv = { ...process.env, TANDEM_DATA_DIR: state.dataDir };
  delete env.DATABASE_URL;
  const out = execFileSync(
    process.execPath,
    [
      '--import',
      'tsx',
      'src/server/cli/tandem.ts',
      'account',
      'create',
      '--name',
      name,
      '--admin-email',
      email,
      '--admin-password',
      password,
      '--admin-name',
      `${label} Admin`,
    ],
    { cwd: repoRoot, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const id = (key: string) => new RegExp(`${key} id: (\\S+)`).exec(out)?.[1] ?? '';
  return { accountId: id('account'), companyId: id('company'), email, password, name };
}

/** Signs in through the console's sign-in page. */
export async function signInAs(page: Page, email: string, password: string): Promise<void> {
  await page.goto('/login');
  await page.getByLabel(/^E-mail/).fill(email);
  await page.getByLabel(/^Password/).fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}
