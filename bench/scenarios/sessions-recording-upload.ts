import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { chatFixture } from '../lib/chat-fixture.js';
import { ratioOf, type Scenario } from '../lib/scenario.js';

/**
 * P12 — a session's recording uploaded as the technician's page uploads it: numbered 256 KiB chunks,
 * one `PUT /api/v1/sessions/{id}/recording/chunks/{seq}` after the other, MB/s. Baseline: the same
 * bytes as raw single-row INSERTs (a bytea column) into the same database, one after the other.
 * The session is written running and recorded, its technician signed in with a Remote Support seat.
 */
const chunkBytes = 256 * 1024;

export const recordingUploadScenario: Scenario = {
  id: 'P12',
  title: 'recording upload: chunk PUTs vs raw INSERTs of the same bytes',
  async run(ctx) {
    const chunks = ctx.smoke ? 20 : 200;
    const fixture = await chatFixture(ctx, 1);
    try {
      const { db, accountId } = fixture;
      const chat = fixture.chats[0]!;
      const technician = chat.technician;
      const session = (
        await db.execute<{ id: string }>(sql`
          insert into support_sessions
            (account_id, company_id, status, technician_id, created_by, request_id, recording_policy, recorded, sharing, joined_at, started_at)
          select ${accountId}, company_id, 'active', ${technician.id}, ${technician.id}, id, 'always', true, true, now(), now()
          from support_requests where id = ${chat.id}
          returning id`)
      ).rows[0]!;
      const data = Array.from({ length: chunks }, () => randomBytes(chunkBytes));
      const megabytes = (chunks * chunkBytes) / 2 ** 20;

      const auth = technician.session;
      const started = performance.now();
      for (const [seq, body] of data.entries()) {
        const res = await fetch(`${fixture.tandem.baseUrl}/api/v1/sessions/${session.id}/recording/chunks/${seq}`, {
          method: 'PUT',
          headers: { cookie: auth.cookie, 'x-csrf-token': auth.csrfToken, 'content-type': 'video/webm' },
          body,
        });
        if (res.status !== 200 && res.status !== 201)
          throw new Error(`chunk ${seq}: HTTP ${res.status} ${await res.text()}`);
      }
      const tandemRate = megabytes / ((performance.now() - started) / 1000);

      await db.execute(sql`create table bench_raw_chunks (seq integer primary key, data bytea not null)`);
      const rawStarted = performance.now();
      for (const [seq, body] of data.entries()) {
        await db.execute(sql`insert into bench_raw_chunks (seq, data) values (${seq}, ${body})`);
      }
      const rawRate = megabytes / ((performance.now() - rawStarted) / 1000);
      ctx.log(
        `  ${chunks} chunks of ${chunkBytes / 1024} KiB: PUT ${tandemRate.toFixed(1)} MB/s, raw INSERT ${rawRate.toFixed(1)} MB/s`,
      );
      return [
        {
          metric: 'recording chunk upload MB/s ÷ raw INSERTs',
          figure: tandemRate,
          unit: 'MB/s',
          baseline: rawRate,
          ratio: ratioOf(tandemRate, rawRate),
          judged: 'none',
          target: { op: '>=', value: 0 },
        },
      ];
    } finally {
      await fixture.close();
    }
  },
};
