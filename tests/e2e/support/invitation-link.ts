import { expect, type Page } from '@playwright/test';

/** The link of the latest invitation e-mail to `email`, read from the outbox as its administrator. */
export async function invitationLink(page: Page, email: string): Promise<string> {
  const list = await page.request.get(`/api/v1/outbox?kind=invitation&recipient=${encodeURIComponent(email)}`);
  expect(list.status()).toBe(200);
  const [latest] = (await list.json()).items as { id: string }[];
  if (!latest) throw new Error(`no invitation e-mail to ${email} in the outbox`);
  const message = await page.request.get(`/api/v1/outbox/${latest.id}`);
  const { bodyText } = (await message.json()) as { bodyText: string };
  const link = /https?:\/\/\S+\/invitation\/[A-Za-z0-9_-]+/.exec(bodyText)?.[0];
  if (!link) throw new Error(`no invitation link in: ${bodyText}`);
  return link;
}
