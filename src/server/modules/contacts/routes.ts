import { z } from 'zod';
import { errorResponse, idParams, listResponse, pageQuery } from '../../../shared/contracts/common.js';
import {
  contactDetail,
  contactListQuery,
  contactMethodSchema,
  contactSummary,
  createContactBody,
  methodParams,
  newMethodBody,
  updateContactBody,
  updateMethodBody,
  verificationResult,
  verificationSent,
  verificationTokenParams,
  verifyCodeBody,
} from '../../../shared/contracts/contacts.js';
import { companyFilter } from '../../platform/authz.js';
import { cursorPart, decodeCursor, splitPage } from '../../platform/http/cursor.js';
import { actorOf, contextOf } from '../../platform/http/request-context.js';
import type { App, Deps } from '../../platform/http/types.js';
import { presentContact } from './presenter.js';
import type { ContactUsageReaders } from './usage.js';
import { listContacts } from './repository.js';
import {
  addMethod,
  createContact,
  deleteContact,
  getContact,
  removeMethod,
  sendVerification,
  updateContact,
  updateMethod,
  verifyCode,
  verifyLink,
} from './service.js';

const refusals = { 400: errorResponse, 401: errorResponse, 403: errorResponse, 404: errorResponse, 409: errorResponse };

/**
 * Contacts: who receives alerts and scheduled reports, and how (e-mail, SMS, phone). Routes on
 * one contact declare `contacts.read`; the service checks `contacts.manage` after visibility, so
 * a contact outside the caller's companies is a 404 whatever the role.
 */
/** `usage` reads what sends to a contact (alert rules, report schedules): app.ts passes it in. */
export async function contactRoutes(app: App, { database, config }: Deps, usage: ContactUsageReaders) {
  const { db } = database;

  app.get('/api/v1/contacts', {
    config: { permission: 'contacts.read' },
    schema: {
      tags: ['contacts'],
      summary: 'Contacts you may see, by name; search by name, e-mail address or number',
      querystring: pageQuery.extend(contactListQuery.shape),
      response: { 200: listResponse(contactSummary), 400: errorResponse, 401: errorResponse, 403: errorResponse },
    },
    handler: async (request) => {
      const actor = actorOf(request);
      const { limit, cursor, search, companyId } = request.query;
      const after = decodeCursor(cursor, z.tuple([cursorPart.text, cursorPart.id]));
      const rows = await listContacts(db, actor.accountId, companyFilter(actor), {
        search: search || undefined,
        companyId,
        limit,
        after,
      });
      const { page, nextCursor } = splitPage(rows, limit, (last) => [last.sortName, last.id]);
      return { items: page.map((c) => presentContact(c, actor)), nextCursor };
    },
  });

  app.post('/api/v1/contacts', {
    config: { permission: 'contacts.manage' },
    schema: {
      tags: ['contacts'],
      summary: 'Create a contact with its communication methods (numbers with their country code, stored in E.164)',
      body: createContactBody,
      response: { 201: contactSummary, ...refusals },
    },
    handler: async (request, reply) =>
      reply.status(201).send(await createContact(db, contextOf(request), actorOf(request), request.body)),
  });

  app.get('/api/v1/contacts/:id', {
    config: { permission: 'contacts.read' },
    schema: {
      tags: ['contacts'],
      summary: 'One contact with its methods and what uses it (alert rules, report schedules)',
      params: idParams,
      response: { 200: contactDetail, 401: errorResponse, 403: errorResponse, 404: errorResponse },
    },
    handler: async (request) => getContact(db, actorOf(request), request.params.id, usage),
  });

  app.patch('/api/v1/contacts/:id', {
    config: { permission: 'contacts.read' },
    schema: {
      tags: ['contacts'],
      summary: 'Change a contact (administrators); a user’s contact takes its name from their profile',
      params: idParams,
      body: updateContactBody,
      response: { 200: contactSummary, ...refusals },
    },
    handler: async (request) =>
      updateContact(db, contextOf(request), actorOf(request), request.params.id, request.body),
  });

  app.delete('/api/v1/contacts/:id', {
    config: { permission: 'contacts.read' },
    schema: {
      tags: ['contacts'],
      summary: 'Delete a contact (administrators); a user’s contact goes with the user (409)',
      params: idParams,
      response: { 204: z.null(), ...refusals },
    },
    handler: async (request, reply) => {
      await deleteContact(db, contextOf(request), actorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  });

  app.post('/api/v1/contacts/:id/methods', {
    config: { permission: 'contacts.read' },
    schema: {
      tags: ['contacts'],
      summary: 'Add an e-mail address, SMS number or phone number',
      params: idParams,
      body: newMethodBody,
      response: { 201: contactMethodSchema, ...refusals },
    },
    handler: async (request, reply) =>
      reply
        .status(201)
        .send(await addMethod(db, contextOf(request), actorOf(request), request.params.id, request.body)),
  });

  app.patch('/api/v1/contacts/:id/methods/:methodId', {
    config: { permission: 'contacts.read' },
    schema: {
      tags: ['contacts'],
      summary: 'Change a method’s label, enabled flag or value (a new value must be verified again)',
      params: methodParams,
      body: updateMethodBody,
      response: { 200: contactMethodSchema, ...refusals },
    },
    handler: async (request) =>
      updateMethod(db, contextOf(request), actorOf(request), request.params.id, request.params.methodId, request.body),
  });

  app.delete('/api/v1/contacts/:id/methods/:methodId', {
    config: { permission: 'contacts.read' },
    schema: {
      tags: ['contacts'],
      summary: 'Remove a method',
      params: methodParams,
      response: { 204: z.null(), ...refusals },
    },
    handler: async (request, reply) => {
      await removeMethod(db, contextOf(request), actorOf(request), request.params.id, request.params.methodId);
      return reply.status(204).send(null);
    },
  });

  app.post('/api/v1/contacts/:id/methods/:methodId/verification', {
    config: { permission: 'contacts.read' },
    schema: {
      tags: ['contacts'],
      summary:
        'Send a verification: a link by e-mail (valid 24 h) or a six-digit code by SMS or voice call (valid 10 min)',
      params: methodParams,
      response: { 202: verificationSent, ...refusals },
    },
    handler: async (request, reply) =>
      reply
        .status(202)
        .send(
          await sendVerification(
            db,
            config,
            contextOf(request),
            actorOf(request),
            request.params.id,
            request.params.methodId,
          ),
        ),
  });

  app.post('/api/v1/contacts/:id/methods/:methodId/verify', {
    config: { permission: 'contacts.read', rateLimit: { max: 30, timeWindow: '1 minute' } },
    schema: {
      tags: ['contacts'],
      summary: 'Enter the six-digit code the contact received; five wrong codes spend it',
      params: methodParams,
      body: verifyCodeBody,
      response: { 200: verificationResult, ...refusals },
    },
    handler: async (request) =>
      verifyCode(
        db,
        contextOf(request),
        actorOf(request),
        request.params.id,
        request.params.methodId,
        request.body.code,
      ),
  });

  app.post('/api/v1/contact-verifications/:token', {
    config: { permission: 'public', rateLimit: { max: 30, timeWindow: '1 minute' } },
    schema: {
      tags: ['contacts'],
      summary: 'Confirm an e-mail address from the link sent to it (no sign-in; the link works once)',
      params: verificationTokenParams,
      response: { 200: verificationResult, 400: errorResponse, 404: errorResponse, 429: errorResponse },
    },
    handler: async (request) => verifyLink(db, contextOf(request), request.params.token),
  });
}
