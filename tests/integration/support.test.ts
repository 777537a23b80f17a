import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { applyRetention, sweepWaiting } from '../../src/server/modules/requests/index.js';
import { call, createTestApp, signIn } from '../support/test-app.js';
import {
  anAccount,
  countOf,
  eventTypesAbout,
  messagesOf,
  nobodyOnline,
  requestRow,
  requestsWithIds,
  outboxRowsTo,
  slugOf,
} from '../support/builders/index.js';
import { customer, online, seated, submit, visitor } from './support-kit.js';

const testApp = await createTestApp();
const { app, database, config } = testApp;
const db = database.db;

const account = await anAccount(db, { name: 'Support', companies: 2 });
const admin = await signIn(app, account.admin.email);
const companyId = account.companyIds[0]!;
const slug = await slugOf(db, companyId);
const alice = await seated(app, db, account, admin, ['remoteSupport', 'serviceDesk']);
const bob = await seated(app, db, account, admin, ['remoteSupport', 'serviceDesk']);
const get = (caller: typeof admin, url: string) => call(app, caller, { method: 'GET', url });
const post = (caller: typeof admin, url: string, payload?: object) =>
  call(app, caller, { method: 'POST', url, payload: payload ?? {} });
const statusOf = async (id: string) => (await requestRow(db, id)).status;

async function offlineEverybody() {
  await nobodyOnline(db, account.id);
}

describe('submitting a request', () => {
  it('with nobody available becomes an offline question: e-mail with a private link in the portal language, event', async () => {
    await offlineEverybody();
    await call(app, admin, {
      method: 'PATCH',
      url: `/api/v1/companies/${companyId}/portal`,
      payload: { language: 'fr' },
    });
    const res = await submit(app, slug, { ...customer(1), email: 'offline1@example.test' });
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({ status: 'offline', offlineReason: 'no_technician', number: expect.any(Number) });
    expect(body.visitorToken).toMatch(/^[\w-]{40,}$/);
    const mails = await outboxRowsTo(db, 'offline1@example.test');
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toContain(`n° ${body.number}`);
    const link = /\/portal\/[\w-]+\/requests\/[\w-]+#t=[\w-]+/.exec(mails[0]!.bodyText)![0];
    expect(link).toContain(body.id);
    // the link's token opens the request too
    const token = link.split('#t=')[1]!;
    const view = await app.inject({
      method: 'GET',
      url: `/api/portal/${slug}/requests/${body.id}`,
      headers: visitor(token),
    });
    expect(view.statusCode).toBe(200);
    expect(view.json()).toMatchObject({
      status: 'offline',
      language: 'fr',
      offlineMessage: expect.stringContaining('Personne'),
    });
    expect(await eventTypesAbout(db, body.id)).toEqual(['question.created']);
    await call(app, admin, {
      method: 'PATCH',
      url: `/api/v1/companies/${companyId}/portal`,
      payload: { language: null },
    });
  });

  it("checks the portal's fields: required, unknown, choice, checkbox; nothing stored on refusal", async () => {
    const patch = await call(app, admin, {
      method: 'PATCH',
      url: `/api/v1/companies/${companyId}/portal`,
      payload: {
        fields: {
          phone: 'required',
          custom: [
            { key: 'product', label: 'Product', type: 'choice', required: true, options: ['Laptop', 'Phone'] },
            { key: 'agree', label: 'I agree', type: 'checkbox', required: true },
          ],
        },
      },
    });
    expect(patch.statusCode, patch.body).toBe(200);
    const requests = () => countOf(db, sql`select count(*)::int as n from support_requests`);
    const before = await requests();
    const res = await submit(app, slug, { ...customer(2), fields: { product: 'Car', extra: 'x', agree: 'yes' } });
    expect(res.statusCode).toBe(400);
    const paths = res
      .json()
      .error.details.map((d: { path: string }) => d.path)
      .sort();
    expect(paths).toEqual(['fields.agree', 'fields.extra', 'fields.phone', 'fields.product']);
    expect(await requests()).toBe(before);
    const ok = await submit(app, slug, {
      ...customer(2),
      fields: { product: 'Laptop', agree: true, phone: '+33 1 23 45 67 89' },
    });
    expect(ok.statusCode, ok.body).toBe(201);
    await call(app, admin, {
      method: 'PATCH',
      url: `/api/v1/companies/${companyId}/portal`,
      payload: { fields: { phone: 'hidden', custom: [] } },
    });
  });

  it('refuses a name that would inject e-mail headers, and a disabled or unknown portal', async () => {
    const res = await submit(app, slug, { ...customer(3), name: 'Eve\r\nBcc: victim@example.test' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0].path).toBe('name');
    expect((await submit(app, 'no-such-portal', customer(3))).statusCode).toBe(404);
  });

  it('gives sequential numbers per account, even when submitted at once', async () => {
    await offlineEverybody();
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => submit(app, slug, customer(100 + i))));
    const numbers = results.map((r) => r.json().number as number).sort((a, b) => a - b);
    expect(new Set(numbers).size).toBe(8);
    expect(numbers.at(-1)! - numbers[0]!).toBe(7);
  });

  it('rate-limits per address', async () => {
    await offlineEverybody();
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await submit(app, slug, customer(200 + i), '192.0.2.77')).statusCode);
    expect(statuses.slice(0, 10).every((s) => s === 201)).toBe(true);
    expect(statuses[10]).toBe(429);
  });
});

describe('the live queue', () => {
  it('joins the queue when a technician is available and in hours; two accepting at once: one 200, one 409', async () => {
    await online(db, account.id, [alice.user.id, bob.user.id]);
    const res = await submit(app, slug, customer(4));
    expect(res.json()).toMatchObject({ status: 'waiting', offlineReason: null });
    const id = res.json().id;
    const list = await get(alice.caller, '/api/v1/support-requests?view=new');
    expect(list.json().items.map((r: { id: string }) => r.id)).toContain(id);
    const detail = await get(alice.caller, `/api/v1/support-requests/${id}`);
    expect(detail.json().queue).toMatchObject({
      position: expect.any(Number),
      estimatedWaitSeconds: expect.any(Number),
    });

    const [a, b] = await Promise.all([
      post(alice.caller, `/api/v1/support-requests/${id}/accept`),
      post(bob.caller, `/api/v1/support-requests/${id}/accept`),
    ]);
    const statuses = [a.statusCode, b.statusCode].sort();
    expect(statuses).toEqual([200, 409]);
    const loser = a.statusCode === 409 ? a : b;
    expect(loser.json().error.details).toMatchObject({ reason: 'taken', by: { id: expect.any(String) } });
    const winner = a.statusCode === 200 ? alice : bob;
    const other = a.statusCode === 200 ? bob : alice;

    // chat over HTTP, both ways, then the transcript in order
    const send = await post(winner.caller, `/api/v1/support-requests/${id}/messages`, {
      clientId: 'm-1',
      body: 'Hello, how can I help?',
    });
    expect(send.statusCode, send.body).toBe(201);
    expect(
      (
        await post(winner.caller, `/api/v1/support-requests/${id}/messages`, {
          clientId: 'm-1',
          body: 'Hello, how can I help?',
        })
      ).statusCode,
    ).toBe(200);
    expect(
      (await post(other.caller, `/api/v1/support-requests/${id}/messages`, { clientId: 'm-x', body: 'not mine' }))
        .statusCode,
    ).toBe(403);
    const reply = await app.inject({
      method: 'POST',
      url: `/api/portal/${slug}/requests/${id}/messages`,
      headers: visitor(res.json().visitorToken),
      payload: { clientId: 'c-1', body: '<script>alert(1)</script>' },
    });
    expect(reply.statusCode, reply.body).toBe(201);

    // transfer, then close with outcome and notes
    const transfer = await post(winner.caller, `/api/v1/support-requests/${id}/transfer`, { userId: other.user.id });
    expect(transfer.statusCode, transfer.body).toBe(200);
    expect(transfer.json().assignee.id).toBe(other.user.id);
    const close = await post(other.caller, `/api/v1/support-requests/${id}/close`, {
      outcome: 'resolved',
      notes: 'Rebooted',
    });
    expect(close.statusCode, close.body).toBe(200);
    expect(close.json()).toMatchObject({ status: 'closed', outcome: 'resolved', closeNotes: 'Rebooted' });
    expect((await post(other.caller, `/api/v1/support-requests/${id}/close`, { outcome: 'resolved' })).statusCode).toBe(
      409,
    );

    const transcript = (await get(other.caller, `/api/v1/support-requests/${id}/messages`)).json();
    expect(transcript.items.map((m: { seq: number }) => m.seq)).toEqual(
      transcript.items.map((_: unknown, i: number) => i + 1),
    );
    expect(transcript.items.map((m: { author: { type: string } }) => m.author.type)).toEqual([
      'customer',
      'system',
      'technician',
      'customer',
      'system',
      'system',
    ]);
    expect(transcript.items[3].body).toBe('<script>alert(1)</script>');
    const completed = (await get(other.caller, '/api/v1/support-requests?view=completed')).json();
    expect(completed.items.map((r: { id: string }) => r.id)).toContain(id);
    expect(await eventTypesAbout(db, id)).toEqual(['request.created', 'request.accepted', 'request.closed']);
  });

  it('turns a waiting request into an offline question when the wait runs out (controlled clock)', async () => {
    await online(db, account.id, [alice.user.id]);
    const res = await submit(app, slug, { ...customer(5), email: 'waited@example.test' });
    expect(res.json().status).toBe('waiting');
    const id = res.json().id;
    expect(await sweepWaiting(db, config, new Date(Date.now() + 30_000))).toBe(0);
    expect(await statusOf(id)).toBe('waiting');
    const later = new Date(Date.now() + 121_000);
    const [first, second] = await Promise.all([sweepWaiting(db, config, later), sweepWaiting(db, config, later)]);
    expect(first + second).toBeGreaterThanOrEqual(1);
    expect(await statusOf(id)).toBe('offline');
    expect(await outboxRowsTo(db, 'waited@example.test')).toHaveLength(1);
    expect((await requestRow(db, id)).offlineReason).toBe('wait_timeout');
  });

  it('goes offline outside business hours', async () => {
    await online(db, account.id, [alice.user.id]);
    const closed = {
      timeZone: 'UTC',
      days: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] },
      holidays: [],
    };
    expect(
      (
        await call(app, admin, {
          method: 'PATCH',
          url: `/api/v1/companies/${companyId}/portal`,
          payload: { businessHours: closed },
        })
      ).statusCode,
    ).toBe(200);
    const res = await submit(app, slug, customer(6));
    expect(res.json()).toMatchObject({ status: 'offline', offlineReason: 'outside_hours' });
    await call(app, admin, {
      method: 'PATCH',
      url: `/api/v1/companies/${companyId}/portal`,
      payload: { businessHours: null },
    });
  });
});

describe('the Service Desk', () => {
  it('assigns, answers by e-mail in the portal language, takes the reply at the link, closes', async () => {
    await offlineEverybody();
    const res = await submit(app, slug, { ...customer(7), email: 'desk@example.test' });
    const { id, visitorToken } = res.json();
    // the customer opens the e-mailed link: their address is proven, answers come in full
    const received = await outboxRowsTo(db, 'desk@example.test');
    const opened = await app.inject({
      method: 'GET',
      url: `/api/portal/${slug}/requests/${id}`,
      headers: visitor(/#t=([\w-]+)/.exec(received[0]!.bodyText)![1]!),
    });
    expect(opened.json().emailConfirmed).toBe(true);
    const inbox = (await get(alice.caller, '/api/v1/support-requests?view=inbox')).json();
    expect(inbox.items.map((r: { id: string }) => r.id)).toContain(id);
    expect(
      (await post(alice.caller, `/api/v1/support-requests/${id}/assign`, { userId: bob.user.id })).json().assignee.id,
    ).toBe(bob.user.id);
    const answer = await post(bob.caller, `/api/v1/support-requests/${id}/answer`, {
      clientId: 'a-1',
      body: 'Try turning it off and on.',
    });
    expect(answer.statusCode, answer.body).toBe(200);
    expect(answer.json().status).toBe('answered');
    // a resend sends no second e-mail
    expect(
      (
        await post(bob.caller, `/api/v1/support-requests/${id}/answer`, {
          clientId: 'a-1',
          body: 'Try turning it off and on.',
        })
      ).statusCode,
    ).toBe(200);
    const mails = await outboxRowsTo(db, 'desk@example.test');
    expect(mails.map((m) => m.kind)).toEqual(['support_question_received', 'support_question_answered']);
    expect(mails[1]!.bodyText).toContain('Try turning it off and on.');
    // the link of every e-mail the customer received opens the question, the first one included
    for (const mail of mails) {
      const token = /#t=([\w-]+)/.exec(mail.bodyText)![1]!;
      const view = await app.inject({
        method: 'GET',
        url: `/api/portal/${slug}/requests/${id}`,
        headers: visitor(token),
      });
      expect(view.statusCode, `link of ${mail.kind}`).toBe(200);
    }
    expect(
      (await app.inject({ method: 'GET', url: `/api/portal/${slug}/requests/${id}`, headers: visitor('x'.repeat(43)) }))
        .statusCode,
    ).toBe(404);
    const messages = (
      await app.inject({
        method: 'GET',
        url: `/api/portal/${slug}/requests/${id}/messages`,
        headers: visitor(visitorToken),
      })
    ).json();
    expect(messages.items.at(-1)).toMatchObject({ author: { type: 'technician' }, body: 'Try turning it off and on.' });
    const reply = await app.inject({
      method: 'POST',
      url: `/api/portal/${slug}/requests/${id}/messages`,
      headers: visitor(visitorToken),
      payload: { clientId: 'r-1', body: 'It worked, thanks' },
    });
    expect(reply.statusCode).toBe(201);
    expect(await statusOf(id)).toBe('offline');
    const close = await post(bob.caller, `/api/v1/support-requests/${id}/close`, { outcome: 'resolved', notes: '' });
    expect(close.json().status).toBe('closed');
    const late = await app.inject({
      method: 'POST',
      url: `/api/portal/${slug}/requests/${id}/messages`,
      headers: visitor(visitorToken),
      payload: { clientId: 'r-2', body: 'one more' },
    });
    expect(late.statusCode).toBe(409);
    expect(await eventTypesAbout(db, id)).toEqual(['question.created', 'question.answered', 'request.closed']);
  });

  it('answers a wrong visitor token like a missing request', async () => {
    await offlineEverybody();
    const { id } = (await submit(app, slug, customer(8))).json();
    const res = await app.inject({
      method: 'GET',
      url: `/api/portal/${slug}/requests/${id}`,
      headers: visitor('wrong'),
    });
    expect(res.statusCode).toBe(404);
  });

  it('needs the seats: no Remote Support seat, no queue; viewers read the inbox', async () => {
    const plain = await seated(app, db, account, admin, []);
    const res = await get(plain.caller, '/api/v1/support-requests?view=new');
    expect(res.statusCode).toBe(403);
    expect(res.json().error.details).toMatchObject({ reason: 'seat_required', module: 'remoteSupport' });
  });
});

describe('retention', () => {
  it("deletes closed requests older than the company's sessions.recordingRetentionDays", async () => {
    await offlineEverybody();
    const { id } = (await submit(app, slug, customer(9))).json();
    await post(alice.caller, `/api/v1/support-requests/${id}/close`, { outcome: 'unknown' });
    const patch = await call(app, admin, {
      method: 'PATCH',
      url: `/api/v1/companies/${companyId}/settings`,
      payload: { values: { 'sessions.recordingRetentionDays': 10 } },
    });
    expect(patch.statusCode, patch.body).toBe(200);
    await applyRetention(db, new Date(Date.now() + 9 * 86_400_000));
    expect(await requestsWithIds(db, [id])).toHaveLength(1);
    await applyRetention(db, new Date(Date.now() + 11 * 86_400_000));
    expect(await requestsWithIds(db, [id])).toHaveLength(0);
    expect(await messagesOf(db, id)).toHaveLength(0);
  });
});
