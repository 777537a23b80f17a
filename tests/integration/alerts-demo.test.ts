import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { demoAdminEmail, seedDemo } from '../../src/server/demo/seed.js';
import { call, createTestApp, signIn } from '../support/test-app.js';

const { app, database } = await createTestApp();

describe('the demo account’s alerts', () => {
  it('has contacts with methods, alert rules sending to them, and past alerts in the delivery log', async () => {
    await seedDemo(database, pino({ level: 'silent' }));
    const alice = await signIn(app, demoAdminEmail, 'tandem demo password');

    const contacts = await call(app, alice, { method: 'GET', url: '/api/v1/contacts?limit=100' });
    expect(contacts.statusCode, contacts.body).toBe(200);
    const onCall = contacts.json().items.find((c: { name: string }) => c.name === 'Northwind on-call');
    expect(onCall.methods.map((m: { type: string; verified: boolean }) => [m.type, m.verified]).sort()).toEqual([
      ['email', true],
      ['phone', false],
      ['sms', true],
    ]);
    const contoso = contacts.json().items.find((c: { name: string }) => c.name.startsWith('Gérard'));
    expect(contoso.companies.map((c: { name: string }) => c.name)).toEqual(['Contoso Retail']);

    const rules = await call(app, alice, { method: 'GET', url: '/api/v1/alert-rules?limit=100' });
    expect(rules.statusCode, rules.body).toBe(200);
    const byName = new Map(rules.json().items.map((r: { name: string }) => [r.name, r]));
    expect([...byName.keys()].sort()).toEqual([
      'Contoso tills offline',
      'Customers waiting over 5 minutes',
      'Repeated failed sign-ins',
      'Server or kiosk offline 10 minutes',
    ]);
    expect(byName.get('Server or kiosk offline 10 minutes')).toMatchObject({
      event: 'device_offline',
      delayMinutes: 10,
      urgent: true,
      recipients: [{ name: 'Northwind on-call', methodTypes: ['sms', 'email'] }],
    });
    expect(byName.get('Repeated failed sign-ins')).toMatchObject({ recipients: [{ name: 'Alice Martin' }] });

    const log = await call(app, alice, { method: 'GET', url: '/api/v1/outbox?limit=100' });
    expect(log.statusCode, log.body).toBe(200);
    const alerts = log.json().items.filter((m: { kind: string }) => m.kind.startsWith('alert_'));
    expect(alerts.map((m: { status: string }) => m.status).sort()).toEqual(['failed', 'sent', 'sent', 'sent']);
    expect(alerts.find((m: { status: string }) => m.status === 'failed')).toMatchObject({
      attempts: 5,
      lastError: expect.stringContaining('mailbox unavailable'),
    });
  });
});
