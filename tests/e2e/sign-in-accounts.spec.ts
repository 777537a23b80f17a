import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { expect, test } from './support/test.js';
import { createAccount } from './support/accounts.js';
import { readState } from './server-state.js';

const repoRoot = path.resolve(import.meta.dirname, '../..');

/** A second account whose administrator has the same e-mail and password as the first one's. */
function secondAccountFor(email: string, password: string, name: string): string {
  const env: NodeJS.ProcessEnv = { ...process.env, TANDEM_DATA_DIR: readState().dataDir };
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
      'Second Admin',
    ],
    { cwd: repoRoot, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
  );
  return /account id: (\S+)/.exec(out)![1]!;
}

test('one e-mail and password for two accounts: the sign-in page asks which one, then opens it', async ({ page }) => {
  const first = createAccount('Choice');
  const secondName = `${first.name} second`;
  const secondId = secondAccountFor(first.email, first.password, secondName);

  await page.goto('/login');
  await page.getByLabel(/^E-mail/).fill(first.email);
  await page.getByLabel(/^Password/).fill(first.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();

  const choice = page.getByRole('group', { name: 'Accounts' });
  await expect(page.getByText('This e-mail address and password open several accounts.')).toBeVisible();
  await expect(choice.getByRole('button')).toHaveText([first.name, secondName].sort((a, b) => a.localeCompare(b)));
  await page.screenshot({ path: 'test-results/screenshots/login-account-choice.png', fullPage: true });
  await choice.getByRole('button', { name: secondName }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));

  const account = await page.request.get('/api/v1/accounts/current');
  expect((await account.json()).id).toBe(secondId);
});
