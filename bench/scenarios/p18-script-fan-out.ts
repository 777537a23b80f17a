import { sql } from 'drizzle-orm';
import WebSocket from 'ws';
import { credentialHashOf } from '../../src/server/modules/devices/index.js';
import { insertAssignment, updateLicence } from '../../src/server/modules/seats/index.js';
import { readScriptGrantPayload } from '../../src/shared/remote/script-grant.js';
import { splitGrant } from '../../src/shared/remote/grant.js';
import { devicesFixture } from '../lib/devices-fixture.js';
import { ratioOf, type Scenario } from '../lib/scenario.js';

/** HTTP requests the simulated agents have in flight at once, for the fan-out and the heartbeats alike. */
const inFlight = 20;

/** At most `limit` of the tasks run at once. */
function limiter(limit: number) {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (active >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
    active += 1;
    try {
      return await task();
    } finally {
      active -= 1;
      waiting.shift()?.();
    }
  };
}

async function post(url: string, credential: string, body?: unknown): Promise<unknown> {
  const res = await fetch(url, {
    method: 'POST',
    headers: {
      authorization: `Device ${credential}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${url}: ${res.status} ${await res.text()}`);
  return res.json();
}

/**
 * P18 — a script run on 1,000 simulated agents (light clients speaking the control socket
 * protocol: on `script.run` they take their part, `/start`, and report it at once, through at most
 * 20 HTTP requests in flight): the time from the run's POST until every device's result is stored,
 * ÷ the time the same agents take to send as many heartbeats through the same 20 requests in flight.
 */
export const scriptFanOutScenario: Scenario = {
  id: 'P18',
  title: 'a script fanned out to 1,000 agents: all results stored ÷ as many heartbeats',
  async run(ctx) {
    const agents = ctx.smoke ? 50 : 1000;
    const fixture = await devicesFixture(ctx, agents);
    const sockets: WebSocket[] = [];
    try {
      const { db, accountId, tandem } = fixture;
      const ids = (
        await db.execute<{ id: string }>(sql`select id from devices where account_id = ${accountId} order by id`)
      ).rows.map((r) => r.id);
      const credentials = new Map(ids.map((id) => [id, `tdc_bench-${id}`]));
      for (let i = 0; i < ids.length; i += 1000) {
        const values = sql.join(
          ids.slice(i, i + 1000).map((id) => sql`(${id}::uuid, ${credentialHashOf(`tdc_bench-${id}`)})`),
          sql`, `,
        );
        await db.execute(
          sql`update devices d set credential_hash = v.h, status = 'online', platform = 'linux' from (values ${values}) as v(id, h) where d.id = v.id`,
        );
      }
      // the administrator (whose API token runs the script) holds a Remote Support seat, as control needs
      const admin = (
        await db.execute<{ id: string }>(
          sql`select id from users where account_id = ${accountId} and role = 'administrator' order by created_at limit 1`,
        )
      ).rows[0]!;
      await updateLicence(db, accountId, { remoteSupportSeats: 5 });
      await insertAssignment(db, { accountId, userId: admin.id, module: 'remoteSupport', assignedBy: admin.id });

      const limit = limiter(inFlight);
      const base = tandem.baseUrl;
      let reported = 0;
      let grantsHeard = 0;
      let lastGrantAt = 0;
      let allReported: () => void = () => {};
      const done = new Promise<void>((resolve) => (allReported = resolve));
      const failures: unknown[] = [];
      const take = (deviceId: string, grant: string) => {
        const parts = splitGrant(grant);
        const payload = parts && readScriptGrantPayload(parts.payloadBytes);
        if (!payload) throw new Error('a script.run frame without a script grant');
        grantsHeard += 1;
        if (grantsHeard === agents) lastGrantAt = performance.now();
        const credential = credentials.get(deviceId)!;
        const url = `${base}/api/agent/script-results/${payload.resultId}`;
        void limit(() => post(`${url}/start`, credential))
          .then(() =>
            limit(() => post(url, credential, { status: 'succeeded', exitCode: 0, output: 'ok\n', truncated: false })),
          )
          .then(() => {
            reported += 1;
            if (reported === agents) allReported();
          })
          .catch((err: unknown) => {
            failures.push(err);
            allReported();
          });
      };

      // every agent's control socket open, hello received
      const wsBase = base.replace(/^http/, 'ws');
      await Promise.all(
        ids.map(
          (id) =>
            new Promise<void>((resolve, reject) => {
              const socket = new WebSocket(`${wsBase}/api/agent/live`, {
                headers: { authorization: `Device ${credentials.get(id)}` },
              });
              sockets.push(socket);
              socket.on('error', reject);
              socket.on('message', (data) => {
                const frame = JSON.parse(data.toString()) as { type: string; grant?: string };
                if (frame.type === 'hello') resolve();
                else if (frame.type === 'script.run' && frame.grant) take(id, frame.grant);
              });
            }),
        ),
      );
      ctx.log(`  ${agents} control sockets open`);
      // each hello has the server look up the device's waiting parts and session: that work done, as
      // it is long before anyone runs a script, the fan-out is measured alone
      await new Promise((resolve) => setTimeout(resolve, 3000));

      const script = await fetch(`${base}/api/v1/scripts`, {
        method: 'POST',
        headers: { ...fixture.headers, 'content-type': 'application/json' },
        body: JSON.stringify({ companyId: null, name: 'Bench', shell: 'sh', body: 'echo ok', timeoutSeconds: 60 }),
      });
      if (script.status !== 201) throw new Error(`script: ${script.status} ${await script.text()}`);
      const scriptId = ((await script.json()) as { id: string }).id;

      const started = performance.now();
      const run = await fetch(`${base}/api/v1/scripts/${scriptId}/runs`, {
        method: 'POST',
        headers: { ...fixture.headers, 'content-type': 'application/json' },
        body: JSON.stringify({ deviceIds: ids }),
      });
      if (run.status !== 201) throw new Error(`run: ${run.status} ${await run.text()}`);
      const runId = ((await run.json()) as { id: string }).id;
      const answeredAt = performance.now();
      await done;
      const fanOutMs = performance.now() - started;
      if (failures.length) throw new Error(`${failures.length} parts failed: ${String(failures[0])}`);
      const stored = (
        await db.execute<{ n: number }>(
          sql`select count(*)::int as n from script_run_results where run_id = ${runId} and status = 'succeeded'`,
        )
      ).rows[0]!.n;
      if (stored !== agents) throw new Error(`${stored} results stored of ${agents}`);

      // the baseline: as many heartbeats, one per agent, through the same 20 requests in flight
      const beatStarted = performance.now();
      await Promise.all(ids.map((id) => limit(() => post(`${base}/api/agent/heartbeat`, credentials.get(id)!))));
      const heartbeatsMs = performance.now() - beatStarted;
      ctx.log(
        `  ${agents} results stored in ${fanOutMs.toFixed(0)} ms (the run answered at ${(answeredAt - started).toFixed(0)} ms, the last grant heard at ${(lastGrantAt - started).toFixed(0)} ms); ${agents} heartbeats in ${heartbeatsMs.toFixed(0)} ms`,
      );
      return [
        {
          metric: `script on ${agents.toLocaleString('en')} agents: all results stored ÷ as many heartbeats`,
          figure: fanOutMs,
          unit: 'ms',
          baseline: heartbeatsMs,
          ratio: ratioOf(fanOutMs, heartbeatsMs),
          judged: 'ratio',
          target: { op: '<=', value: 4 },
        },
      ];
    } finally {
      for (const socket of sockets) socket.terminate();
      await fixture.close();
    }
  },
};
