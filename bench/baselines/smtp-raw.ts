/**
 * P4's second baseline (reported): how many e-mails per second nodemailer alone — a transport
 * pooled as Tandem's is — hands to the bench's SMTP server, with no database at all: the ceiling
 * of the SMTP leg on this machine. Usage: smtp-raw.ts SMTP_URL COUNT CONNECTIONS.
 * Prints {"perSecond": n}.
 */
import nodemailer from 'nodemailer';

const [url, count, connections] = process.argv.slice(2) as [string, string, string];
const transport = nodemailer.createTransport({
  url,
  pool: true,
  maxConnections: Number(connections),
  maxMessages: 500,
});
const body = 'Hello, this is what a notification e-mail body weighs. '.repeat(20);
const send = (n: number) =>
  transport.sendMail({
    from: 'Tandem <tandem@example.test>',
    to: `raw-${n}@example.test`,
    subject: `Subject ${n}`,
    text: body,
    html: `<p>${body}</p>`,
  });
// connections opened and greeted before the clock starts, as Tandem's are after its first messages
await Promise.all(Array.from({ length: Number(connections) }, (_, n) => send(-1 - n)));
const started = performance.now();
// as many in flight as a delivery round hands over at once
const inFlight = 50;
let next = 0;
await Promise.all(
  Array.from({ length: inFlight }, async () => {
    while (next < Number(count)) await send(next++);
  }),
);
console.log(JSON.stringify({ perSecond: Number(count) / ((performance.now() - started) / 1000) }));
transport.close();
