import { z } from 'zod';
import { errorResponse } from '../../../shared/contracts/common.js';
import { csvImportBody, csvImportResponse, userFilterQuery } from '../../../shared/contracts/users.js';
import { sendCsvDownload } from '../../platform/http/csv-download.js';
import { actorOf, contextOf } from '../../platform/http/request-context.js';
import type { App } from '../../platform/http/types.js';
import type { UsersDeps } from './service.js';
import { userCsvLines } from './csv-export.js';
import { importUsers } from './csv-import.js';

const tags = ['users'];
const read = { 400: errorResponse, 401: errorResponse, 403: errorResponse, 404: errorResponse };
const write = { ...read, 409: errorResponse };

/** The users as CSV, and the CSV import (a dry run lists each row's problems; applying invites every row or none). */
export async function userCsvRoutes(app: App, deps: UsersDeps) {
  const { db } = deps;

  app.get('/api/v1/users/export.csv', {
    config: { permission: 'users.read' },
    schema: {
      tags,
      summary: 'The users matching the filters, as CSV (the first columns are those of the import)',
      querystring: userFilterQuery,
      produces: ['text/csv'],
      response: { 200: z.string().describe('CSV file'), ...read },
    },
    handler: async (request, reply) => {
      return sendCsvDownload(reply, 'users', userCsvLines(db, actorOf(request), request.query));
    },
  });

  app.post('/api/v1/users/import', {
    config: { permission: 'users.manage' },
    schema: {
      tags,
      summary:
        'Import users from CSV (columns email, name, role, companies; optional language). A dry run lists each row’s problems; applying invites every row or none',
      body: csvImportBody,
      response: { 200: csvImportResponse, ...write, 413: errorResponse },
    },
    handler: async (request) => importUsers(deps, contextOf(request), actorOf(request), request.body),
  });
}
