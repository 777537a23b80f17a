import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Db } from '../../src/server/platform/db/pool.js';
import { executeRun } from '../../src/server/modules/reports/index.js';
import type { App } from '../../src/server/platform/http/types.js';
import { call, type Caller } from '../support/test-app.js';
import { aContact, only } from '../support/builders/index.js';

/** A contact with one e-mail address (verified unless told). */
export async function reader(
  db: Db,
  accountId: string,
  {
    language = 'en' as 'en' | 'fr',
    email = `reader-${randomBytes(3).toString('hex')}@example.test`,
    verified = true,
  } = {},
) {
  const contact = await aContact(
    db,
    { id: accountId },
    {
      name: `Reader ${randomBytes(2).toString('hex')}`,
      language,
      timeZone: 'Europe/Paris',
      methods: [{ type: 'email', value: email, verified }],
    },
  );
  return { id: contact.id, email };
}

export async function createSchedule(app: App, admin: Caller, body: Record<string, unknown>) {
  const res = await call(app, admin, {
    method: 'POST',
    url: '/api/v1/report-schedules',
    payload: {
      name: 'Report',
      kind: 'device_inventory',
      frequency: 'daily',
      time: '08:00',
      timeZone: 'Europe/Paris',
      ...body,
    },
  });
  if (res.statusCode !== 201) throw new Error(`schedule creation failed: ${res.statusCode} ${res.body}`);
  return res.json() as { id: string; nextRunAt: string | null };
}

/** "Send now" through the API, then the run made here and now (as a worker would). */
export async function sendNowAndRun(app: App, db: Db, admin: Caller, scheduleId: string, now = new Date()) {
  const res = await call(app, admin, { method: 'POST', url: `/api/v1/report-schedules/${scheduleId}/runs` });
  if (res.statusCode !== 202) throw new Error(`send now failed: ${res.statusCode} ${res.body}`);
  const runId = res.json().id as string;
  await executeRun(db, runId, { now });
  return runId;
}

export async function runRow(db: Db, runId: string) {
  const rows = await db.execute<{
    status: string;
    error_code: string | null;
    error: string | null;
    row_count: number | null;
    csv: string | null;
    html: Record<string, string> | null;
    company_ids: string[] | null;
    recipients: { address: string | null }[];
  }>(
    sql`select status, error_code, error, row_count, csv, html, company_ids, recipients from report_runs where id = ${runId}`,
  );
  return only(rows.rows, 'report run');
}

export async function reportMessages(db: Db, runId: string) {
  const rows = await db.execute<{
    recipient: string;
    subject: string;
    body_html: string;
    attachments: { filename: string; content: string }[];
    status: string;
  }>(
    sql`select recipient, subject, body_html, attachments, status from outbox_messages where kind = 'report' and metadata->>'runId' = ${runId} order by recipient`,
  );
  return rows.rows;
}

/** CSV text to rows of cells (quoted cells with commas and doubled quotes understood). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r') continue;
    else if (c === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += c;
  }
  return rows;
}
