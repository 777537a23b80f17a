import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { limits } from '../../src/shared/limits.js';
import { call, createTestApp, signIn } from '../support/test-app.js';
import { anAccount, countOf, requestRow, requestsOfCompany, outboxRowsTo, slugOf } from '../support/builders/index.js';
import { httpAll, listenOnLoopback, statusCounts, type HttpCall } from '../support/parallel-http.js';
import { seated, submit, visitor } from './support-kit.js';

/**
 * A portal is not a way to make the server e-mail anyone with any text: the first e-mail to an
 * address nobody proved carries nothing the customer typed, answers are e-mailed in full only
 * once a follow link was opened, and the submission limits hold under parallel requests.
 */
const { app, database } = await createTestApp();
const db = database.db;

const account = await anAccount(db, { name: 'Relay', companies: 2 });
const admin = await signIn(app, account.admin.email);
const companyId = account.companyIds[0]!;
const slug = await slugOf(db, companyId);
const desk = await seated(app, db, account, admin, ['serviceDesk']);

const spam = { name: 'Cheap pills at pills.example', question: 'Claim your prize now at https://prize.example/win' };
const linkToken = (text: string) => /#t=([\w-]+)/.exec(text)![1]!;

describe('e-mail to an address nobody proved', () => {
  it("the first e-mail is a fixed text with the private link: neither the customer's name nor their question", async () => {
    const res = await submit(app, slug, { ...spam, email: 'victim1@example.test' });
    expect(res.statusCode, res.body).toBe(201);
    const { id, number } = res.json();
    const mails = await outboxRowsTo(db, 'victim1@example.test');
    expect(mails).toHaveLength(1);
    const mail = mails[0]!;
    for (const part of [mail.subject, mail.bodyText, mail.bodyHtml]) {
      expect(part).not.toContain('pills');
      expect(part).not.toContain('prize');
    }
    expect(mail.subject).toContain(`#${number}`);
    expect(mail.bodyText).toContain(`/requests/${id}#t=`);
    expect(mail.bodyText).toContain('If you did not ask anything, ignore this e-mail.');
  });

  it('an answer is only announced until the follow link is opened; then answers are e-mailed in full', async () => {
    const res = await submit(app, slug, { ...spam, email: 'victim2@example.test' });
    const { id, visitorToken } = res.json();
    // the browser's own token proves nothing about the address
    const inBrowser = await app.inject({
      method: 'GET',
      url: `/api/portal/${slug}/requests/${id}`,
      headers: visitor(visitorToken),
    });
    expect(inBrowser.json().emailConfirmed).toBe(false);

    const first = await call(app, desk.caller, {
      method: 'POST',
      url: `/api/v1/support-requests/${id}/answer`,
      payload: { clientId: 'a-1', body: 'First answer text' },
    });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().customer.emailConfirmed).toBe(false);
    let mails = await outboxRowsTo(db, 'victim2@example.test');
    expect(mails.map((m) => m.kind)).toEqual(['support_question_received', 'support_question_answered']);
    for (const part of [mails[1]!.subject, mails[1]!.bodyText, mails[1]!.bodyHtml]) {
      expect(part).not.toContain('First answer text');
      expect(part).not.toContain('pills');
    }
    // the answer waits at the link
    const messages = await app.inject({
      method: 'GET',
      url: `/api/portal/${slug}/requests/${id}/messages`,
      headers: visitor(linkToken(mails[1]!.bodyText)),
    });
    expect(messages.json().items.at(-1)).toMatchObject({ author: { type: 'technician' }, body: 'First answer text' });

    // opening the first e-mail's link proves the address
    const opened = await app.inject({
      method: 'GET',
      url: `/api/portal/${slug}/requests/${id}`,
      headers: visitor(linkToken(mails[0]!.bodyText)),
    });
    expect(opened.statusCode).toBe(200);
    expect(opened.json().emailConfirmed).toBe(true);
    expect((await requestRow(db, id)).emailConfirmedAt).not.toBeNull();

    const second = await call(app, desk.caller, {
      method: 'POST',
      url: `/api/v1/support-requests/${id}/answer`,
      payload: { clientId: 'a-2', body: 'Second answer text' },
    });
    expect(second.json().customer.emailConfirmed).toBe(true);
    mails = await outboxRowsTo(db, 'victim2@example.test');
    expect(mails).toHaveLength(3);
    expect(mails[2]!.bodyText).toContain('Second answer text');
  });

  it('a wrong token confirms nothing', async () => {
    const { id } = (await submit(app, slug, { ...spam, email: 'victim3@example.test' })).json();
    const wrong = await app.inject({
      method: 'GET',
      url: `/api/portal/${slug}/requests/${id}`,
      headers: visitor('x'.repeat(43)),
    });
    expect(wrong.statusCode).toBe(404);
    expect((await requestRow(db, id)).emailConfirmedAt).toBeNull();
  });
});

describe('how many e-mails one address gets', () => {
  it(`at most ${limits.questionMailsPerAddressDay} new-question e-mails a day, however many addresses and portals ask at once`, async () => {
    const base = await listenOnLoopback(app);
    const other = await anAccount(db, { name: 'Relay flood', companies: 1 });
    const slugs = [slug, await slugOf(db, other.companyIds[0]!)];
    const calls: HttpCall[] = Array.from({ length: 8 }, (_, i) => ({
      method: 'POST',
      path: `/api/portal/${slugs[i % 2]}/requests`,
      body: { ...spam, email: 'flooded@example.test' },
      from: `127.0.2.${i + 10}`,
    }));
    const answers = await httpAll(base, calls);
    expect(statusCounts(answers)).toEqual({ 201: 8 });
    const emailed = answers.map((a) => a.json().followLinkEmailed as boolean);
    expect(emailed.filter(Boolean)).toHaveLength(limits.questionMailsPerAddressDay);
    expect(await outboxRowsTo(db, 'flooded@example.test')).toHaveLength(limits.questionMailsPerAddressDay);
    // a question without e-mail is kept, and followed in the browser it was asked from
    const kept = answers.find((a) => a.json().followLinkEmailed === false)!.json();
    const keptSlug = slugs[answers.findIndex((a) => a.json().id === kept.id) % 2];
    const view = await app.inject({
      method: 'GET',
      url: `/api/portal/${keptSlug}/requests/${kept.id}`,
      headers: visitor(kept.visitorToken),
    });
    expect(view.json()).toMatchObject({ status: 'offline', followLinkEmailed: false, emailConfirmed: false });
  });
});

describe('submission limits under parallel requests', () => {
  it(`one address gets exactly ${limits.submissionsPerAddress} requests in, across the portals of several accounts`, async () => {
    const base = await listenOnLoopback(app);
    const others = await Promise.all([
      anAccount(db, { name: 'Relay B', companies: 1 }),
      anAccount(db, { name: 'Relay C', companies: 1 }),
    ]);
    const slugs = [slug, ...(await Promise.all(others.map((a) => slugOf(db, a.companyIds[0]!))))];
    const calls: HttpCall[] = Array.from({ length: 36 }, (_, i) => ({
      method: 'POST',
      path: `/api/portal/${slugs[i % slugs.length]}/requests`,
      body: { name: 'Parallel', email: `parallel${i}@example.test`, question: 'Same address' },
      from: '127.0.0.77',
    }));
    const answers = await httpAll(base, calls);
    expect(statusCounts(answers)).toEqual({
      201: limits.submissionsPerAddress,
      429: 36 - limits.submissionsPerAddress,
    });
    const stored = await countOf(
      db,
      sql`select count(*)::int as n from support_requests where source_ip = '127.0.0.77'`,
    );
    expect(stored).toBe(limits.submissionsPerAddress);
  });

  it(`one portal takes exactly ${limits.submissionsPerPortalMinute} requests a minute from many addresses`, async () => {
    const base = await listenOnLoopback(app);
    const fresh = await anAccount(db, { name: 'Relay busy', companies: 1 });
    const busySlug = await slugOf(db, fresh.companyIds[0]!);
    const total = limits.submissionsPerPortalMinute + 12;
    const calls: HttpCall[] = Array.from({ length: total }, (_, i) => ({
      method: 'POST',
      path: `/api/portal/${busySlug}/requests`,
      body: { name: 'Crowd', email: `crowd${i}@example.test`, question: 'Many addresses' },
      from: `127.0.1.${(i % 40) + 10}`,
    }));
    const answers = await httpAll(base, calls);
    expect(statusCounts(answers)).toEqual({
      201: limits.submissionsPerPortalMinute,
      429: total - limits.submissionsPerPortalMinute,
    });
    expect(await requestsOfCompany(db, fresh.companyIds[0])).toHaveLength(limits.submissionsPerPortalMinute);
  });
});
