import { z } from 'zod';
import { errorResponse } from '../../../shared/contracts/common.js';
import { sessionListQuery } from '../../../shared/contracts/sessions.js';
import type { Actor } from '../../platform/authz.js';
import type { Db } from '../../platform/db/pool.js';
import { csvRow } from '../../platform/http/csv.js';
import { sendCsvDownload } from '../../platform/http/csv-download.js';
import { actorOf } from '../../platform/http/request-context.js';
import type { App } from '../../platform/http/types.js';
import { durationOf } from './presenter.js';
import * as service from './service.js';

const exportQuery = sessionListQuery.omit({ limit: true, cursor: true });
const batch = 500;

export const sessionCsvHeader = [
  'id',
  'company',
  'technician',
  'customer',
  'status',
  'outcome',
  'recorded',
  'created_at',
  'started_at',
  'ended_at',
  'duration_seconds',
  'watchers',
  'notes',
  'kind',
  'device',
  'mode',
];

/** Every session matching the filters as CSV lines, header first, read in keyset batches. */
async function* sessionCsvLines(db: Db, actor: Actor, filter: z.infer<typeof exportQuery>): AsyncGenerator<string> {
  let after: [string, string] | null = null;
  let first = true;
  for (;;) {
    const { rows } = await service.listSessions(db, actor, filter, batch, after);
    if (first) yield csvRow(sessionCsvHeader);
    first = false;
    for (const s of rows)
      yield csvRow([
        s.id,
        s.companyName,
        s.technicianName,
        s.customerName,
        s.status,
        s.outcome,
        s.recorded ? 'yes' : 'no',
        s.createdAt.toISOString(),
        s.startedAt?.toISOString(),
        s.endedAt?.toISOString(),
        durationOf(s),
        s.watchers.map((w) => w.name).join(';'),
        s.notes,
        s.kind,
        s.deviceName,
        s.mode,
      ]);
    const last = rows.at(-1);
    if (rows.length < batch || !last) return;
    after = [last.createdKey, last.id];
  }
}

/** The sessions as CSV, with the list's filters. */
export async function sessionCsvRoutes(app: App, db: Db): Promise<void> {
  app.get('/api/v1/sessions.csv', {
    config: { permission: 'sessions.read' },
    schema: {
      tags: ['sessions'],
      summary: 'The sessions matching the filters, as CSV (spreadsheet formulas neutralised)',
      querystring: exportQuery,
      produces: ['text/csv'],
      response: {
        200: z.string().describe('CSV file'),
        400: errorResponse,
        401: errorResponse,
        403: errorResponse,
        404: errorResponse,
      },
    },
    handler: async (request, reply) =>
      sendCsvDownload(reply, 'sessions', sessionCsvLines(db, actorOf(request), request.query)),
  });
}
