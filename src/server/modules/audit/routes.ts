import { z } from 'zod';
import { auditEventSchema, auditFilterQuery } from '../../../shared/contracts/audit.js';
import { errorResponse, listResponse, pageQuery } from '../../../shared/contracts/common.js';
import { csvRow } from '../../platform/http/csv.js';
import { sendCsvDownload } from '../../platform/http/csv-download.js';
import { actorOf } from '../../platform/http/request-context.js';
import type { App, Deps } from '../../platform/http/types.js';
import { auditCsvHeader, auditCsvValues, presentAuditEvent } from './presenter.js';
import { auditBatches, auditPage } from './service.js';

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
      const { page, nextCursor } = await auditPage(db, actorOf(request), request.query);
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
      const batches = auditBatches(db, actorOf(request), request.query);
      async function* rows() {
        yield csvRow(auditCsvHeader);
        for await (const batch of batches)
          for (const row of batch) yield csvRow(auditCsvValues(presentAuditEvent(row)));
      }
      return sendCsvDownload(reply, 'audit', rows());
    },
  });
}
