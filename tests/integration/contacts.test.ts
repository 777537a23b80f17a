import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { systemContext } from '../../src/server/modules/audit/index.js';
import { verifyCode } from '../../src/server/modules/contacts/index.js';
import { anAccount, aUser, captured, countOf, first, methodRow, nth, outboxRowsTo } from '../support/builders/index.js';
import { call, createTestApp, signIn } from '../support/test-app.js';

const { app, database } = await createTestApp();
const db = database.db;
const account = await anAccount(db, { name: 'Contacts', companies: 2 });
const admin = await signIn(app, account.admin.email);
const tech = await aUser(db, account, { role: 'technician', companies: [account.companyIds[0]] });
const techSession = await signIn(app, tech.email);

const outboxTo = (recipient: string) => outboxRowsTo(db, recipient);
const countContacts = () => countOf(db, sql`select count(*)::int as n from contacts where account_id = ${account.id}`);

describe('contacts', () => {
  it('creates a contact with methods, numbers stored in E.164', async () => {
    const res = await call(app, admin, {
      method: 'POST',
      url: '/api/v1/contacts',
      payload: {
        name: 'Night shift',
        companyIds: [account.companyIds[1]],
        timeZone: 'Europe/Paris',
        quietHours: { start: '22:00', end: '07:00' },
        methods: [
          { type: 'email', value: ' Night@Example.test ', label: 'Work' },
          { type: 'sms', value: '+33 6 12 34 56 78' },
          { type: 'phone', value: '+1 (415) 555-2671', label: 'Desk' },
        ],
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    const contact = res.json();
    expect(contact).toMatchObject({
      name: 'Night shift',
      allCompanies: false,
      timeZone: 'Europe/Paris',
      quietHours: { start: '22:00', end: '07:00' },
      userId: null,
    });
    expect(contact.companies.map((c: { id: string }) => c.id)).toEqual([account.companyIds[1]]);
    expect(
      contact.methods.map((m: { type: string; value: string; verified: boolean }) => [m.type, m.value, m.verified]),
    ).toEqual([
      ['email', 'night@example.test', false],
      ['sms', '+33612345678', false],
      ['phone', '+14155552671', false],
    ]);
    // a technician of the first company does not see a contact of the second only
    expect((await call(app, techSession, { method: 'GET', url: `/api/v1/contacts/${contact.id}` })).statusCode).toBe(
      404,
    );
    const list = await call(app, techSession, { method: 'GET', url: '/api/v1/contacts?search=night' });
    expect(list.json().items).toEqual([]);
  });

  it('refuses bad input with a clear error and writes nothing', async () => {
    const before = await countContacts();
    const bad = [
      { name: 'X', methods: [{ type: 'sms', value: '0612345678' }] },
      { name: 'X', methods: [{ type: 'email', value: 'not-an-address' }] },
      { name: 'X', companyIds: ['00000000-0000-4000-8000-000000000000'] },
      { name: 'X', timeZone: 'Mars/Olympus' },
      { name: 'X', quietHours: { start: '25:00', end: '07:00' } },
      { name: '', methods: [] },
    ];
    for (const payload of bad) {
      const res = await call(app, admin, { method: 'POST', url: '/api/v1/contacts', payload });
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.json().error.code).toBe('validation_failed');
    }
    const phone = await call(app, admin, { method: 'POST', url: '/api/v1/contacts', payload: bad[0] });
    expect(phone.json().error.details[0]).toMatchObject({
      path: 'methods.0.value',
      message: expect.stringMatching(/country code/),
    });
    expect(await countContacts()).toBe(before);
  });

  it('gives every user a contact kept in step with their profile; only the user renames it', async () => {
    const list = await call(app, admin, {
      method: 'GET',
      url: `/api/v1/contacts?search=${encodeURIComponent(tech.email)}`,
    });
    const mine = list.json().items[0];
    expect(mine).toMatchObject({
      userId: tech.id,
      name: 'Test technician',
      abilities: { update: true, delete: false },
    });
    expect(mine.methods).toEqual([expect.objectContaining({ type: 'email', value: tech.email, primary: true })]);

    const renamed = await call(app, techSession, {
      method: 'PATCH',
      url: '/api/v1/me',
      payload: { name: 'Tess Tech' },
    });
    expect(renamed.statusCode).toBe(200);
    const after = await call(app, admin, { method: 'GET', url: `/api/v1/contacts/${mine.id}` });
    expect(after.json().name).toBe('Tess Tech');

    const byAdmin = await call(app, admin, {
      method: 'PATCH',
      url: `/api/v1/contacts/${mine.id}`,
      payload: { name: 'Someone else' },
    });
    expect(byAdmin.statusCode).toBe(409);
    const email = await call(app, admin, {
      method: 'PATCH',
      url: `/api/v1/contacts/${mine.id}/methods/${mine.methods[0].id}`,
      payload: { value: 'other@example.test' },
    });
    expect(email.statusCode).toBe(409);
    expect((await call(app, admin, { method: 'DELETE', url: `/api/v1/contacts/${mine.id}` })).statusCode).toBe(409);
    // an administrator may still add methods and quiet hours to it
    const sms = await call(app, admin, {
      method: 'POST',
      url: `/api/v1/contacts/${mine.id}/methods`,
      payload: { type: 'sms', value: '+44 7911 123456' },
    });
    expect(sms.statusCode).toBe(201);
    // technicians read, never write
    expect(
      (
        await call(app, techSession, {
          method: 'PATCH',
          url: `/api/v1/contacts/${mine.id}`,
          payload: { timeZone: 'UTC' },
        })
      ).statusCode,
    ).toBe(403);
  });

  it('verifies an e-mail address by a link that works once', async () => {
    const created = (
      await call(app, admin, {
        method: 'POST',
        url: '/api/v1/contacts',
        payload: { name: 'Linda', methods: [{ type: 'email', value: 'linda@example.test' }] },
      })
    ).json();
    const methodId = created.methods[0].id;
    const sent = await call(app, admin, {
      method: 'POST',
      url: `/api/v1/contacts/${created.id}/methods/${methodId}/verification`,
    });
    expect(sent.statusCode).toBe(202);
    const message = first(await outboxTo('linda@example.test'));
    expect(message.kind).toBe('contact_verification');
    const token = captured(/contact-verification\/([\w-]+)/, message.bodyText);
    const confirmed = await app.inject({ method: 'POST', url: `/api/v1/contact-verifications/${token}` });
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.json()).toMatchObject({ verified: true, value: 'linda@example.test' });
    expect((await app.inject({ method: 'POST', url: `/api/v1/contact-verifications/${token}` })).statusCode).toBe(404);
    const after = (await call(app, admin, { method: 'GET', url: `/api/v1/contacts/${created.id}` })).json();
    expect(after.methods[0]).toMatchObject({ verified: true, verificationPending: false });
    // a changed address must be verified again
    const changed = await call(app, admin, {
      method: 'PATCH',
      url: `/api/v1/contacts/${created.id}/methods/${methodId}`,
      payload: { value: 'linda2@example.test' },
    });
    expect(changed.json()).toMatchObject({ value: 'linda2@example.test', verified: false });
  });

  it('verifies an SMS number by a six-digit code: hashed, limited tries, expiring', async () => {
    const created = (
      await call(app, admin, {
        method: 'POST',
        url: '/api/v1/contacts',
        payload: { name: 'Sam', methods: [{ type: 'sms', value: '+33 7 00 00 00 01' }] },
      })
    ).json();
    const methodId = created.methods[0].id;
    const url = `/api/v1/contacts/${created.id}/methods/${methodId}`;
    await call(app, admin, { method: 'POST', url: `${url}/verification` });
    const sms = first(await outboxTo('+33700000001'));
    expect(sms.channel).toBe('sms');
    const code = captured(/(\d{6})/, sms.bodyText);
    const stored = await methodRow(db, methodId);
    expect(stored.verificationHash).not.toContain(code);
    const wrong = code === '000000' ? '111111' : '000000';
    for (let i = 0; i < 4; i++) {
      const res = await call(app, admin, { method: 'POST', url: `${url}/verify`, payload: { code: wrong } });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.details[0].message).toContain(`${4 - i} ${4 - i === 1 ? 'try' : 'tries'} left`);
    }
    // the fifth wrong code spends it: even the right one no longer works
    expect(
      (await call(app, admin, { method: 'POST', url: `${url}/verify`, payload: { code: wrong } })).statusCode,
    ).toBe(409);
    expect((await call(app, admin, { method: 'POST', url: `${url}/verify`, payload: { code } })).statusCode).toBe(409);

    // a new code, checked after it expired (controlled clock), then in time
    await call(app, admin, { method: 'POST', url: `${url}/verification` });
    const second = captured(/(\d{6})/, nth(await outboxTo('+33700000001'), 1).bodyText);
    const actor = {
      userId: account.admin.id,
      accountId: account.id,
      name: 'Admin',
      email: account.admin.email,
      role: 'administrator' as const,
      allCompanies: true,
      companyIds: [],
      via: 'session' as const,
      tokenId: null,
    };
    await expect(
      verifyCode(db, systemContext('test'), actor, created.id, methodId, second, new Date(Date.now() + 11 * 60_000)),
    ).rejects.toMatchObject({ code: 'conflict' });
    const ok = await call(app, admin, { method: 'POST', url: `${url}/verify`, payload: { code: second } });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(
      (await call(app, admin, { method: 'GET', url: `/api/v1/contacts/${created.id}` })).json().methods[0].verified,
    ).toBe(true);
  });

  it('deletes a contact after confirmation; the contact page says what uses it', async () => {
    const created = (
      await call(app, admin, { method: 'POST', url: '/api/v1/contacts', payload: { name: 'Temp' } })
    ).json();
    const detail = (await call(app, admin, { method: 'GET', url: `/api/v1/contacts/${created.id}` })).json();
    expect(detail.usage).toEqual({ alertRules: [], reportSchedules: [] });
    expect((await call(app, admin, { method: 'DELETE', url: `/api/v1/contacts/${created.id}` })).statusCode).toBe(204);
    expect((await call(app, admin, { method: 'GET', url: `/api/v1/contacts/${created.id}` })).statusCode).toBe(404);
  });
});
