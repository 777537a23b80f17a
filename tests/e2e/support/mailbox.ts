import fs from 'node:fs';
import path from 'node:path';
import { expect } from '@playwright/test';
import { simpleParser } from 'mailparser';
import { readState } from '../server-state.js';

export interface CapturedMail {
  subject: string;
  text: string;
  html: string;
  attachments: { filename: string; contentType: string; content: Buffer }[];
}

/** Every message the suite's SMTP server received for `to`, oldest first. */
export async function mailTo(to: string): Promise<CapturedMail[]> {
  const dir = readState().mailDir;
  if (!dir) throw new Error('this run has no SMTP server capturing mail (see tests/e2e/global-setup.ts)');
  const found: CapturedMail[] = [];
  for (const name of fs
    .readdirSync(dir)
    .filter((n) => n.endsWith('.eml'))
    .sort()) {
    const mail = await simpleParser(fs.readFileSync(path.join(dir, name)));
    const recipients = [mail.to ?? []].flat().flatMap((a) => a.value.map((v) => v.address?.toLowerCase()));
    if (!recipients.includes(to.toLowerCase())) continue;
    found.push({
      subject: mail.subject ?? '',
      text: mail.text ?? '',
      html: typeof mail.html === 'string' ? mail.html : '',
      attachments: mail.attachments.map((a) => ({
        filename: a.filename ?? '',
        contentType: a.contentType,
        content: a.content,
      })),
    });
  }
  return found;
}

/** Waits until a message to `to` whose subject matches arrives over SMTP, and returns it. */
export async function waitForMail(to: string, subject: string | RegExp, timeoutMs = 60_000): Promise<CapturedMail> {
  let match: CapturedMail | undefined;
  await expect(async () => {
    match = (await mailTo(to))
      .filter((m) => (typeof subject === 'string' ? m.subject === subject : subject.test(m.subject)))
      .at(-1);
    expect(match, `an e-mail to ${to} with the subject ${String(subject)}`).toBeDefined();
  }).toPass({ timeout: timeoutMs, intervals: [500, 1000, 2000] });
  return match!;
}
