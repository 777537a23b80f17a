import { z } from 'zod';
import { errorResponse, idParams } from '../../../shared/contracts/common.js';
import {
  createGroupRuleBody,
  groupDecisionSchema,
  groupPreviewBody,
  groupRuleListResponse,
  groupRuleSchema,
  updateGroupRuleBody,
} from '../../../shared/contracts/group-rules.js';
import { actorOf, contextOf } from '../../platform/http/request-context.js';
import type { App, Deps } from '../../platform/http/types.js';
import * as service from './service.js';

const tags = ['group rules'];
const errors = { 400: errorResponse, 401: errorResponse, 403: errorResponse, 404: errorResponse, 409: errorResponse };
const rules =
  'Rules from the groups an identity provider sends (the OpenID Connect groups claim, SCIM groups) to a role and companies. A person matching several rules gets the highest of their roles and every company any of them grants; matching none, no access. Without any rule, groups decide nothing. Applied at each single sign-on and each SCIM change.';

/** The account's rules from groups to access, administered on the Sign-in & provisioning page. */
export async function groupRuleRoutes(app: App, { database }: Deps) {
  const { db } = database;

  app.get('/api/v1/group-rules', {
    config: { permission: 'identity.manage' },
    schema: {
      tags,
      summary: 'The rules from groups to role and companies',
      description: rules,
      response: { 200: groupRuleListResponse, ...errors },
    },
    handler: async (request) => ({ items: await service.listRules(db, actorOf(request)) }),
  });

  app.post('/api/v1/group-rules', {
    config: { permission: 'identity.manage' },
    schema: {
      tags,
      summary: 'Add a rule: a group gives a role and companies',
      description: rules,
      body: createGroupRuleBody,
      response: { 201: groupRuleSchema, ...errors },
    },
    handler: async (request, reply) =>
      reply.status(201).send(await service.createRule(db, contextOf(request), actorOf(request), request.body)),
  });

  app.post('/api/v1/group-rules/preview', {
    config: { permission: 'identity.manage' },
    schema: {
      tags,
      summary: 'What a person in these groups would get, under the rules as they are',
      description: rules,
      body: groupPreviewBody,
      response: { 200: groupDecisionSchema, ...errors },
    },
    handler: async (request) => service.decideFromGroups(db, actorOf(request).accountId, request.body.groups),
  });

  app.patch('/api/v1/group-rules/:id', {
    config: { permission: 'identity.manage' },
    schema: {
      tags,
      summary: "Change a rule's group, role or companies",
      description: rules,
      params: idParams,
      body: updateGroupRuleBody,
      response: { 200: groupRuleSchema, ...errors },
    },
    handler: async (request) =>
      service.updateRule(db, contextOf(request), actorOf(request), request.params.id, request.body),
  });

  app.delete('/api/v1/group-rules/:id', {
    config: { permission: 'identity.manage' },
    schema: {
      tags,
      summary: 'Delete a rule',
      description: rules,
      params: idParams,
      response: { 204: z.null(), ...errors },
    },
    handler: async (request, reply) => {
      await service.deleteRule(db, contextOf(request), actorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  });
}
