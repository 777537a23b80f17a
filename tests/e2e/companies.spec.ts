import { existsSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { expect, test, type Page } from './support/test.js';
import { createAccount, signInAs } from './support/accounts.js';
import { screenshots } from './support/screenshots.js';
import { agentInventory, enrolDevice } from './support/enrol.js';

const snap = screenshots('companies-');

/** A real PNG image of one colour, small enough to stay far below the 512 KB limit. */
function solidPng(size: number, [r, g, b]: [number, number, number]): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (bytes: Buffer) => {
    let c = 0xffffffff;
    for (const byte of bytes) c = crcTable[(c ^ byte) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const check = Buffer.alloc(4);
    check.writeUInt32BE(crc(body));
    return Buffer.concat([length, body, check]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // truecolour
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: size }, () => [r, g, b]).flat())]);
  const pixels = deflateSync(Buffer.concat(Array.from({ length: size }, () => row)));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', pixels),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

async function openCompanies(page: Page, menuItem = 'Companies') {
  await page.getByRole('button', { name: 'Configure' }).click();
  await page.getByRole('menuitem', { name: menuItem }).click();
}

async function createCompany(page: Page, name: string, color?: string) {
  await page.getByRole('button', { name: 'New company' }).click();
  const dialog = page.getByRole('dialog', { name: 'New company' });
  await dialog.getByLabel('Name').fill(name);
  if (color) await dialog.getByRole('textbox', { name: 'Colour' }).fill(color);
  await dialog.getByRole('button', { name: 'Create' }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
}

test('companies: create, rename, logo, data key, access, inventory and its move, delete, switcher, label', async ({
  page,
}) => {
  const account = createAccount('Companies');
  const pageErrors: string[] = [];
  const shapeErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(`${error.name}: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && message.text().includes('unexpected answer shape'))
      shapeErrors.push(message.text());
  });

  await signInAs(page, account.email, account.password);
  await openCompanies(page);
  await expect(page).toHaveURL(/\/companies$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Companies' })).toBeVisible();
  // the account starts with one company, named after it
  await expect(page.getByRole('link', { name: account.name })).toBeVisible();
  await snap(page, 'list-initial');

  // --- two new companies; a name that differs only by case is refused on its field
  await createCompany(page, 'Northwind', '#e03131');
  await page.getByRole('link', { name: 'Back to the list' }).click();
  await createCompany(page, 'Contoso');
  await page.getByRole('link', { name: 'Back to the list' }).click();
  await page.getByRole('button', { name: 'New company' }).click();
  const duplicate = page.getByRole('dialog', { name: 'New company' });
  await duplicate.getByLabel('Name').fill('NORTHWIND');
  await duplicate.getByRole('button', { name: 'Create' }).click();
  await expect(duplicate.getByText('This name is already used in your account', { exact: false })).toBeVisible();
  await snap(page, 'duplicate-name');
  await duplicate.getByRole('button', { name: 'Cancel' }).click();

  const table = page.getByRole('table', { name: 'Companies' });
  await expect(table.getByRole('row')).toHaveCount(4);
  await page.getByLabel('Search by name').fill('north');
  await expect(table.getByRole('row')).toHaveCount(2);
  await expect(table.getByRole('link', { name: 'Northwind' })).toBeVisible();
  await page.getByLabel('Search by name').fill('');
  await expect(table.getByRole('row')).toHaveCount(4);
  await snap(page, 'list');

  // --- rename Contoso on its details tab
  await table.getByRole('link', { name: 'Contoso' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Contoso' })).toBeVisible();
  await expect(page.getByRole('tab', { name: 'Details and branding' })).toHaveAttribute('aria-selected', 'true');
  await page.getByRole('textbox', { name: 'Name' }).fill('Contoso Ltd');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Contoso Ltd' })).toBeVisible();
  await expect(page.getByText('Your changes have been saved.')).toBeVisible();

  // --- upload a logo: a small PNG
  await page
    .locator('input[type="file"]')
    .setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: solidPng(48, [28, 126, 214]) });
  await expect(page.getByText('The logo has been updated.')).toBeVisible();
  const logo = page.getByTestId('company-logo');
  await expect(logo).toBeVisible();
  await expect(logo).toHaveAttribute('src', /\/api\/v1\/companies\/[0-9a-f-]+\/logo\?v=/);
  await expect.poll(() => logo.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(48);
  // a file that is not PNG, JPEG or WebP is refused before upload, and would be by the server
  await page.locator('input[type="file"]').setInputFiles({
    name: 'logo.svg',
    mimeType: 'image/svg+xml',
    buffer: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'),
  });
  await expect(page.getByText('Choose a PNG, JPEG or WebP image.', { exact: false })).toBeVisible();
  await snap(page, 'details-logo');

  // --- data key: hidden until shown, rotated after a confirmation
  await page.getByRole('tab', { name: 'Data key' }).click();
  await expect(page).toHaveURL(/\/data-key$/);
  const key = page.getByTestId('data-key');
  await expect(key).toContainText('•');
  await page.getByRole('button', { name: 'Show the key' }).click();
  const before = (await key.textContent())?.trim() ?? '';
  expect(before).toMatch(/^tdk_[0-9a-f]{64}$/);
  await expect(page.getByText('Never rotated since creation.')).toBeVisible();
  // the packaged agent: its files and the one-line installs with this key, or why there are none
  const downloads = page.getByTestId('agent-downloads');
  const built = existsSync('dist/agent/manifest.json');
  if (built) {
    await expect(downloads.getByRole('link', { name: 'Debian / Ubuntu package (Linux x64)' })).toBeVisible();
    await expect(
      downloads.getByText(`curl -fsSL -H 'X-Tandem-Data-Key: ${before}' -o /tmp/tandem-agent_`, { exact: false }),
    ).toBeVisible();
    await expect(
      downloads.getByText(`TANDEM_KEY='${before}' apt-get install -y /tmp/tandem-agent_`, { exact: false }),
    ).toBeVisible();
    await expect(
      downloads.getByText(
        /^Invoke-WebRequest .*\/api\/agent\/download\/tandem-agent-.*-x64\.msi.* '\/qn', 'SERVER=http/,
      ),
    ).toBeVisible();
  } else {
    await expect(page.getByText('The packaged agent was not built on this server', { exact: false })).toBeVisible();
  }
  await page.getByRole('button', { name: 'Rotate the key' }).click();
  const confirm = page.getByRole('dialog', { name: 'Rotate the data key?' });
  await expect(confirm.getByText('Devices already enrolled keep working', { exact: false })).toBeVisible();
  await snap(page, 'data-key-rotate');
  await confirm.getByRole('button', { name: 'Rotate', exact: true }).click();
  await expect(page.getByText('The data key has been rotated.')).toBeVisible();
  await expect(key).not.toHaveText(before);
  await expect(key).toHaveText(/^tdk_[0-9a-f]{64}$/);
  // the devices enrolled below use it, as their agents would
  const dataKey = ((await key.textContent()) ?? '').trim();
  await expect(page.getByText(/^Last rotated on /)).toBeVisible();
  await snap(page, 'data-key');

  // --- user access: the administrator has full access; inviting goes to the Users page form
  await page.getByRole('tab', { name: 'User access' }).click();
  const accessTable = page.getByRole('table', { name: 'Users with access' });
  await expect(accessTable.getByRole('row', { name: /Companies Admin/ })).toContainText('Full access');
  await expect(page.getByRole('link', { name: 'Invite a new user' })).toHaveAttribute(
    'href',
    /^\/users\?invite=1&companyId=[0-9a-f-]{36}$/,
  );
  await snap(page, 'access');

  // --- inventory: no devices yet, nothing to move
  await page.getByRole('tab', { name: 'Inventory' }).click();
  await expect(page.getByTestId('device-count')).toHaveText('Devices: 0');
  await expect(page.getByRole('button', { name: 'Choose the destination…' })).toBeDisabled();
  await snap(page, 'inventory-empty');

  // two devices enrol with the company's data key
  for (const [name, address] of [
    ['Front desk PC', '10.30.0.11'],
    ['Back office PC', '10.30.0.12'],
  ] as const) {
    await enrolDevice(page, dataKey, name, agentInventory(`host-${address}`, address));
  }
  await page.reload();
  await expect(page.getByTestId('device-count')).toHaveText('Devices: 2');
  await snap(page, 'inventory');

  // its devices are listed on the Devices page, filtered on the company
  await page.getByRole('link', { name: 'Show them in the Devices list' }).click();
  await expect(page).toHaveURL(/\/devices\?companyId=[0-9a-f-]{36}$/);
  await expect(page.locator('tbody tr')).toHaveCount(2);
  await expect(page.locator('tr[data-device="Front desk PC"]')).toContainText('Contoso Ltd');
  await expect(page.locator('tr[data-device="Back office PC"]')).toBeVisible();
  await snap(page, 'inventory-devices');
  await page.goBack();

  // "Move all": the Devices page's dialog, its preview, then the confirmation
  await page.getByRole('button', { name: 'Choose the destination…' }).click();
  const move = page.getByRole('dialog', { name: 'Move every device of “Contoso Ltd” (2)' });
  await move.getByRole('combobox', { name: /Move to this company/ }).click();
  // the company itself is not offered
  await expect(page.getByRole('option', { name: 'Contoso Ltd' })).toHaveCount(0);
  await page.getByRole('option', { name: account.name }).click();
  await expect(move.getByTestId('move-preview')).toContainText(
    `2 devices move from Contoso Ltd (2) to ${account.name}.`,
  );
  await expect(move.getByTestId('move-lose')).toContainText('Nobody.');
  await expect(move.getByTestId('move-gain')).toContainText('Nobody.');
  await snap(page, 'inventory-move-preview');
  await move.getByRole('button', { name: 'Move devices' }).click();
  await expect(page.getByText('2 devices moved.')).toBeVisible();
  await expect(move).toHaveCount(0);
  await expect(page.getByTestId('device-count')).toHaveText('Devices: 0');
  await snap(page, 'inventory-moved');

  // --- delete Northwind
  await page.getByRole('link', { name: 'Back to the list' }).click();
  await table.getByRole('link', { name: 'Northwind' }).click();
  await page.getByRole('button', { name: 'Delete' }).click();
  const deleteDialog = page.getByRole('dialog', { name: 'Delete “Northwind”?' });
  await snap(page, 'delete');
  await deleteDialog.getByRole('button', { name: 'Delete' }).click();
  await expect(page).toHaveURL(/\/companies$/);
  await expect(page.getByText('“Northwind” has been deleted.')).toBeVisible();
  await expect(table.getByRole('link', { name: 'Northwind' })).toHaveCount(0);
  await expect(table.getByRole('row')).toHaveCount(3);

  // --- the company switcher remembers its choice across a reload
  const switcher = page.getByRole('combobox', { name: 'Filter by company' });
  await expect(switcher).toHaveValue('All companies');
  await switcher.click();
  await page.getByRole('option', { name: 'Contoso Ltd' }).click();
  await expect(switcher).toHaveValue('Contoso Ltd');
  await snap(page, 'switcher');
  await page.waitForLoadState('networkidle');
  await page.reload();
  await expect(page.getByRole('combobox', { name: 'Filter by company' })).toHaveValue('Contoso Ltd');

  // --- the account's own word for companies, used in the menu, titles and the switcher
  await page.getByLabel('Singular').first().fill('Site');
  await page.getByLabel('Plural').first().fill('Sites');
  await page.getByLabel('Singular').nth(1).fill('Site');
  await page.getByLabel('Plural').nth(1).fill('Sites');
  await page.getByRole('button', { name: 'Save the naming' }).click();
  await expect(page.getByText('The naming has been saved.')).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: 'Sites' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'New site' })).toBeVisible();
  await page.getByRole('combobox', { name: 'Filter by site' }).click();
  await expect(page.getByRole('option', { name: 'All sites' })).toBeVisible();
  await page.getByRole('option', { name: 'All sites' }).click();
  await page.getByRole('button', { name: 'Configure' }).click();
  await expect(page.getByRole('menuitem', { name: 'Sites' })).toBeVisible();
  await page.keyboard.press('Escape');
  await snap(page, 'label');
  await page.getByRole('button', { name: 'Back to the default words' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Companies' })).toBeVisible();

  // --- in French
  await page.getByRole('button', { name: 'Language: English' }).click();
  await page.getByRole('menuitem', { name: 'Français' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Sociétés' })).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Filtrer par société' })).toHaveValue('Toutes les sociétés');
  await expect(page.getByRole('button', { name: 'Nouvelle société' })).toBeVisible();
  await snap(page, 'list-fr');
  await page.getByRole('link', { name: 'Contoso Ltd' }).click();
  await page.getByRole('tab', { name: 'Clé de données' }).click();
  await expect(page.getByRole('button', { name: 'Renouveler la clé' })).toBeVisible();
  await snap(page, 'data-key-fr');

  expect(pageErrors, 'uncaught errors in the page').toEqual([]);
  expect(shapeErrors, 'API answers that do not match src/shared/contracts').toEqual([]);
});
