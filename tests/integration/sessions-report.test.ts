import { describe, expect, it } from 'vitest';
import { createTestApp, signIn } from '../support/test-app.js';
import { anAccount, aSupportSession, renameCompany } from '../support/builders/index.js';
import { createSchedule, parseCsv, reader, runRow, sendNowAndRun } from './reports-kit.js';

const { app, database } = await createTestApp();
const db = database.db;
const account = await anAccount(db, { name: 'Session reports', companies: 3 });
const admin = await signIn(app, account.admin.email);
const [k1, k2, k3] = account.companyIds;
for (const [id, name] of [
  [k1, 'Alpha'],
  [k2, 'Bravo'],
  [k3, 'Charlie'],
] as const)
  await renameCompany(db, id!, name);

describe('the support sessions report', () => {
  const now = new Date();
  const ago = (minutes: number) => new Date(now.getTime() - minutes * 60_000);

  it('counts the period’s sessions per company: by outcome, total and average duration, recorded', async () => {
    const session = (
      companyId: string,
      createdMinutesAgo: number,
      extra: Parameters<typeof aSupportSession>[1] | object,
    ) =>
      aSupportSession(db, {
        accountId: account.id,
        companyId,
        technicianId: account.admin.id,
        createdAt: ago(createdMinutesAgo),
        ...extra,
      });
    // company 1: two resolved sessions of 10 and 20 minutes (one recorded), one whose code expired
    await session(k1!, 120, {
      status: 'ended',
      outcome: 'resolved',
      startedAt: ago(115),
      endedAt: ago(105),
      recorded: true,
    });
    await session(k1!, 100, { status: 'ended', outcome: 'resolved', startedAt: ago(95), endedAt: ago(75) });
    await session(k1!, 90, { status: 'expired', outcome: 'expired' });
    // company 2: an unresolved one of 5 minutes; one three days ago, outside the day reported
    await session(k2!, 60, { status: 'ended', outcome: 'unresolved', startedAt: ago(50), endedAt: ago(45) });
    await session(k2!, 60 * 24 * 3, { status: 'ended', outcome: 'resolved', startedAt: ago(60 * 24 * 3) });
    // company 3: none

    const contact = await reader(db, account.id, { language: 'fr' });
    const schedule = await createSchedule(app, admin, { kind: 'support_sessions', recipientContactIds: [contact.id] });
    const runId = await sendNowAndRun(app, db, admin, schedule.id, now);
    const row = await runRow(db, runId);
    expect(row.status, row.error ?? '').toBe('succeeded');
    const [header, ...lines] = parseCsv(row.csv!);
    expect(header).toEqual([
      'Company',
      'Sessions',
      'Resolved',
      'Unresolved',
      'Outcome unknown',
      'Customer left',
      'Code expired',
      'Total duration (seconds)',
      'Average duration (seconds)',
      'Recorded',
    ]);
    expect(lines).toEqual([
      ['Alpha', '3', '2', '0', '0', '0', '1', '1800', '900', '1'],
      ['Bravo', '1', '0', '1', '0', '0', '0', '300', '300', '0'],
    ]);
    expect(row.html!.fr).toContain('Sessions par société');
    expect(row.html!.fr).toContain('Sessions enregistrées');
    expect(row.html!.en).toContain('Average session time');
  });
});
