import { z } from 'zod';
import { auditEventSchema } from '../../../shared/contracts/audit.js';
import { errorResponse, idParams } from '../../../shared/contracts/common.js';
import {
  accountSettingsResponse,
  companySettingsResponse,
  patchAccountSettingsBody,
  patchCompanySettingsBody,
  settingHistoryQuery,
} from '../../../shared/contracts/settings.js';
import { definitionOf } from '../../../shared/settings.js';
import { fieldError } from '../../platform/http/app-error.js';
import { actorOf, contextOf } from '../../platform/http/request-context.js';
import type { App, Deps } from '../../platform/http/types.js';
import { presentAuditEvent, listAuditEvents } from '../audit/index.js';
import { accountSettings, companySettings, updateAccountSettings, updateCompanySettings } from './service.js';

const errors = { 400: errorResponse, 401: errorResponse, 403: errorResponse, 404: errorResponse, 409: errorResponse };

export async function settingRoutes(app: App, { database }: Deps) {
  const { db } = database;

  app.get('/api/v1/settings', {
    config: { permission: 'settings.read' },
    schema: {
      tags: ['settings'],
      summary: 'Every setting: default, the account value, effective value and lock',
      response: { 200: accountSettingsResponse, ...errors },
    },
    handler: async (request) => ({ items: await accountSettings(db, actorOf(request).accountId) }),
  });

  app.patch('/api/v1/settings', {
    config: { permission: 'settings.update' },
    schema: {
      tags: ['settings'],
      summary: 'Change account values (null resets to the default) and locks; all or nothing',
      body: patchAccountSettingsBody,
      response: { 200: accountSettingsResponse, ...errors },
    },
    handler: async (request) => {
      const actor = actorOf(request);
      await updateAccountSettings(db, contextOf(request), actor, request.body);
      return { items: await accountSettings(db, actor.accountId) };
    },
  });

  app.get('/api/v1/companies/:id/settings', {
    config: { permission: 'settings.read' },
    schema: {
      tags: ['settings'],
      summary: "A company's overridable settings: effective value, where it comes from, its own override",
      params: idParams,
      response: { 200: companySettingsResponse, ...errors },
    },
    handler: async (request) => ({
      companyId: request.params.id,
      items: await companySettings(db, actorOf(request), request.params.id),
    }),
  });

  app.patch('/api/v1/companies/:id/settings', {
    // the right to see the company's settings; the service checks settings.update once the company is
    // known to be visible, so another account's company answers 404 and 403 is only said about a visible one
    config: { permission: 'settings.read' },
    schema: {
      tags: ['settings'],
      summary: 'Override settings for a company (null resets to inherited); never a locked one, never weaker security',
      params: idParams,
      body: patchCompanySettingsBody,
      response: { 200: companySettingsResponse, ...errors },
    },
    handler: async (request) => {
      const actor = actorOf(request);
      await updateCompanySettings(db, contextOf(request), actor, request.params.id, request.body.values);
      return { companyId: request.params.id, items: await companySettings(db, actor, request.params.id) };
    },
  });

  app.get('/api/v1/settings/history', {
    config: { permission: 'settings.read' },
    schema: {
      tags: ['settings'],
      summary: 'The changes of one setting (account level, or one company), newest first, from the audit log',
      querystring: settingHistoryQuery,
      response: { 200: z.object({ items: z.array(auditEventSchema) }), ...errors },
    },
    handler: async (request) => {
      const actor = actorOf(request);
      const { key, companyId } = request.query;
      if (!definitionOf(key)) throw fieldError('query.key', 'unknown_field', 'Unknown setting');
      if (companyId) await companySettings(db, actor, companyId); // 404 unless visible
      const filter = companyId
        ? { accountId: actor.accountId, objectType: 'company_setting', objectId: `${companyId}:${key}` }
        : { accountId: actor.accountId, objectType: 'setting', objectId: key };
      const rows = await listAuditEvents(db, filter, 100, null);
      return { items: rows.map(presentAuditEvent) };
    },
  });
}
