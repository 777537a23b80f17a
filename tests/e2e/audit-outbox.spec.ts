import { expect, test, type Page } from './support/test.js';
import { createAccount, signInAs } from './support/accounts.js';
import { screenshots } from './support/screenshots.js';

const snap = screenshots('audit-outbox-');

test.use({ viewport: { width: 1440, height: 900 } });

/** Nothing on the page scrolls sideways: the page itself, and every box that could scroll (the tables' containers). */
async function expectNoHorizontalScroll(page: Page) {
  const overflowing = await page.evaluate(() => {
    const boxes = [document.scrollingElement ?? document.documentElement, ...document.querySelectorAll('*')];
    return boxes
      .filter((el) => {
        const style = getComputedStyle(el);
        const scrolls = el === document.scrollingElement || ['auto', 'scroll'].includes(style.overflowX);
        return scrolls && el.scrollWidth > el.clientWidth + 1;
      })
      .map((el) => `${el.tagName}.${el.className} ${el.scrollWidth}>${el.clientWidth}`);
  });
  expect(overflowing).toEqual([]);
}

async function api(page: Page, method: string, url: string, data?: object) {
  const csrf = ((await (await page.request.get('/api/v1/me')).json()) as { csrfToken: string }).csrfToken;
  const res = await page.request.fetch(url, { method, data, headers: { 'x-csrf-token': csrf } });
  expect(res.status(), await res.text()).toBeLessThan(300);
  return res;
}

test('the Outbox fits 1440 px; the Audit log names actions and objects, with filters by choice, in English and French', async ({
  page,
}) => {
  const account = createAccount('Readable');
  await signInAs(page, account.email, account.password);

  // activity: an invitation to a very long address (an e-mail in the outbox), a company renamed
  const stamp = Date.now().toString(36);
  const longEmail = `a-very-long-recipient-name-for-the-delivery-log-${stamp}@a-long-subdomain.of-a-customer.example.test`;
  await api(page, 'POST', '/api/v1/users', {
    email: longEmail,
    name: 'Lena Longaddress',
    role: 'technician',
    companyIds: [account.companyId],
  });
  await api(page, 'PATCH', `/api/v1/companies/${account.companyId}`, { name: 'Harbour Dental Clinic' });

  // --- the Outbox at 1440×900: no sideways scrolling; the long address is cut, whole in its title
  await page.goto('/outbox');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  const recipient = page.getByTitle(longEmail);
  await expect(recipient).toBeVisible();
  await expectNoHorizontalScroll(page);
  await snap(page, 'outbox');

  // --- the Audit log: readable actions and names, the id only as a detail
  await page.goto('/audit');
  await expect(page.getByRole('heading', { level: 1, name: 'Audit log' })).toBeVisible();
  const invited = page.getByRole('row').filter({ hasText: 'User invited' });
  await expect(invited.first()).toContainText('Lena Longaddress');
  await expect(page.getByRole('row').filter({ hasText: 'Company changed' }).first()).toContainText(
    'Harbour Dental Clinic',
  );
  await expect(page.getByText('user.invite', { exact: true })).toHaveCount(0);
  await expectNoHorizontalScroll(page);
  await snap(page, 'audit');

  // filters are chosen from lists of names, not typed internal names
  await page.getByRole('combobox', { name: 'Action' }).click();
  await page.getByRole('option', { name: 'User invited', exact: true }).click();
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page).toHaveURL(/action=user\.invite/);
  await expect(page.getByRole('row').filter({ hasText: 'Company changed' })).toHaveCount(0);
  await expect(invited.first()).toBeVisible();
  await snap(page, 'audit-filtered');

  // --- in French
  await api(page, 'PATCH', '/api/v1/me', { language: 'fr' });
  await page.goto('/audit');
  await expect(page.getByRole('row').filter({ hasText: 'Utilisateur invité' }).first()).toContainText(
    'Lena Longaddress',
  );
  await page.getByRole('combobox', { name: 'Type d’objet' }).click();
  await expect(page.getByRole('option', { name: 'Utilisateur', exact: true })).toBeVisible();
  await page.keyboard.press('Escape');
  await expectNoHorizontalScroll(page);
  await snap(page, 'audit-fr');
  await page.goto('/outbox');
  await expect(page.getByTitle(longEmail)).toBeVisible();
  await expectNoHorizontalScroll(page);
  await snap(page, 'outbox-fr');
});
