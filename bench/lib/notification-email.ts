import type { EmailToSend } from '../../src/server/platform/mail/outbox.js';

/**
 * P4's e-mail number `n`: an answer to a support request, the product's own template, to a
 * recipient of its own. Tandem's run and the SMTP leg's baseline send the same messages.
 */
export function notificationEmail(n: number, accountId: string | null = null): EmailToSend {
  return {
    accountId,
    kind: 'bench',
    to: `recipient-${n}@example.test`,
    language: 'en',
    template: 'supportMail.answered',
    params: {
      name: `Customer ${n}`,
      technician: 'Alex',
      company: 'Bench',
      number: n,
      answer: 'Restart the router, then try again.',
    },
    action: { url: `https://tandem.example.test/follow/${n}` },
  };
}
