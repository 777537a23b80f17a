import { axeFindings, axeMode, describeFindings } from './support/accessibility.js';
import { expect, test } from './support/test.js';

/** A page with an unlabelled icon button and grey text at 3.32:1 on white. */
const faultyPage = `<!doctype html><html lang="en"><head><title>Faulty</title></head><body><main>
  <h1>Faulty</h1>
  <button type="button" id="unlabelled"><svg width="16" height="16" aria-hidden="true"><rect width="16" height="16"/></svg></button>
  <p id="grey" style="color:#868e96;background:#fff">Grey text</p>
</main></body></html>`;

const cleanPage = `<!doctype html><html lang="en"><head><title>Clean</title></head><body><main><h1>Clean</h1></main></body></html>`;

test('axe: an unlabelled button and grey text are found, each with its rule, impact and element', async ({ page }) => {
  await page.setContent(faultyPage);
  const findings = await axeFindings(page, 'faulty page');
  expect(findings).toEqual(
    expect.arrayContaining([
      expect.objectContaining({ rule: 'button-name', impact: 'critical', targets: ['#unlabelled'] }),
      expect.objectContaining({ rule: 'color-contrast', impact: 'serious', targets: ['#grey'] }),
    ]),
  );
  const message = describeFindings(findings);
  expect(message).toContain('[critical] button-name on ');
  expect(message).toContain('(faulty page)');
  expect(message).toContain('#unlabelled');
  // the page is left clean: the automatic check at the end of this test finds nothing
  await page.setContent(cleanPage);
  expect(await axeFindings(page)).toEqual([]);
});

test.describe('the automatic check', () => {
  test.skip(axeMode !== 'fail', 'findings are reported, not failed: TANDEM_AXE=fail runs this');
  // the test below must fail, and only because of the check run at its end
  test.fail();
  test('fails a test whose page is left with an unlabelled button, though the test checks nothing itself', async ({
    page,
  }) => {
    await page.setContent(faultyPage);
    await expect(page.locator('#unlabelled')).toBeVisible();
  });
});
