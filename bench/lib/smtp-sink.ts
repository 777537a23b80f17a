import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/**
 * An SMTP server in the bench process that accepts every message after a full SMTP conversation
 * and counts them by recipient (without parsing them: the load generator stays light).
 */
export async function startSmtpSink() {
  const byRecipient = new Map<string, number>();
  let received = 0;
  let lastAt = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    maxClients: 1000,
    // no DNS lookup of the client's address per connection (slow where DNS is not reachable)
    disableReverseLookup: true,
    onData(stream, session, callback) {
      stream.on('data', () => {});
      stream.on('end', () => {
        for (const to of session.envelope.rcptTo) byRecipient.set(to.address, (byRecipient.get(to.address) ?? 0) + 1);
        received++;
        lastAt = performance.now();
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    get received() {
      return received;
    },
    /** when the last message arrived (performance.now()) */
    get lastAt() {
      return lastAt;
    },
    /** messages received by one address */
    receivedBy: (address: string) => byRecipient.get(address) ?? 0,
    /** recipients who received more than one message */
    duplicates: () => [...byRecipient.values()].filter((n) => n > 1).length,
    async waitFor(count: number, timeoutMs: number): Promise<void> {
      const until = performance.now() + timeoutMs;
      while (received < count) {
        if (performance.now() > until)
          throw new Error(`expected ${count} e-mails, got ${received} in ${timeoutMs / 1000} s`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
