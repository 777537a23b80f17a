import { mkdtemp } from 'node:fs/promises';
import { sql } from 'drizzle-orm';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { RemoteAgent } from '../../src/agent/remote/remote-agent.js';
import { SessionLog } from '../../src/agent/remote/session-log.js';
import { saveCredential } from '../../src/agent/credential-store.js';
import { executeScript } from '../../src/agent/scripts/execute.js';
import { ScriptRunner } from '../../src/agent/scripts/script-runner.js';
import { sweepScriptRuns } from '../../src/server/modules/device-scripts/index.js';
import { limits } from '../../src/shared/limits.js';
import { call, signIn, type Caller } from '../support/test-app.js';
import { twoProcesses } from '../support/two-processes.js';
import { eventually } from '../support/eventually.js';
import {
  aDevice,
  anAccount,
  anAccountSetting,
  auditRowsOf,
  aUser,
  removeAccountSetting,
} from '../support/builders/index.js';

const { first, second, baseA } = await twoProcesses();
const { app, database } = first;
const db = database.db;

const account = await anAccount(db, { name: 'Scripts', companies: 2 });
const other = await anAccount(db, { name: 'Elsewhere', companies: 1 });
const [companyId, secondCompanyId] = account.companyIds as [string, string];
const rs = ['remoteSupport'] as const;
const person = async (options: Parameters<typeof aUser>[2]) => signIn(app, (await aUser(db, account, options)).email);
const tech = await person({ role: 'technician', companies: [companyId], seats: [...rs], name: 'Ada Tech' });
const far = await person({ role: 'technician', companies: [secondCompanyId], seats: [...rs], name: 'Di Far' });
const noSeat = await person({ role: 'technician', companies: [companyId], name: 'Cy Unseated' });
const viewer = await person({ role: 'viewer', companies: [companyId] });
const both = await person({ role: 'technician', companies: [companyId, secondCompanyId], seats: [...rs] });
const admin = await signIn(app, account.admin.email);

const req = (caller: Caller, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object, on = app) =>
  call(on, caller, { method, url, ...(payload ? { payload } : {}) });

const httpBase = baseA.replace(/^ws:/, 'http:');
const stops: (() => Promise<void>)[] = [];
afterAll(async () => {
  await Promise.all(stops.map((stop) => stop()));
});

/**
 * A device with a real tandem-agent's remote side: its control socket to process A, the grant key
 * pinned from the hello, scripts run by `executeScript` (a real shell), each agent's scripts seeing
 * `AGENT_INDEX` in their environment so one run's devices can behave differently.
 */
async function startAgent(index: number, device: { id: string; credential: string }): Promise<void> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'tandem-scripts-agent-'));
  const file = path.join(dir, 'credential.json');
  const stored = { server: httpBase, deviceId: device.id, credential: device.credential };
  await saveCredential(file, stored);
  const agent = new RemoteAgent({
    stored,
    file,
    log: () => {},
    language: 'en',
    sessionLog: new SessionLog(path.join(dir, 'sessions.log')),
    socket: { backoff: { baseMs: 50, capMs: 200 } },
    scripts: (verifier) =>
      new ScriptRunner(
        {
          ...stored,
          log: () => {},
          execute: (job) => executeScript({ ...job, env: { ...process.env, AGENT_INDEX: String(index) } }),
        },
        verifier,
      ),
    startSession: () => ({ resume: () => {}, close: () => {} }),
  });
  const controller = new AbortController();
  const running = agent.run(controller.signal);
  stops.push(async () => {
    controller.abort();
    await running;
  });
}

const agentCount = 50;
const devices = await Promise.all(
  Array.from({ length: agentCount }, (_, i) =>
    aDevice(db, account.id, companyId, { name: `PC ${String(i).padStart(2, '0')}` }),
  ),
);
const offline = await aDevice(db, account.id, companyId, { name: 'PC offline' });
const farDevice = await aDevice(db, account.id, secondCompanyId, { name: 'Far PC' });
const otherDevice = await aDevice(db, other.id, other.companyIds[0]!, { name: 'Other PC' });
await Promise.all(devices.map((d, i) => startAgent(i, d)));

const script = `echo "device $AGENT_INDEX"
echo "to stderr" >&2
if [ "$AGENT_INDEX" = 7 ]; then sleep 30; fi
exit $((AGENT_INDEX % 4))
`;

async function saveScript(caller: Caller, body: object) {
  const res = await req(caller, 'POST', '/api/v1/scripts', body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string };
}

type Result = {
  deviceId: string;
  deviceName: string;
  status: string;
  exitCode: number | null;
  output: string;
  truncated: boolean;
  reason: string | null;
};
async function resultsOf(runId: string, caller = tech): Promise<Result[]> {
  const items: Result[] = [];
  let cursor: string | null = null;
  do {
    const res = await req(
      caller,
      'GET',
      `/api/v1/script-runs/${runId}/results?limit=20${cursor ? `&cursor=${cursor}` : ''}`,
    );
    expect(res.statusCode, res.body).toBe(200);
    const page = res.json() as { items: Result[]; nextCursor: string | null };
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}

describe('a script run on 50 enrolled agents', () => {
  it('keeps every device’s output and exit code; a timeout stops the script; an offline device becomes unreachable', async () => {
    const connected = async () =>
      (await db.execute<{ n: number }>(sqlConnected(devices.map((d) => d.id)))).rows[0]?.n === agentCount;
    expect(await eventually(connected, 20_000)).toBe(true);
    const saved = await saveScript(tech, {
      companyId,
      name: 'Mixed exits',
      shell: 'sh',
      body: script,
      timeoutSeconds: 3,
    });
    // made on process B: process A, which holds the agents' sockets, sends them their parts
    const made = await req(
      tech,
      'POST',
      `/api/v1/scripts/${saved.id}/runs`,
      { deviceIds: [...devices.map((d) => d.id), offline.id], waitMinutes: 1 },
      second,
    );
    expect(made.statusCode, made.body).toBe(201);
    const runId = (made.json() as { id: string }).id;
    const reported = async () => {
      const { counts } = (await req(tech, 'GET', `/api/v1/script-runs/${runId}`)).json() as {
        counts: Record<string, number>;
      };
      return (
        counts.queued === 1 && (counts.succeeded ?? 0) + (counts.failed ?? 0) + (counts.timed_out ?? 0) === agentCount
      );
    };
    expect(await eventually(reported, 30_000)).toBe(true);
    const results = await resultsOf(runId);
    expect(results).toHaveLength(agentCount + 1);
    const byName = new Map(results.map((r) => [r.deviceName, r]));
    for (let i = 0; i < agentCount; i += 1) {
      const r = byName.get(`PC ${String(i).padStart(2, '0')}`)!;
      if (i === 7) {
        expect(r.status).toBe('timed_out');
        expect(r.exitCode).toBeNull();
      } else {
        expect(r.exitCode, `device ${i}`).toBe(i % 4);
        expect(r.status).toBe(i % 4 === 0 ? 'succeeded' : 'failed');
      }
      expect(r.output).toContain(`device ${i}\n`);
      expect(r.output).toContain('to stderr\n');
      expect(r.truncated).toBe(false);
    }
    expect(byName.get('PC offline')?.status).toBe('queued');
    // the run's wait ends: the device that never connected is unreachable
    expect(await sweepScriptRuns(db, new Date(Date.now() + 2 * 60_000))).toBe(1);
    const run = (await req(tech, 'GET', `/api/v1/script-runs/${runId}`)).json() as {
      finished: boolean;
      counts: Record<string, number>;
    };
    expect(run.finished).toBe(true);
    expect(run.counts).toMatchObject({ succeeded: 13, failed: 36, timed_out: 1, unreachable: 1 });
    const failedOnly = (await req(tech, 'GET', `/api/v1/script-runs/${runId}/results?status=failed&limit=200`)).json();
    expect(failedOnly.items).toHaveLength(36);
    expect((await auditRowsOf(db, runId, 'script.run')).length).toBe(1);

    // a part reported again (a retry) or taken again (a grant sent again) changes nothing
    const device = devices[1]!;
    const resultId = (results.find((r) => r.deviceId === device.id) as unknown as { id: string }).id;
    const again = await app.inject({
      method: 'POST',
      url: `/api/agent/script-results/${resultId}`,
      headers: device.headers,
      payload: { status: 'succeeded', exitCode: 0, output: 'forged', truncated: false },
    });
    expect(again.json()).toEqual({ status: 'failed' });
    const retake = await app.inject({
      method: 'POST',
      url: `/api/agent/script-results/${resultId}/start`,
      headers: device.headers,
    });
    expect(retake.statusCode).toBe(409);
    const stored = (await resultsOf(runId)).find((r) => r.deviceId === device.id)!;
    expect(stored).toMatchObject({ status: 'failed', exitCode: 1 });
    expect(stored.output).not.toContain('forged');
    // another device's part answers 404
    const foreign = await app.inject({
      method: 'POST',
      url: `/api/agent/script-results/${resultId}/start`,
      headers: devices[2]!.headers,
    });
    expect(foreign.statusCode).toBe(404);
  }, 90_000);

  it('caps a device’s output at 64 KiB and says it was truncated', async () => {
    const saved = await saveScript(tech, {
      companyId,
      name: 'Loud',
      shell: 'bash',
      body: "head -c 70000 /dev/zero | tr '\\0' a\n",
      timeoutSeconds: 10,
    });
    const made = await req(tech, 'POST', `/api/v1/scripts/${saved.id}/runs`, { deviceIds: [devices[0]!.id] });
    expect(made.statusCode, made.body).toBe(201);
    const runId = (made.json() as { id: string }).id;
    expect(await eventually(async () => (await resultsOf(runId))[0]?.status === 'succeeded', 20_000)).toBe(true);
    const [r] = await resultsOf(runId);
    expect(r?.truncated).toBe(true);
    expect(r?.output.length).toBe(limits.scriptOutputBytes);
  });

  it('takes and reports arriving together: each part taken once and stored once, with its event; Windows exit codes kept', async () => {
    // devices with no agent connected: their parts stay queued for the requests below
    const quiet = await Promise.all(
      Array.from({ length: 12 }, (_, i) => aDevice(db, account.id, companyId, { name: `Quiet ${i}` })),
    );
    const saved = await saveScript(tech, { companyId, name: 'Burst', shell: 'sh', body: 'exit 0', timeoutSeconds: 5 });
    const made = await req(tech, 'POST', `/api/v1/scripts/${saved.id}/runs`, { deviceIds: quiet.map((d) => d.id) });
    expect(made.statusCode, made.body).toBe(201);
    const runId = (made.json() as { id: string }).id;
    const parts = (await resultsOf(runId)) as (Result & { id: string })[];
    const agentCall = (device: { headers: Record<string, string> }, url: string, payload?: object) =>
      app.inject({ method: 'POST', url, headers: device.headers, ...(payload ? { payload } : {}) });
    const partOf = (device: { id: string }) => parts.find((p) => p.deviceId === device.id)!.id;

    // every part's take sent twice at once, all together: one of each pair gets the text, the other 409
    const takes = await Promise.all(
      quiet.flatMap((d) => [1, 2].map(() => agentCall(d, `/api/agent/script-results/${partOf(d)}/start`))),
    );
    for (let i = 0; i < quiet.length; i += 1) {
      const pair = [takes[2 * i]!, takes[2 * i + 1]!].map((t) => t.statusCode).sort();
      expect(pair, `device ${i}`).toEqual([200, 409]);
    }
    expect(takes.filter((t) => t.statusCode === 200).every((t) => t.json().body === 'exit 0')).toBe(true);
    // another device's take in the same burst answers 404 and takes nothing
    expect((await agentCall(quiet[1]!, `/api/agent/script-results/${partOf(quiet[0]!)}/start`)).statusCode).toBe(404);

    // every report sent twice at once: stored once, the second answered with the status stored
    const report = (i: number) => ({
      status: 'failed',
      exitCode: i === 0 ? 3221225477 : 4294967295 - i,
      output: `line ${i}`,
      truncated: false,
    });
    const reports = await Promise.all(
      quiet.flatMap((d, i) => [1, 2].map(() => agentCall(d, `/api/agent/script-results/${partOf(d)}`, report(i)))),
    );
    for (const r of reports) expect(r.json(), r.body).toEqual({ status: 'failed' });
    const stored = await resultsOf(runId);
    const first = stored.find((r) => r.deviceId === quiet[0]!.id)!;
    expect(first).toMatchObject({ status: 'failed', exitCode: -1073741819, output: 'line 0' });
    expect(stored.find((r) => r.deviceId === quiet[3]!.id)).toMatchObject({ exitCode: -4 });
    const events = await db.execute<{ n: number }>(
      sql`select count(*)::int as n from domain_events where type = 'script.result' and subject_id = ${runId}`,
    );
    expect(events.rows[0]?.n).toBe(quiet.length);
  });

  it('refuses a device whose company asks for consent, as control would ask: a script cannot ask anyone', async () => {
    await anAccountSetting(db, account, 'devices.remoteConsent', 'ask');
    try {
      const saved = await saveScript(tech, {
        companyId,
        name: 'Ask first',
        shell: 'sh',
        body: 'echo hi',
        timeoutSeconds: 5,
      });
      const made = await req(tech, 'POST', `/api/v1/scripts/${saved.id}/runs`, { deviceIds: [devices[3]!.id] });
      expect(made.statusCode, made.body).toBe(201);
      expect(made.json()).toMatchObject({ finished: true, counts: { refused: 1 } });
      const [r] = await resultsOf((made.json() as { id: string }).id);
      expect(r).toMatchObject({ status: 'refused', reason: 'consent_required' });
    } finally {
      await removeAccountSetting(db, account, 'devices.remoteConsent');
    }
  });
});

describe('saved scripts and runs: validation and who may', () => {
  it('refuses a bad shell, an empty text, a timeout over the maximum, and changes nothing', async () => {
    for (const body of [
      { companyId, name: 'x', shell: 'zsh', body: 'echo', timeoutSeconds: 5 },
      { companyId, name: 'x', shell: 'sh', body: '  \n', timeoutSeconds: 5 },
      { companyId, name: 'x', shell: 'sh', body: 'echo', timeoutSeconds: limits.scriptTimeoutSecondsMax + 1 },
      { companyId, name: '', shell: 'sh', body: 'echo', timeoutSeconds: 5 },
    ]) {
      const res = await req(tech, 'POST', '/api/v1/scripts', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.code).toBe('validation_failed');
    }
    const patch = await req(
      admin,
      'PATCH',
      `/api/v1/scripts/${(await saveScript(admin, { companyId: null, name: 'P', shell: 'sh', body: 'echo', timeoutSeconds: 5 })).id}`,
      { shell: 'fish' },
    );
    expect(patch.statusCode).toBe(400);
  });

  it('keeps account-wide scripts to who sees every company; a company script to its company', async () => {
    expect(
      (
        await req(tech, 'POST', '/api/v1/scripts', {
          companyId: null,
          name: 'All',
          shell: 'sh',
          body: 'echo',
          timeoutSeconds: 5,
        })
      ).statusCode,
    ).toBe(403);
    const wide = await saveScript(admin, {
      companyId: null,
      name: 'Account wide',
      shell: 'sh',
      body: 'echo',
      timeoutSeconds: 5,
    });
    const mine = await saveScript(tech, { companyId, name: 'Mine', shell: 'sh', body: 'echo', timeoutSeconds: 5 });
    expect(await auditRowsOf(db, mine.id, 'script.create')).toHaveLength(1);
    const list = (await req(far, 'GET', '/api/v1/scripts')).json().items as {
      id: string;
      abilities: { update: boolean };
    }[];
    expect(list.map((s) => s.id)).toContain(wide.id);
    expect(list.map((s) => s.id)).not.toContain(mine.id);
    expect(list.find((s) => s.id === wide.id)?.abilities.update).toBe(false);
    expect((await req(far, 'PATCH', `/api/v1/scripts/${mine.id}`, { name: 'Taken' })).statusCode).toBe(404);
    expect((await req(far, 'DELETE', `/api/v1/scripts/${wide.id}`)).statusCode).toBe(403);
    expect((await req(viewer, 'GET', '/api/v1/scripts')).statusCode).toBe(403);
    const renamed = await req(tech, 'PATCH', `/api/v1/scripts/${mine.id}`, { name: 'Mine, renamed' });
    expect(renamed.json().name).toBe('Mine, renamed');
    expect((await req(tech, 'DELETE', `/api/v1/scripts/${mine.id}`)).statusCode).toBe(204);
    expect(await auditRowsOf(db, mine.id, 'script.delete')).toHaveLength(1);
  });

  it('refuses runs as control refuses: too many devices, another company’s or account’s device, no seat, a viewer', async () => {
    const wide = await saveScript(admin, {
      companyId: null,
      name: 'Wide run',
      shell: 'sh',
      body: 'echo',
      timeoutSeconds: 5,
    });
    const company = await saveScript(admin, {
      companyId,
      name: 'Company run',
      shell: 'sh',
      body: 'echo',
      timeoutSeconds: 5,
    });
    const run = (caller: Caller, scriptId: string, deviceIds: string[]) =>
      req(caller, 'POST', `/api/v1/scripts/${scriptId}/runs`, { deviceIds });
    const tooMany = await run(
      tech,
      wide.id,
      Array.from({ length: limits.scriptRunDevices + 1 }, () => offline.id),
    );
    expect(tooMany.statusCode).toBe(400);
    expect((await run(tech, wide.id, [])).statusCode).toBe(400);
    expect((await run(tech, wide.id, [offline.id, farDevice.id])).statusCode).toBe(404);
    expect((await run(tech, wide.id, [otherDevice.id])).statusCode).toBe(404);
    expect((await run(far, company.id, [farDevice.id])).statusCode).toBe(404);
    const foreign = await run(both, company.id, [offline.id, farDevice.id]);
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().error.details[0]).toMatchObject({ path: 'deviceIds.1', code: 'not_applicable' });
    const seat = await run(noSeat, wide.id, [offline.id]);
    expect(seat.statusCode).toBe(403);
    expect(seat.json().error.details).toMatchObject({ reason: 'seat_required' });
    expect((await run(viewer, wide.id, [offline.id])).statusCode).toBe(403);
    // nothing was made by any refusal
    const runs = await db.execute<{ n: number }>(sqlRunsOf(wide.id));
    expect(runs.rows[0]?.n).toBe(0);
  });
});

function sqlConnected(ids: string[]) {
  return sql`select count(*)::int as n from agent_connections where disconnected_at is null and device_id in (${sql.join(
    ids.map((id) => sql`${id}`),
    sql`, `,
  )})`;
}
function sqlRunsOf(scriptId: string) {
  return sql`select count(*)::int as n from script_runs where script_id = ${scriptId}`;
}
