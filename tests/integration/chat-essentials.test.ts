import { describe, expect, it } from 'vitest';
import { call, createTestApp, signIn, type Caller } from '../support/test-app.js';
import { anAccount, auditActionsOf, nobodyOnline, slugOf } from '../support/builders/index.js';
import { customer, online, seated, submit, visitor } from './support-kit.js';

const { app, database } = await createTestApp();
const db = database.db;

const account = await anAccount(db, { name: 'Chat essentials', companies: 2 });
const admin = await signIn(app, account.admin.email);
const [companyA, companyB] = [account.companyIds[0]!, account.companyIds[1]!];
const slugA = await slugOf(db, companyA);
const slugB = await slugOf(db, companyB);
// alice works for A only; bob for A and B
const alice = await seated(app, db, account, admin, ['remoteSupport', 'serviceDesk'], [companyA]);
const bob = await seated(app, db, account, admin, ['remoteSupport', 'serviceDesk'], [companyA, companyB]);
const other = await anAccount(db, { name: 'Other account' });
const otherAdmin = await signIn(app, other.admin.email);

const get = (caller: Caller, url: string) => call(app, caller, { method: 'GET', url });
const post = (caller: Caller, url: string, payload?: object) =>
  call(app, caller, { method: 'POST', url, payload: payload ?? {} });

async function reply(caller: Caller, payload: object) {
  const res = await post(caller, '/api/v1/canned-replies', payload);
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; shortcut: string; scope: string };
}

/** A live chat on a company's portal taken by `tech`: the request's id and the customer's token. */
async function acceptedChat(slug: string, tech: { user: { id: string }; caller: Caller }, n: number) {
  await online(db, account.id, [tech.user.id]);
  const created = await submit(app, slug, customer(n));
  expect(created.statusCode, created.body).toBe(201);
  const { id, visitorToken } = created.json() as { id: string; visitorToken: string };
  const accepted = await post(tech.caller, `/api/v1/support-requests/${id}/accept`);
  expect(accepted.statusCode, accepted.body).toBe(200);
  return { id, token: visitorToken };
}

async function closedChat(slug: string, tech: { user: { id: string }; caller: Caller }, n: number) {
  const chat = await acceptedChat(slug, tech, n);
  const closed = await post(tech.caller, `/api/v1/support-requests/${chat.id}/close`, { outcome: 'resolved' });
  expect(closed.statusCode, closed.body).toBe(200);
  return chat;
}

const rate = (slug: string, chat: { id: string; token: string }, payload: object) =>
  app.inject({
    method: 'POST',
    url: `/api/portal/${slug}/requests/${chat.id}/rating`,
    headers: visitor(chat.token),
    payload,
  });

describe('canned replies', () => {
  it('scopes: administrators make account and company replies, technicians only their own; each sees what applies', async () => {
    const everyone = await reply(admin, {
      scope: 'account',
      title: 'Greeting',
      shortcut: 'hello',
      body: 'Hello {customer}!',
    });
    const forA = await reply(admin, {
      scope: 'company',
      companyId: companyA,
      title: 'A',
      shortcut: 'a-only',
      body: 'A',
    });
    const forB = await reply(admin, {
      scope: 'company',
      companyId: companyB,
      title: 'B',
      shortcut: 'b-only',
      body: 'B',
    });
    const mine = await reply(alice.caller, { scope: 'personal', title: 'Mine', shortcut: 'mine', body: 'Mine' });
    const bobs = await reply(bob.caller, { scope: 'personal', title: 'Bob', shortcut: 'bob', body: 'Bob' });

    // technicians cannot make shared replies (403), nothing stored
    for (const payload of [
      { scope: 'account', title: 'X', shortcut: 'x', body: 'x' },
      { scope: 'company', companyId: companyA, title: 'X', shortcut: 'x', body: 'x' },
    ]) {
      expect((await post(alice.caller, '/api/v1/canned-replies', payload)).statusCode).toBe(403);
    }
    // a company outside alice's access is not found, as a missing one
    expect(
      (
        await post(alice.caller, '/api/v1/canned-replies', {
          scope: 'company',
          companyId: companyB,
          title: 'X',
          shortcut: 'x',
          body: 'x',
        })
      ).statusCode,
    ).toBe(404);
    // field problems on their fields
    const bad = await post(admin, '/api/v1/canned-replies', {
      scope: 'company',
      title: '',
      shortcut: 'Bad Name',
      body: 'x',
    });
    expect(bad.statusCode).toBe(400);
    const paths = (bad.json().error.details as { path: string }[]).map((d) => d.path).sort();
    expect(paths).toEqual(expect.arrayContaining(['shortcut', 'title']));

    const shortcuts = async (caller: Caller, query = '') =>
      ((await get(caller, `/api/v1/canned-replies${query}`)).json().items as { shortcut: string }[])
        .map((r) => r.shortcut)
        .sort();
    expect(await shortcuts(alice.caller)).toEqual(['a-only', 'hello', 'mine']);
    expect(await shortcuts(bob.caller)).toEqual(['a-only', 'b-only', 'bob', 'hello']);
    expect(await shortcuts(admin)).toEqual(['a-only', 'b-only', 'hello']);
    expect(await shortcuts(otherAdmin)).toEqual([]);

    // in one chat: the account's, that chat's company's and mine
    const chatB = await acceptedChat(slugB, bob, 50);
    expect(await shortcuts(bob.caller, `?requestId=${chatB.id}`)).toEqual(['b-only', 'bob', 'hello']);
    // a chat alice cannot see, or another account's, answers 404
    expect((await get(alice.caller, `/api/v1/canned-replies?requestId=${chatB.id}`)).statusCode).toBe(404);
    expect((await get(otherAdmin, `/api/v1/canned-replies?requestId=${chatB.id}`)).statusCode).toBe(404);

    // changes: one's own personal reply; shared ones by administrators; others' invisible
    const patch = (caller: Caller, id: string, payload: object) =>
      call(app, caller, { method: 'PATCH', url: `/api/v1/canned-replies/${id}`, payload });
    expect((await patch(alice.caller, mine.id, { body: 'Changed' })).json()).toMatchObject({ body: 'Changed' });
    expect((await patch(alice.caller, everyone.id, { body: 'No' })).statusCode).toBe(403);
    expect((await patch(alice.caller, forB.id, { body: 'No' })).statusCode).toBe(404);
    expect((await patch(alice.caller, bobs.id, { body: 'No' })).statusCode).toBe(404);
    expect((await patch(admin, bobs.id, { body: 'No' })).statusCode).toBe(404);
    expect((await patch(otherAdmin, everyone.id, { body: 'No' })).statusCode).toBe(404);
    expect((await patch(admin, forA.id, { title: 'A again' })).json()).toMatchObject({ title: 'A again' });
    const del = (caller: Caller, id: string) =>
      call(app, caller, { method: 'DELETE', url: `/api/v1/canned-replies/${id}` });
    expect((await del(bob.caller, forA.id)).statusCode).toBe(403);
    expect((await del(alice.caller, bobs.id)).statusCode).toBe(404);
    expect((await del(bob.caller, bobs.id)).statusCode).toBe(204);
    expect(await shortcuts(bob.caller)).toEqual(['a-only', 'b-only', 'hello']);

    expect(await auditActionsOf(db, mine.id)).toEqual(['canned_reply.create', 'canned_reply.update']);
    expect(await auditActionsOf(db, bobs.id)).toEqual(['canned_reply.create', 'canned_reply.delete']);
  });
});

describe('the unread badge', () => {
  const unreadOf = async (caller: Caller, view: string, id: string) => {
    const items = (await get(caller, `/api/v1/support-requests?view=${view}`)).json().items as {
      id: string;
      unread: number;
    }[];
    return items.find((r) => r.id === id)?.unread;
  };

  it("counts the customer's messages only: a technician's own messages and answers clear it", async () => {
    const chat = await acceptedChat(slugA, alice, 60);
    // the customer's question is unread until the technician answers
    expect(await unreadOf(alice.caller, 'mine', chat.id)).toBeGreaterThan(0);
    const sent = await post(alice.caller, `/api/v1/support-requests/${chat.id}/messages`, {
      clientId: 'c-1',
      body: 'On it',
    });
    expect(sent.statusCode, sent.body).toBe(201);
    expect(await unreadOf(alice.caller, 'mine', chat.id)).toBe(0);

    // an offline question answered in the Service Desk
    await nobodyOnline(db, account.id);
    const created = await submit(app, slugA, customer(61));
    const question = created.json() as { id: string; status: string };
    expect(question.status).toBe('offline');
    // the customer's one question is one unread message: the system's "we will answer by e-mail" line is not counted
    expect(await unreadOf(alice.caller, 'inbox', question.id)).toBe(1);
    const answered = await post(alice.caller, `/api/v1/support-requests/${question.id}/answer`, {
      clientId: 'a-1',
      body: 'Here is how',
    });
    expect(answered.statusCode, answered.body).toBe(200);
    expect(await unreadOf(alice.caller, 'mine', question.id)).toBe(0);
  });
});

describe('satisfaction', () => {
  it('asked at the end of a chat a technician held, stored once, even for answers sent at once', async () => {
    const chat = await acceptedChat(slugA, alice, 70);
    const view = () =>
      app.inject({
        method: 'GET',
        url: `/api/portal/${slugA}/requests/${chat.id}/rating`,
        headers: visitor(chat.token),
      });
    // not while the chat goes on
    expect((await view()).json()).toEqual({ asked: false, rating: null });
    expect((await rate(slugA, chat, { score: 5 })).json().error.details).toMatchObject({ reason: 'rating_not_asked' });
    await post(alice.caller, `/api/v1/support-requests/${chat.id}/close`, { outcome: 'resolved' });
    expect((await view()).json()).toEqual({ asked: true, rating: null });
    // bad input: 400, nothing stored
    expect((await rate(slugA, chat, { score: 0 })).statusCode).toBe(400);
    expect((await rate(slugA, chat, { score: 6 })).statusCode).toBe(400);
    // a wrong token: 404
    expect((await rate(slugA, { id: chat.id, token: 'nope' }, { score: 5 })).statusCode).toBe(404);
    const answers = await Promise.all([
      rate(slugA, chat, { score: 4, comment: 'Quick <b>and</b> kind' }),
      rate(slugA, chat, { score: 1 }),
      rate(slugA, chat, { score: 2 }),
    ]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([201, 409, 409]);
    const stored = (await view()).json();
    expect(stored.asked).toBe(true);
    const kept = answers.find((a) => a.statusCode === 201)!.json();
    expect(stored.rating).toMatchObject({ score: kept.score });
    const again = await rate(slugA, chat, { score: 3 });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.details).toMatchObject({ reason: 'already_rated' });
  });

  it('not asked where the company turned it off', async () => {
    const off = await call(app, admin, {
      method: 'PATCH',
      url: `/api/v1/companies/${companyB}/settings`,
      payload: { values: { 'portal.satisfactionSurvey': false } },
    });
    expect(off.statusCode, off.body).toBe(200);
    const chat = await closedChat(slugB, bob, 80);
    const view = await app.inject({
      method: 'GET',
      url: `/api/portal/${slugB}/requests/${chat.id}/rating`,
      headers: visitor(chat.token),
    });
    expect(view.json()).toEqual({ asked: false, rating: null });
    expect((await rate(slugB, chat, { score: 5 })).statusCode).toBe(409);
    await call(app, admin, {
      method: 'PATCH',
      url: `/api/v1/companies/${companyB}/settings`,
      payload: { values: { 'portal.satisfactionSurvey': null } },
    });
  });

  it('reported per technician and company, within the period and the companies one can see', async () => {
    const fresh = await anAccount(db, { name: 'Ratings', companies: 2 });
    const freshAdmin = await signIn(app, fresh.admin.email);
    const [c1, c2] = [fresh.companyIds[0]!, fresh.companyIds[1]!];
    const [s1, s2] = [await slugOf(db, c1), await slugOf(db, c2)];
    const t1 = await seated(app, db, fresh, freshAdmin, ['remoteSupport'], [c1]);
    const t2 = await seated(app, db, fresh, freshAdmin, ['remoteSupport'], [c1, c2]);
    const rated = async (slug: string, tech: typeof t1, n: number, score: number) => {
      await online(db, fresh.id, [tech.user.id]);
      const created = (await submit(app, slug, customer(n))).json() as { id: string; visitorToken: string };
      expect((await post(tech.caller, `/api/v1/support-requests/${created.id}/accept`)).statusCode).toBe(200);
      expect(
        (await post(tech.caller, `/api/v1/support-requests/${created.id}/close`, { outcome: 'resolved' })).statusCode,
      ).toBe(200);
      const res = await rate(slug, { id: created.id, token: created.visitorToken }, { score });
      expect(res.statusCode, res.body).toBe(201);
      await nobodyOnline(db, fresh.id);
    };
    await rated(s1, t1, 1, 5);
    await rated(s1, t1, 2, 4);
    await rated(s1, t2, 3, 2);
    await rated(s2, t2, 4, 1);
    await rated(s2, t2, 5, 1);

    const summary = async (caller: Caller, query = '') => {
      const res = await get(caller, `/api/v1/support-ratings/summary${query}`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json();
    };
    const all = await summary(freshAdmin);
    expect(all.total).toEqual({ count: 5, average: 2.6, distribution: [2, 1, 0, 1, 1] });
    const byTech = Object.fromEntries(
      all.byTechnician.map((r: { technician: { id: string } }) => [r.technician.id, r]),
    );
    expect(byTech[t1.user.id]).toMatchObject({ count: 2, average: 4.5, distribution: [0, 0, 0, 1, 1] });
    expect(byTech[t2.user.id]).toMatchObject({ count: 3, average: 1.33, distribution: [2, 1, 0, 0, 0] });
    const byCompany = Object.fromEntries(all.byCompany.map((r: { company: { id: string } }) => [r.company.id, r]));
    expect(byCompany[c1]).toMatchObject({ count: 3, average: 3.67 });
    expect(byCompany[c2]).toMatchObject({ count: 2, average: 1, distribution: [2, 0, 0, 0, 0] });

    // a technician of c1 only sees c1's ratings; c2 named answers 404
    const t1View = await summary(t1.caller);
    expect(t1View.total.count).toBe(3);
    expect(t1View.byCompany.map((r: { company: { id: string } }) => r.company.id)).toEqual([c1]);
    expect((await get(t1.caller, `/api/v1/support-ratings/summary?companyId=${c2}`)).statusCode).toBe(404);
    // one company; another account's ratings never counted; the period
    expect((await summary(freshAdmin, `?companyId=${c2}`)).total.count).toBe(2);
    expect((await get(admin, `/api/v1/support-ratings/summary?companyId=${c1}`)).statusCode).toBe(404);
    expect((await summary(admin)).total.count).toBe(1);
    expect((await summary(freshAdmin, '?to=2000-01-01')).total).toEqual({
      count: 0,
      average: null,
      distribution: [0, 0, 0, 0, 0],
    });
  });
});
