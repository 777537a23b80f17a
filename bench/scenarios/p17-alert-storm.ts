import { sql } from 'drizzle-orm';
import { alertRuleCompanies, alertRuleRecipients, alertRules } from '../../src/server/modules/alerts/tables.js';
import { insertContact, insertMethod } from '../../src/server/modules/contacts/index.js';
import { seedDevices, sweepOfflineDevices } from '../../src/server/modules/devices/index.js';
import { upsertAccountSetting } from '../../src/server/modules/settings/index.js';
import { openDatabase } from '../../src/server/platform/db/pool.js';
import type { Db } from '../../src/server/platform/db/pool.js';
import { ratioOf, type Scenario } from '../lib/scenario.js';
import { tandemForBench } from '../lib/tandem-for-bench.js';

const heartbeatSeconds = 600;

/** The demo's kind of rules: every company's devices to the on-call contact by e-mail and SMS, one company's to its IT by e-mail. */
async function demoRules(db: Db, accountId: string) {
  const [companyA] = (
    await db.execute<{ id: string }>(
      sql`select id from companies where account_id = ${accountId} order by created_at, id`,
    )
  ).rows;
  const contact = async (name: string, methods: { type: 'email' | 'sms'; value: string }[], companyId?: string) => {
    const row = await insertContact(db, { accountId, name, allCompanies: !companyId, language: 'en', timeZone: 'UTC' });
    if (companyId)
      await db.execute(
        sql`insert into contact_companies (account_id, contact_id, company_id) values (${accountId}, ${row.id}, ${companyId})`,
      );
    for (const m of methods) await insertMethod(db, { accountId, contactId: row.id, ...m, verifiedAt: new Date() });
    return row.id;
  };
  const onCall = await contact('On call', [
    { type: 'email', value: 'oncall@bench.test' },
    { type: 'sms', value: '+33600000001' },
  ]);
  const local = await contact('Local IT', [{ type: 'email', value: 'it@bench.test' }], companyA!.id);
  const rule = async (name: string, recipients: { contactId: string; methodTypes: string[] }[], companyId?: string) => {
    const [row] = await db
      .insert(alertRules)
      .values({ accountId, name, event: 'device_offline', delayMinutes: 0, urgent: true, allCompanies: !companyId })
      .returning({ id: alertRules.id });
    if (companyId) await db.insert(alertRuleCompanies).values({ accountId, ruleId: row!.id, companyId });
    await db.insert(alertRuleRecipients).values(recipients.map((r) => ({ accountId, ruleId: row!.id, ...r })));
  };
  await rule('Anything offline', [{ contactId: onCall, methodTypes: ['email', 'sms'] }]);
  await rule('Our tills offline', [{ contactId: local, methodTypes: ['email'] }], companyA!.id);
}

const count = async (db: Db, query: ReturnType<typeof sql>) => (await db.execute<{ n: number }>(query)).rows[0]!.n;

/**
 * P17 — an alert storm: devices of a running Tandem all go offline in one sweep (each a
 * transition and a domain event, as the offline sweep writes them), and Tandem's own alert
 * worker fires the demo's kind of rules with a delay of 0. Figure: alert messages written per
 * 10,000 transitions once every alert is fired and every group sent (grouping window 30 s);
 * baseline: what one message per alert per method (before grouping) writes for the same
 * transitions. Also: the most messages one contact method received.
 */
export const alertStormScenario: Scenario = {
  id: 'P17',
  title: 'alert storm: messages written per 10,000 device transitions ÷ one per alert and method',
  async run(ctx) {
    const devices = ctx.smoke ? 1_250 : 12_500; // a fifth is seeded offline already
    const tandem = await tandemForBench(ctx, { TANDEM_AGENT_HEARTBEAT_SECONDS: String(heartbeatSeconds) });
    const database = openDatabase(tandem.databaseUrl, { max: 4 });
    try {
      const db = database.db;
      const accountId = (await db.execute<{ id: string }>(sql`select id from accounts order by created_at limit 1`))
        .rows[0]!.id;
      // two companies, as the seeded devices spread over them
      await db.execute(sql`insert into companies (account_id, name) values (${accountId}, 'Second company')`);
      await demoRules(db, accountId);
      await upsertAccountSetting(db, accountId, 'notifications.alertGroupSeconds', { value: 30 });
      await seedDevices(db, accountId, devices);
      const offlineInA = () =>
        count(
          db,
          sql`select count(*)::int as n from devices d where d.account_id = ${accountId} and d.status = 'offline'
            and d.company_id = (select id from companies where account_id = ${accountId} order by created_at, id limit 1)`,
        );
      const before = await offlineInA();
      const started = performance.now();
      const transitions = await sweepOfflineDevices(db, { now: new Date(Date.now() + 86_400_000), heartbeatSeconds });
      const transitionsInA = (await offlineInA()) - before;
      // every alert fired (the first rule's for each transition, the second's for company A's), every group sent
      const expectedFirings = transitions + transitionsInA;
      for (let waited = 0; ; waited++) {
        const firings = await count(db, sql`select count(*)::int as n from alert_firings`);
        const open = await count(db, sql`select count(*)::int as n from alert_groups where sent_at is null`);
        if (firings >= expectedFirings && open === 0) break;
        if (waited > 600)
          throw new Error(`alerts not all sent after 10 minutes: ${firings} firings, ${open} groups open`);
        await new Promise((r) => setTimeout(r, 1000));
      }
      const seconds = (performance.now() - started) / 1000;
      const firings = await count(db, sql`select count(*)::int as n from alert_firings`);
      const messages = await count(db, sql`select count(*)::int as n from outbox_messages where kind like 'alert_%'`);
      const perMethod = await count(
        db,
        sql`select coalesce(max(n), 0)::int as n from (select count(*)::int as n from outbox_messages where kind like 'alert_%' group by method_id) m`,
      );
      // before grouping: each firing of the first rule to two methods, of the second to one
      const ungrouped = transitions * 2 + transitionsInA;
      ctx.log(
        `  ${transitions.toLocaleString('en')} transitions, ${firings.toLocaleString('en')} alerts fired, ${messages} messages written in ${seconds.toFixed(1)} s (ungrouped: ${ungrouped.toLocaleString('en')})`,
      );
      const per10k = (n: number) => (n * 10_000) / transitions;
      return [
        {
          metric: 'alert messages per 10,000 device transitions ÷ one per alert and method',
          figure: per10k(messages),
          unit: 'messages',
          baseline: per10k(ungrouped),
          ratio: ratioOf(messages, ungrouped),
          judged: 'ratio',
          target: { op: '<=', value: 0.001 },
        },
        {
          metric: 'most alert messages to one contact method in the storm',
          figure: perMethod,
          unit: 'messages',
          baseline: null,
          ratio: null,
          judged: 'figure',
          target: { op: '<=', value: 3 },
        },
      ];
    } finally {
      await database.close();
      await tandem.close();
    }
  },
};
