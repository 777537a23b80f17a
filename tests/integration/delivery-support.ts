import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import nodemailer from 'nodemailer';
import { afterAll } from 'vitest';
import type { Database } from '../../src/server/platform/db/pool.js';
import { Jobs } from '../../src/server/platform/jobs/jobs.js';
import type { Transports } from '../../src/server/platform/mail/delivery.js';
import { startDelivery } from '../../src/server/platform/mail/delivery-loop.js';
import { NotifyHub } from '../../src/server/platform/realtime/notify-hub.js';
import { senderNamesFrom } from '../../src/server/modules/settings/index.js';
import { createSmsGateway } from '../../src/server/platform/sms/gateway.js';

export const silent = { info() {}, warn() {}, error() {} };

/**
 * Delivery as a Tandem process runs it: its own notification hub on the test database, real
 * transports, and the process's pg-boss for the workers a test adds (reports). Retries start after
 * `retryBaseSeconds` (1 s) instead of 30 s.
 */
export async function startTestDelivery(database: Database, transports: Partial<Transports>, retryBaseSeconds = 1) {
  const hub = new NotifyHub({ url: database.url });
  await hub.start();
  const jobs = new Jobs({ url: database.url, log: silent, max: 3 });
  await jobs.start();
  const delivery = await startDelivery({
    database,
    hub,
    log: silent,
    retryBaseSeconds,
    senderNames: senderNamesFrom(database.db),
    transports: { email: null, sms: null, from: 'Tandem <tandem@example.test>', ...transports },
  });
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await delivery.stop();
    await jobs.stop();
    await hub.stop();
  };
  afterAll(stop);
  return { jobs, hub, stop };
}

export const smtpTransport = (url: string) => nodemailer.createTransport(url);

export interface GatewayRequest {
  resource: 'Messages' | 'Calls';
  form: Record<string, string>;
  authorization: string | undefined;
}

async function formOf(req: IncomingMessage): Promise<Record<string, string>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString()));
}

/**
 * A local HTTP server speaking the Twilio REST API's message and call resources. While `failing`
 * it answers 503 (and records nothing); then it accepts, like a gateway that recovers.
 */
export async function startFakeGateway() {
  const accepted: GatewayRequest[] = [];
  let refused = 0;
  const state = { failing: false };
  const server = createServer((req, res) => {
    const match = /^\/2010-04-01\/Accounts\/(AC\w+)\/(Messages|Calls)\.json$/.exec(req.url ?? '');
    void formOf(req).then((form) => {
      if (!match || req.method !== 'POST') {
        res
          .writeHead(404, { 'content-type': 'application/json' })
          .end(JSON.stringify({ code: 20404, message: 'Not found' }));
        return;
      }
      if (state.failing) {
        refused++;
        res
          .writeHead(503, { 'content-type': 'application/json' })
          .end(JSON.stringify({ code: 20503, message: 'Service unavailable' }));
        return;
      }
      accepted.push({ resource: match[2] as 'Messages' | 'Calls', form, authorization: req.headers.authorization });
      res
        .writeHead(201, { 'content-type': 'application/json' })
        .end(JSON.stringify({ sid: `SM${accepted.length}`, status: 'queued' }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return {
    url,
    accepted,
    state,
    refusedCount: () => refused,
    gateway: createSmsGateway({ url, accountSid: 'AC123', authToken: 'secret-token', from: '+15005550006' }),
    async waitFor(count: number, timeoutMs = 20_000) {
      const until = Date.now() + timeoutMs;
      while (accepted.length < count) {
        if (Date.now() > until) throw new Error(`expected ${count} gateway requests, got ${accepted.length}`);
        await new Promise((r) => setTimeout(r, 50));
      }
      return accepted;
    },
  };
}
