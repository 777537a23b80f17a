import { Readable } from 'node:stream';
import { z } from 'zod';
import { auditEventSchema, auditFilterQuery } from '../../../shared/contracts/audit.js';
import { errorResponse, listResponse, pageQuery } from '../../../shared/contracts/common.js';
import { roleCan } from '../../../shared/permissions.js';
import type { Actor } from '../../platform/authz.js';
import { csvRow } from '../../platform/http/csv.js';
import { cursorPart, decodeCursor, splitPage } from '../../platform/http/cursor.js';
import { actorOf } from '../../platform/http/request-context.js';
import type { App, Deps } from '../../platform/http/types.js';
import { auditCsvHeader, auditCsvValues, presentAuditEvent } from './presenter.js';
import { type AuditFilter, listAuditEvents } from './repository.js';

/** Technicians read only their own actions; administrators read the account's. */
function scopedFilter(actor: Actor, query: z.infer<typeof auditFilterQuery>): AuditFilter {
  const ownOnly = !roleCan(actor.role, 'audit.read');
  return { ...query, accountId: actor.accountId, actorId: ownOnly ? actor.userId : query.actorId };
}

export async function auditRoutes(app: App, { database }: Deps) {
  const { db } = database;

  app.get('/api/v1/audit-events', {
    config: { permission: 'audit.readOwn' },
    schema: {
      tags: ['audit'],
      summary: 'Audit events, newest first (technicians see their own)',
      querystring: pageQuery.extend(auditFilterQuery.shape),
      response: { 200: listResponse(auditEventSchema), 400: errorResponse, 401: errorResponse, 403: errorResponse },
    },
    handler: async (request) => {
      const { limit, cursor, ...filters } = request.query;
      const after = decodeCursor(cursor, z.tuple([cursorPart.bigint]));
      const rows = await listAuditEvents(
        db,
        scopedFilter(actorOf(request), filters),
        limit + 1,
        after ? BigInt(after[0]) : null,
      );
      const { page, nextCursor } = splitPage(rows, limit, (last) => [last.id.toString()]);
      return { items: page.map(presentAuditEvent), nextCursor };
    },
  });

  app.get('/api/v1/audit-events/export.csv', {
    config: { permission: 'audit.export' },
    schema: {
      tags: ['audit'],
      summary: 'Every audit event matching the filters, as CSV',
      querystring: auditFilterQuery,
      produces: ['text/csv'],
      response: { 200: z.string().describe('CSV file'), 400: errorResponse, 401: errorResponse, 403: errorResponse },
    },
    handler: async (request, reply) => {
      const filter = scopedFilter(actorOf(request), request.query);
      async function* rows() {
        yield csvRow(auditCsvHeader);
        let before: bigint | null = null;
        for (;;) {
          const batch = await listAuditEvents(db, filter, 1000, before);
          for (const row of batch) yield csvRow(auditCsvValues(presentAuditEvent(row)));
          if (batch.length < 1000) return;
          before = batch[batch.length - 1].id;
        }
      }
      const stamp = new Date().toISOString().slice(0, 10);
      reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="tandem-audit-${stamp}.csv"`);
      // a stream is sent as is; the schema above documents it
      return reply.send(Readable.from(rows()) as unknown as string);
    },
  });
}
