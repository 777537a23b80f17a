import { sql } from 'drizzle-orm';
import type { Queryable } from '../platform/db/pool.js';
import { nextRunAfter, insertSchedule, replaceScheduleRecipients } from '../modules/reports/index.js';

/**
 * The demo's weekly report: the device inventory of every company, each Monday at 08:00 Paris
 * time, to the administrator (English) and Bruno (French), owned by the administrator.
 */
export async function seedReportsDemo(
  tx: Queryable,
  accountId: string,
  adminEmail: string,
  now = new Date(),
): Promise<void> {
  const people = await tx.execute<{ user_id: string; email: string; contact_id: string }>(sql`
    select u.id as user_id, u.email, c.id as contact_id from users u join contacts c on c.user_id = u.id
    where u.account_id = ${accountId} and u.email in (${adminEmail}, 'bruno@northwind.demo')`);
  const admin = people.rows.find((p) => p.email === adminEmail);
  if (!admin) return;
  const recurrence = {
    frequency: 'weekly' as const,
    weekday: 1,
    monthDay: null,
    time: '08:00',
    timeZone: 'Europe/Paris',
  };
  const schedule = await insertSchedule(tx, {
    accountId,
    ownerId: admin.user_id,
    name: 'Weekly device inventory',
    kind: 'device_inventory',
    allCompanies: true,
    ...recurrence,
    enabled: true,
    nextRunAt: nextRunAfter(recurrence, now),
  });
  await replaceScheduleRecipients(
    tx,
    accountId,
    schedule.id,
    people.rows.map((p) => p.contact_id),
  );
}
