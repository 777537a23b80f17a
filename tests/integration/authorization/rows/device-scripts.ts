import type { Db } from '../../../../src/server/platform/db/pool.js';
import { deviceScripts, scriptRunResults, scriptRuns } from '../../../../src/server/modules/device-scripts/tables.js';
import { aDevice, type World } from '../../../support/builders/index.js';
import { missingId, objectTargets, type CaseContext, type MatrixRow, type Target } from '../matrix-kit.js';
import { companyOf } from './portals.js';
import { accountOf, ensureSeats } from './session-portal.js';

/** A script of the target's company (missing: an id that is nobody's). */
async function aScript(db: Db, world: World, target: Target): Promise<string> {
  if (target === 'missing') return missingId;
  const [row] = await db
    .insert(deviceScripts)
    .values({
      accountId: accountOf(world, target).id,
      companyId: companyOf(world, target),
      name: 'Matrix script',
      shell: 'sh',
      body: 'echo matrix',
      timeoutSeconds: 5,
    })
    .returning();
  return row!.id;
}

/** A run on one device of the target's company, its part queued; the device's credential too. */
async function aRun(db: Db, world: World, target: Target) {
  const account = accountOf(world, target);
  const companyId = companyOf(world, target === 'missing' ? 'own' : target);
  const device = await aDevice(db, account.id, companyId);
  const [run] = await db
    .insert(scriptRuns)
    .values({
      accountId: account.id,
      scriptName: 'Matrix script',
      shell: 'sh',
      body: 'echo matrix',
      bodySha256: '0'.repeat(64),
      timeoutSeconds: 5,
      companyIds: [companyId],
      createdByName: 'Matrix',
      expiresAt: new Date(Date.now() + 10 * 60_000),
    })
    .returning();
  const [result] = await db
    .insert(scriptRunResults)
    .values({
      runId: run!.id,
      accountId: account.id,
      deviceId: device.id,
      companyId,
      deviceName: 'Matrix device',
      status: 'queued',
    })
    .returning();
  return { runId: target === 'missing' ? missingId : run!.id, resultId: result!.id, device };
}

const scriptUrl = async ({ db, world, target }: CaseContext, suffix = '') =>
  `/api/v1/scripts/${await aScript(db, world, target)}${suffix}`;

const byCompany = (status: number) => ({
  anonymous: 401,
  administrator: { own: status, otherCompany: status, otherAccount: 404, missing: 404 },
  technician: { own: status, otherCompany: 404, otherAccount: 404, missing: 404 },
  // devices.control: refused before anything is looked up
  viewer: 403,
});

/**
 * The agent's side: the device's credential, never a user — `own` the device of the part,
 * `otherCompany` another device's credential (404: not its part), `otherAccount` a user's API
 * token (401), `missing` the device's credential and an id that is nobody's part.
 */
async function agentRequest(ctx: CaseContext, suffix: string) {
  const { db, world, who, target } = ctx;
  const { resultId, device } = await aRun(db, world, 'own');
  const stranger = await aDevice(db, world.accountA.id, world.accountA.companyIds[0]);
  const headers =
    who === 'anonymous'
      ? {}
      : target === 'otherCompany'
        ? stranger.headers
        : target === 'otherAccount'
          ? world.tokens.administrator.headers
          : device.headers;
  return {
    method: 'POST' as const,
    url: `/api/agent/script-results/${target === 'missing' ? missingId : resultId}${suffix}`,
    caller: { headers },
  };
}
const agentExpect = {
  anonymous: 401,
  administrator: { own: 200, otherCompany: 404, otherAccount: 401, missing: 404 },
  technician: { own: 200, otherCompany: 404, otherAccount: 401, missing: 404 },
  viewer: { own: 200, otherCompany: 404, otherAccount: 401, missing: 404 },
};

/** Saved scripts, their runs, and the agent's side of a run. */
export const deviceScriptRows: MatrixRow[] = [
  {
    route: 'GET /api/v1/scripts',
    targets: ['none'],
    request: () => ({ method: 'GET', url: '/api/v1/scripts' }),
    expect: { anonymous: 401, administrator: 200, technician: 200, viewer: 403 },
  },
  {
    route: 'POST /api/v1/scripts',
    targets: objectTargets,
    request: ({ world, target }) => ({
      method: 'POST',
      url: '/api/v1/scripts',
      payload: { companyId: companyOf(world, target), name: 'New', shell: 'bash', body: 'uptime', timeoutSeconds: 9 },
    }),
    expect: byCompany(201),
  },
  {
    route: 'GET /api/v1/scripts/:id',
    targets: objectTargets,
    request: async (ctx) => ({ method: 'GET', url: await scriptUrl(ctx) }),
    expect: byCompany(200),
  },
  {
    route: 'PATCH /api/v1/scripts/:id',
    targets: objectTargets,
    request: async (ctx) => ({ method: 'PATCH', url: await scriptUrl(ctx), payload: { name: 'Renamed' } }),
    expect: byCompany(200),
  },
  {
    route: 'DELETE /api/v1/scripts/:id',
    targets: objectTargets,
    request: async (ctx) => ({ method: 'DELETE', url: await scriptUrl(ctx) }),
    expect: byCompany(204),
  },
  {
    // the script and the device in the target's company; a Remote Support seat, as control needs
    route: 'POST /api/v1/scripts/:id/runs',
    targets: objectTargets,
    request: async (ctx) => {
      await ensureSeats(ctx.app, ctx.world);
      const where = ctx.target === 'missing' ? 'own' : ctx.target;
      const device = await aDevice(ctx.db, accountOf(ctx.world, where).id, companyOf(ctx.world, where));
      return { method: 'POST', url: await scriptUrl(ctx, '/runs'), payload: { deviceIds: [device.id] } };
    },
    expect: byCompany(201),
  },
  {
    route: 'GET /api/v1/script-runs/:id',
    targets: objectTargets,
    request: async ({ db, world, target }) => ({
      method: 'GET',
      url: `/api/v1/script-runs/${(await aRun(db, world, target)).runId}`,
    }),
    expect: byCompany(200),
  },
  {
    route: 'GET /api/v1/script-runs/:id/results',
    targets: objectTargets,
    request: async ({ db, world, target }) => ({
      method: 'GET',
      url: `/api/v1/script-runs/${(await aRun(db, world, target)).runId}/results`,
    }),
    expect: byCompany(200),
  },
  {
    route: 'POST /api/agent/script-results/:id/start',
    targets: objectTargets,
    request: (ctx) => agentRequest(ctx, '/start'),
    expect: agentExpect,
  },
  {
    route: 'POST /api/agent/script-results/:id',
    targets: objectTargets,
    request: async (ctx) => ({
      ...(await agentRequest(ctx, '')),
      payload: { status: 'succeeded', exitCode: 0, output: 'ok', truncated: false },
    }),
    expect: agentExpect,
  },
];
