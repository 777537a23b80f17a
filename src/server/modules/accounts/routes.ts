import { accountSchema, updateAccountBody } from '../../../shared/contracts/accounts.js';
import { errorResponse } from '../../../shared/contracts/common.js';
import { companyLabelBody } from '../../../shared/contracts/companies.js';
import type { App, Deps } from '../../platform/http/types.js';
import { actorOf, contextOf } from '../../platform/http/request-context.js';
import { setCompanyLabel } from './company-label.js';
import { loadPresentedAccount } from './presenter.js';
import { renameCurrentAccount } from './service.js';

export async function accountRoutes(app: App, { database }: Deps) {
  const { db } = database;

  app.get('/api/v1/accounts/current', {
    config: { permission: 'account.read' },
    schema: { tags: ['accounts'], summary: 'Your account', response: { 200: accountSchema, 401: errorResponse } },
    handler: async (request) => loadPresentedAccount(db, actorOf(request).accountId),
  });

  app.patch('/api/v1/accounts/current', {
    config: { permission: 'account.update' },
    schema: {
      tags: ['accounts'],
      summary: 'Rename your account',
      body: updateAccountBody,
      response: { 200: accountSchema, 400: errorResponse, 401: errorResponse, 403: errorResponse },
    },
    handler: async (request) => renameCurrentAccount(db, contextOf(request), actorOf(request), request.body.name),
  });

  // --- general.companyLabel, set from the Companies page
  app.put('/api/v1/accounts/current/company-label', {
    config: { permission: 'account.update' },
    schema: {
      tags: ['accounts'],
      summary: 'The account\'s own word for "company", in each language (null: the default words)',
      body: companyLabelBody,
      response: { 200: accountSchema, 400: errorResponse, 401: errorResponse, 403: errorResponse },
    },
    handler: async (request) => setCompanyLabel(db, contextOf(request), actorOf(request), request.body.companyLabel),
  });
}
