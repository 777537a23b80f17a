import { describe, expect, it } from 'vitest';
import { anAccount } from '../support/builders/index.js';
import { call, createTestApp, signIn } from '../support/test-app.js';
import { dataKeyOf } from './devices-support.js';

/** The packaged agent offered on the company page: the test app's agent folder is tests/fixtures/agent-dist. */
const { app, database } = await createTestApp({ TANDEM_PUBLIC_URL: 'https://tandem.example.com/' });
const account = await anAccount(database.db, { name: 'Downloads', companies: 1 });
const admin = await signIn(app, account.admin.email);
const company = account.companyIds[0];

describe('agent downloads', () => {
  it('lists the built files with their download paths and the public address the commands use', async () => {
    const res = await call(app, admin, { method: 'GET', url: `/api/v1/companies/${company}/agent-downloads` });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      built: true,
      version: '1.0.0',
      serverUrl: 'https://tandem.example.com',
      items: [
        expect.objectContaining({
          file: 'tandem-agent_1.0.0_amd64.deb',
          kind: 'deb',
          platform: 'linux-x64',
          bytes: 23,
          url: `/api/v1/companies/${company}/agent-downloads/tandem-agent_1.0.0_amd64.deb`,
          installUrl: 'https://tandem.example.com/api/agent/download/tandem-agent_1.0.0_amd64.deb',
        }),
        expect.objectContaining({ file: 'tandem-agent-1.0.0-x64.msi', kind: 'msi' }),
      ],
    });
  });

  it('sends a file as an attachment, and only files the build listed', async () => {
    const res = await call(app, admin, {
      method: 'GET',
      url: `/api/v1/companies/${company}/agent-downloads/tandem-agent_1.0.0_amd64.deb`,
    });
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe('packaged agent fixture\n');
    expect(res.headers['content-disposition']).toBe('attachment; filename="tandem-agent_1.0.0_amd64.deb"');
    for (const file of ['manifest.json', '..%2F..%2Fpackage.json', 'nothing.deb']) {
      const refused = await call(app, admin, {
        method: 'GET',
        url: `/api/v1/companies/${company}/agent-downloads/${file}`,
      });
      expect(refused.statusCode, file).toBe(404);
      expect(refused.json().error.code).toBe('not_found');
    }
    // listed, but missing from the folder (a build cut short)
    const missing = await call(app, admin, {
      method: 'GET',
      url: `/api/v1/companies/${company}/agent-downloads/tandem-agent-1.0.0-x64.msi`,
    });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.details).toEqual({ reason: 'agent_not_built' });
  });

  it("sends a file to a device that shows its company's data key (the one-line install), and to nobody else", async () => {
    const key = await dataKeyOf(database.db, company);
    const download = (headers: Record<string, string>, file = 'tandem-agent_1.0.0_amd64.deb') =>
      app.inject({ method: 'GET', url: `/api/agent/download/${file}`, headers });
    const res = await download({ 'x-tandem-data-key': key });
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe('packaged agent fixture\n');
    expect(res.headers['content-disposition']).toBe('attachment; filename="tandem-agent_1.0.0_amd64.deb"');
    for (const headers of [{}, { 'x-tandem-data-key': 'tdk_wrong' }, { 'x-tandem-data-key': '' }] as Record<
      string,
      string
    >[]) {
      const refused = await download(headers);
      expect(refused.statusCode, JSON.stringify(headers)).toBe(401);
      expect(refused.json().error.code).toBe('unauthenticated');
    }
    // a rotated key is refused as enrolment refuses it
    const rotated = await call(app, admin, { method: 'POST', url: `/api/v1/companies/${company}/data-key/rotate` });
    expect(rotated.statusCode, rotated.body).toBe(200);
    expect((await download({ 'x-tandem-data-key': key })).statusCode).toBe(401);
    const current = await dataKeyOf(database.db, company);
    for (const file of ['manifest.json', '..%2F..%2Fpackage.json', 'nothing.deb']) {
      const refused = await download({ 'x-tandem-data-key': current }, file);
      expect(refused.statusCode, file).toBe(404);
    }
    expect((await download({ 'x-tandem-data-key': current })).statusCode).toBe(200);
  });

  it('says so when the agent was not built on this server: an empty list, and 404 agent_not_built', async () => {
    const bare = await createTestApp({ TANDEM_AGENT_DIR: '/nonexistent/agent' });
    const bareAccount = await anAccount(bare.database.db, { name: 'Not built', companies: 1 });
    const bareAdmin = await signIn(bare.app, bareAccount.admin.email);
    const id = bareAccount.companyIds[0];
    const list = await call(bare.app, bareAdmin, { method: 'GET', url: `/api/v1/companies/${id}/agent-downloads` });
    expect(list.json()).toMatchObject({ built: false, version: null, items: [] });
    expect(list.json().serverUrl).toMatch(/^http:\/\//);
    const file = await call(bare.app, bareAdmin, {
      method: 'GET',
      url: `/api/v1/companies/${id}/agent-downloads/tandem-agent_1.0.0_amd64.deb`,
    });
    expect(file.statusCode).toBe(404);
    expect(file.json().error).toMatchObject({ code: 'not_found', details: { reason: 'agent_not_built' } });
    const byKey = await bare.app.inject({
      method: 'GET',
      url: '/api/agent/download/tandem-agent_1.0.0_amd64.deb',
      headers: { 'x-tandem-data-key': await dataKeyOf(bare.database.db, id) },
    });
    expect(byKey.statusCode).toBe(404);
    expect(byKey.json().error.details).toEqual({ reason: 'agent_not_built' });
  });
});
