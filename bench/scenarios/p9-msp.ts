import { sql } from 'drizzle-orm';
import { seedDevices } from '../../src/server/modules/devices/index.js';
import { chatFixture, type ChatFixture } from '../lib/chat-fixture.js';
import { api, type ConsoleSession } from '../lib/console-api.js';
import { fleetCredentials } from '../lib/device-credentials.js';
import type { BenchContext } from '../lib/scenario.js';
import { benchAdmin, signInSession } from '../lib/tandem-process.js';

export interface MspSize {
  devices: number;
  technicians: number;
  chats: number;
  /** devices of the alerting company that stop heartbeating */
  silent: number;
}

export const alertAddress = 'alerts@bench.test';
export const reportAddress = 'reports@bench.test';

/** What the console's pages ask for (device list with filters, request lists, company pages). */
export function consoleMix(companyIds: string[]): string[] {
  const [first, second] = companyIds;
  return [
    '/api/v1/devices?limit=50',
    '/api/v1/devices?status=online&limit=50',
    `/api/v1/devices?companyId=${second}&sort=name&order=desc&limit=50`,
    '/api/v1/devices?q=pc-0012&limit=50',
    '/api/v1/devices/count?status=offline',
    '/api/v1/support-requests?view=active&limit=50',
    '/api/v1/support-requests?view=new&limit=50',
    '/api/v1/companies?limit=50',
    `/api/v1/companies/${first}`,
    `/api/v1/companies/${second}`,
  ];
}

/**
 * A whole MSP on one Tandem (its real heartbeat interval, e-mail to the bench's SMTP sink): five
 * companies, `devices` devices spread over them (each with a credential, online), `chats`
 * accepted chats held by `technicians` technicians with seats, a device-offline rule on the
 * last company alerting a contact by e-mail, and a daily offline-devices report to another
 * contact. Everything made through the API the console uses, except the bulk of devices and chats
 * (written as enrolment and acceptance leave them: see the fixtures).
 */
export async function buildMsp(ctx: BenchContext, size: MspSize, smtpUrl: string) {
  const fixture: ChatFixture = await chatFixture(ctx, size.chats, {
    accept: 'seeded',
    technicians: size.technicians,
    env: { SMTP_URL: smtpUrl },
  });
  try {
    const { db, accountId } = fixture;
    const baseUrl = fixture.tandem.baseUrl;
    const admin: ConsoleSession = await signInSession(baseUrl, benchAdmin.email, benchAdmin.password);
    // the administrator works the live queue too (request lists need a Remote Support seat)
    const adminId = (await db.execute<{ id: string }>(sql`select id from users where email = ${benchAdmin.email}`))
      .rows[0]!.id;
    await api(baseUrl, admin, 'POST', '/api/v1/seats/remoteSupport/assignments', { userId: adminId });
    for (let i = 2; i <= 5; i++) await api(baseUrl, admin, 'POST', '/api/v1/companies', { name: `Customer ${i}` });
    const companyIds = (
      await db.execute<{ id: string }>(
        sql`select id from companies where account_id = ${accountId} order by created_at, id`,
      )
    ).rows.map((r) => r.id);
    const alerting = companyIds.at(-1)!;

    const started = performance.now();
    await seedDevices(db, accountId, size.devices);
    const fleet = await fleetCredentials(db, accountId, { seenNow: true });
    const silent = (
      await db.execute<{ id: string }>(
        sql`select id from devices where account_id = ${accountId} and company_id = ${alerting} order by id limit ${size.silent}`,
      )
    ).rows.map((r) => r.id);
    ctx.log(
      `  ${size.devices.toLocaleString('en')} devices seeded over ${companyIds.length} companies in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );

    const contact = async (name: string, address: string) =>
      (
        await api<{ id: string }>(baseUrl, admin, 'POST', '/api/v1/contacts', {
          name,
          methods: [{ type: 'email', value: address }],
        })
      ).id;
    const onCall = await contact('On call', alertAddress);
    const manager = await contact('Service manager', reportAddress);
    await db.execute(sql`update contact_methods set verified_at = now() where account_id = ${accountId}`);
    await api(baseUrl, admin, 'POST', '/api/v1/alert-rules', {
      name: 'Customer 5 devices offline',
      event: 'device_offline',
      companyIds: [alerting],
      delayMinutes: 0,
      urgent: true,
      recipients: [{ contactId: onCall, methodTypes: ['email'] }],
    });
    const schedule = await api<{ id: string }>(baseUrl, admin, 'POST', '/api/v1/report-schedules', {
      name: 'Offline devices',
      kind: 'offline_devices',
      companyIds: 'all',
      frequency: 'daily',
      time: '06:00',
      timeZone: 'UTC',
      recipientContactIds: [manager],
    });
    return { fixture, admin, companyIds, fleet, silent, scheduleId: schedule.id };
  } catch (err) {
    await fixture.close();
    throw err;
  }
}

export type Msp = Awaited<ReturnType<typeof buildMsp>>;
