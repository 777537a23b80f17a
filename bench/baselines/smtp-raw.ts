/**
 * P4's baseline, the SMTP leg: how many e-mails per second nodemailer alone hands to the bench's
 * SMTP server through Tandem's own transport (`createMailTransport`: pooled, the same connections
 * and options), with no database at all. The messages are P4's, rendered by the product's template
 * before the clock starts (Tandem renders them when they are enqueued, not when they are sent), and
 * sent (COUNT of them, numbered from FIRST) with as many in flight as Tandem's delivery workers hand over at once (workers × round
 * size). Usage: smtp-raw.ts SMTP_URL FIRST COUNT. Prints {"perSecond": n}.
 */
import { deliveryWorkers, roundSize } from '../../src/server/platform/mail/delivery-loop.js';
import { renderEmail } from '../../src/server/platform/mail/render.js';
import { createMailTransport, smtpConnections } from '../../src/server/platform/mail/transport.js';
import { notificationEmail } from '../lib/notification-email.js';

const [url, first, count] = process.argv.slice(2).map((a, i) => (i === 0 ? a : Number(a))) as [string, number, number];
const transport = createMailTransport({ smtp: { url, from: 'Tandem <tandem@localhost>' } })!;
const messages = Array.from({ length: smtpConnections + count }, (_, i) => {
  const email = notificationEmail(first + i);
  const rendered = renderEmail(email.language, email.template, email.params, email.action?.url);
  return { to: email.to, subject: rendered.subject, text: rendered.text, html: rendered.html };
});
// every pooled connection opened and greeted before the clock starts, as Tandem's are by P4's warm-up
const warmUp = messages.splice(0, smtpConnections);
await Promise.all(warmUp.map((m) => transport.sendMail(m)));
const started = performance.now();
let next = 0;
await Promise.all(
  Array.from({ length: deliveryWorkers * roundSize }, async () => {
    while (next < messages.length) await transport.sendMail(messages[next++]!);
  }),
);
console.log(JSON.stringify({ perSecond: messages.length / ((performance.now() - started) / 1000) }));
transport.close();
