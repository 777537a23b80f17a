import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { limits } from '../../src/shared/limits.js';
import { call, createTestApp, signIn } from '../support/test-app.js';
import {
  anAccount,
  countOf,
  nobodyOnline,
  requestsOfCompany,
  shiftRequestTimes,
  slugOf,
} from '../support/builders/index.js';
import { customer, online, seated, submit, visitor } from './support-kit.js';

const { app, database } = await createTestApp();
const db = database.db;
const account = await anAccount(db, { name: 'Attach', companies: 3 });
const admin = await signIn(app, account.admin.email);
const companyId = account.companyIds[0]!;
const slug = await slugOf(db, companyId);
const tech = await seated(app, db, account, admin, ['remoteSupport']);

const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 1)]);
const allowAttachments = (value: boolean) =>
  call(app, admin, {
    method: 'PATCH',
    url: `/api/v1/companies/${companyId}/settings`,
    payload: { values: { 'portal.allowAttachments': value } },
  });
const stored = (requestId: string) =>
  countOf(db, sql`select count(*)::int as n from support_attachments where request_id = ${requestId}`);

function upload(r: { id: string; visitorToken: string }, contentType: string, payload: Buffer, name = 'shot.png') {
  return app.inject({
    method: 'POST',
    url: `/api/portal/${slug}/requests/${r.id}/attachments?name=${encodeURIComponent(name)}`,
    headers: { ...visitor(r.visitorToken), 'content-type': contentType },
    payload,
  });
}

async function request(n: number) {
  const res = await submit(app, slug, customer(n));
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; visitorToken: string };
}

describe('attachments', () => {
  it('are refused while portal.allowAttachments is off, for the customer and the technician; nothing stored', async () => {
    await allowAttachments(false);
    await online(db, account.id, [tech.user.id]);
    const r = await request(1);
    const res = await upload(r, 'image/png', png);
    expect(res.statusCode).toBe(403);
    expect(res.json().error).toMatchObject({ code: 'forbidden', message: 'This portal does not accept attachments.' });
    expect(
      (await call(app, tech.caller, { method: 'POST', url: `/api/v1/support-requests/${r.id}/accept` })).statusCode,
    ).toBe(200);
    const byTech = await call(app, tech.caller, {
      method: 'POST',
      url: `/api/v1/support-requests/${r.id}/attachments?name=a.png`,
      headers: { 'content-type': 'image/png' },
      payload: png,
    });
    expect(byTech.statusCode).toBe(403);
    expect(await stored(r.id)).toBe(0);
  });

  it('refuse an oversize file (413), another type or content that lies about its type (415), an empty file (400); nothing stored', async () => {
    await allowAttachments(true);
    const r = await request(2);
    const big = Buffer.concat([png, Buffer.alloc(limits.attachmentBytes, 0)]);
    const tooBig = await upload(r, 'image/png', big);
    expect(tooBig.statusCode).toBe(413);
    expect(tooBig.json().error.message).toMatch(/at most|too large/i);

    const html = Buffer.from('<html><script>alert(1)</script></html>');
    for (const type of ['text/html', 'image/svg+xml', 'application/x-msdownload']) {
      const res = await upload(r, type, html, 'page.html');
      expect(res.statusCode, type).toBe(415);
      expect(res.json().error.code).toBe('unsupported_media_type');
      expect(res.json().error.message).toMatch(/PNG, JPEG/);
    }
    const lying = await upload(r, 'image/png', html, 'x.png');
    expect(lying.statusCode).toBe(415);
    expect(lying.json().error.message).toBe("The file's content is not image/png.");
    expect((await upload(r, 'text/plain', Buffer.alloc(0), 'e.txt')).statusCode).toBe(400);
    expect(await stored(r.id)).toBe(0);
  });

  it('stores an allowed file and serves it as a download, never inline, to the customer and the technician', async () => {
    await allowAttachments(true);
    await online(db, account.id, [tech.user.id]);
    const r = await request(3);
    const res = await upload(r, 'image/png', png, '<img src=x onerror=alert(1)>.png');
    expect(res.statusCode, res.body).toBe(201);
    const attachment = res.json();
    expect(attachment).toMatchObject({
      contentType: 'image/png',
      size: png.length,
      name: '<img src=x onerror=alert(1)>.png',
    });
    const sent = await app.inject({
      method: 'POST',
      url: `/api/portal/${slug}/requests/${r.id}/messages`,
      headers: visitor(r.visitorToken),
      payload: { clientId: 'file-1', attachmentId: attachment.id },
    });
    expect(sent.statusCode, sent.body).toBe(201);

    const own = await app.inject({ method: 'GET', url: `${attachment.url}?token=${r.visitorToken}` });
    const transcript = (
      await call(app, tech.caller, { method: 'GET', url: `/api/v1/support-requests/${r.id}/messages` })
    ).json();
    const withFile = transcript.items.find((m: { attachment: unknown }) => m.attachment);
    expect(withFile.attachment).toMatchObject({ id: attachment.id, name: attachment.name });
    const console = await call(app, tech.caller, { method: 'GET', url: withFile.attachment.url });
    for (const file of [own, console]) {
      expect(file.statusCode).toBe(200);
      expect(file.rawPayload.equals(png)).toBe(true);
      expect(file.headers['content-disposition']).toMatch(
        /^attachment; filename="_img src_x onerror_alert_1__.png"; filename\*=UTF-8/,
      );
      expect(file.headers['x-content-type-options']).toBe('nosniff');
      expect(file.headers['content-security-policy']).toContain('sandbox');
    }
  });
});

describe('submission limits per portal', () => {
  it(`refuses a request beyond ${limits.submissionsPerPortalMinute} a minute on one portal from any addresses; other portals still take requests`, async () => {
    const other = account.companyIds[1]!;
    const otherSlug = await slugOf(db, other);
    await nobodyOnline(db, account.id);
    const answers: string[] = [];
    for (let i = 0; i < limits.submissionsPerPortalMinute; i++) {
      const res = await submit(app, otherSlug, customer(500 + i), `198.51.100.${i + 1}`);
      if (res.statusCode !== 201) answers.push(`${i}: ${res.statusCode} ${res.body}`);
    }
    expect(answers).toEqual([]);
    const before = (await requestsOfCompany(db, other)).length;
    const refused = await submit(app, otherSlug, customer(600), '203.0.113.9');
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error).toMatchObject({
      code: 'rate_limited',
      message: 'This portal receives too many requests right now; try again in a minute.',
    });
    expect(refused.headers['retry-after']).toBe('60');
    expect(await requestsOfCompany(db, other)).toHaveLength(before);
    // the same address on another portal is not refused: the limit is the portal's
    expect((await submit(app, slug, customer(601), '203.0.113.9')).statusCode).toBe(201);
    // a minute later the portal takes requests again
    await shiftRequestTimes(
      db,
      (await requestsOfCompany(db, other)).map((r) => r.id),
      61,
    );
    expect((await submit(app, otherSlug, customer(602), '203.0.113.10')).statusCode).toBe(201);
  });
});
