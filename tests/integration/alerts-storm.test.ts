import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { fireDueConditions, processEvents } from '../../src/server/modules/alerts/index.js';
import { seedDevices, sweepOfflineDevices } from '../../src/server/modules/devices/index.js';
import { recordEvent } from '../../src/server/platform/events/record.js';
import type { DomainEventType } from '../../src/shared/events.js';
import {
  aContact,
  anAccount,
  anAccountSetting,
  anAlertRule,
  countOf,
  outboxRowsTo,
  type TestAccount,
} from '../support/builders/index.js';
import { createTestApp } from '../support/test-app.js';

/**
 * Alerts never storm: what fires together is one message per rule, contact and method and
 * window; a contact method's hourly limit holds the rest for one summary; the real engine is
 * driven with a controlled clock, from the offline sweep for the mass outage.
 */
const { database, config } = await createTestApp();
const db = database.db;
const minutes = (n: number, from: Date) => new Date(from.getTime() + n * 60_000);

const record = (account: TestAccount, type: DomainEventType, companyId: string | null, payload: object = {}) =>
  db.transaction((tx) =>
    recordEvent(tx, {
      accountId: account.id,
      companyId,
      type,
      subjectId: randomUUID(),
      payload: payload as Record<string, unknown>,
    }),
  );

/** Reads every event and fires whatever is due at `now`, as the worker does, until nothing is left. */
async function engineAt(now: Date) {
  while ((await processEvents(db, now)) > 0);
  while ((await fireDueConditions(db, now)) > 0);
}

const firingsOf = (ruleId: string, state?: string) =>
  countOf(
    db,
    sql`select count(*)::int as n from alert_firings where rule_id = ${ruleId} ${state ? sql`and state = ${state}` : sql``}`,
  );

describe('a mass outage of 10,000 devices', () => {
  it('writes a handful of messages per contact and method, listing the devices with their count and a link', async () => {
    const account = await anAccount(db, { name: 'Storm', companies: 2 });
    const [companyA] = account.companyIds;
    const onCall = await aContact(db, account, {
      name: 'On call',
      methods: [
        { type: 'email', value: 'storm-oncall@example.test' },
        { type: 'sms', value: '+33600000901' },
      ],
    });
    const local = await aContact(db, account, {
      name: 'Local IT',
      companies: [companyA],
      language: 'fr',
      methods: [{ type: 'email', value: 'storm-local@example.test' }],
    });
    const everything = await anAlertRule(db, account, {
      name: 'Anything offline 5 minutes',
      event: 'device_offline',
      delayMinutes: 5,
      urgent: true,
      recipients: [
        { contactId: onCall.id, methodTypes: ['email', 'sms'] },
        { contactId: local.id, methodTypes: ['email'] },
      ],
    });
    // 12,500 seeded, a fifth of them offline already: 10,000 online devices that all go quiet
    await seedDevices(db, account.id, 12_500, { prefix: 'STORM' });
    const t0 = new Date(Date.now() + 86_400_000);
    const heartbeatSeconds = config.agentHeartbeatSeconds;
    expect(await sweepOfflineDevices(db, { now: t0, heartbeatSeconds })).toBe(10_000);
    await engineAt(t0);
    await engineAt(minutes(6, t0));
    await engineAt(minutes(9, t0));
    await engineAt(minutes(12, t0));
    expect(await firingsOf(everything.id)).toBe(10_000);

    const mails = await outboxRowsTo(db, 'storm-oncall@example.test');
    const texts = await outboxRowsTo(db, '+33600000901');
    const localMails = await outboxRowsTo(db, 'storm-local@example.test');
    // instead of 10,000 of each
    expect(mails.length).toBeGreaterThanOrEqual(1);
    expect(mails.length).toBeLessThanOrEqual(3);
    expect(texts.length).toBeGreaterThanOrEqual(1);
    expect(texts.length).toBeLessThanOrEqual(3);
    expect(localMails.length).toBeGreaterThanOrEqual(1);
    expect(localMails.length).toBeLessThanOrEqual(3);

    const mail = mails[0]!;
    expect(mail.subject).toBe('Devices offline: 10,000 (Anything offline 5 minutes)');
    expect(mail.bodyText).toContain('10,000 alerts of the rule "Anything offline 5 minutes" fired together');
    expect(mail.bodyText).toMatch(/• STORM-\d{6} \(/);
    expect(mail.bodyText).toContain('…and 9,980 more');
    expect(mail.bodyText).toContain('/devices?status=offline');
    expect(mail.bodyHtml).toContain('Open the list in Tandem');
    expect(texts[0]!.bodyText).toMatch(
      /^Tandem: Devices offline: 10,000 \(Anything offline 5 minutes\): STORM-\d{6}, STORM-\d{6}, STORM-\d{6} \+9,997\. http/,
    );
    // the company-limited contact hears of its company's half only, in French, linked to that company's list
    const localMail = localMails[0]!;
    expect(localMail.subject).toBe(
      `Appareils hors ligne : ${new Intl.NumberFormat('fr-FR').format(5000)} (Anything offline 5 minutes)`,
    );
    expect(localMail.bodyText).toContain(`/devices?companyId=${companyA}&status=offline`);
  }, 600_000);
});

describe('the hourly limit per contact method', () => {
  it('holds what goes beyond it and sends one summary with the counts when the hour ends', async () => {
    const account = await anAccount(db, { name: 'Limited' });
    await anAccountSetting(db, account, 'notifications.alertMessagesPerHour', 2);
    const who = await aContact(db, account, {
      name: 'Busy',
      methods: [{ type: 'email', value: 'limited@example.test' }],
    });
    const rule = await anAlertRule(db, account, {
      name: 'New devices',
      event: 'device_enrolled',
      urgent: true,
      recipients: [{ contactId: who.id, methodTypes: ['email'] }],
    });
    const t0 = new Date();
    // five windows apart, 1, 1, 2, 3 and 1 enrolments: two messages, then 6 alerts held
    const batches = [1, 1, 2, 3, 1];
    for (const [i, count] of batches.entries()) {
      for (let n = 0; n < count; n++)
        await record(account, 'device.enrolled', account.companyIds[0], { name: `kiosk-${i}-${n}` });
      await engineAt(minutes(i * 5, t0));
      await engineAt(minutes(i * 5 + 3, t0));
    }
    let mails = await outboxRowsTo(db, 'limited@example.test');
    expect(mails.map((m) => m.subject)).toEqual(['New device: kiosk-0-0', 'New device: kiosk-1-0']);
    // the hour began with the first message; it ends at 63 minutes
    await engineAt(minutes(62, t0));
    expect(await outboxRowsTo(db, 'limited@example.test')).toHaveLength(2);
    await engineAt(minutes(64, t0));
    mails = await outboxRowsTo(db, 'limited@example.test');
    expect(mails).toHaveLength(3);
    const summary = mails[2]!;
    expect(summary.kind).toBe('alert_summary');
    expect(summary.subject).toBe('More alerts were held: 6');
    expect(summary.bodyText).toContain('The limit of 2 alert messages per hour to this address was reached');
    expect(summary.bodyText).toContain('• New devices: 6');
    expect(summary.bodyText).toContain('/alerts');
    // nothing is lost: every firing is in the history
    expect(await firingsOf(rule.id)).toBe(8);
    // a new hour: messages go again
    await record(account, 'device.enrolled', account.companyIds[0], { name: 'kiosk-late' });
    await engineAt(minutes(70, t0));
    await engineAt(minutes(73, t0));
    expect((await outboxRowsTo(db, 'limited@example.test')).map((m) => m.subject).at(-1)).toBe(
      'New device: kiosk-late',
    );
  }, 120_000);
});
