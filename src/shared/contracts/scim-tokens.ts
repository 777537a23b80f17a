import { z } from 'zod';
import { limits } from '../limits.js';
import { timestamp } from './common.js';

export const scimTokenSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  prefix: z.string().describe('First characters of the token, to recognise it'),
  createdAt: timestamp,
  lastUsedAt: timestamp.nullable(),
});
export type ScimToken = z.infer<typeof scimTokenSchema>;

export const scimTokenListSchema = z.object({
  items: z.array(scimTokenSchema),
  baseUrl: z.string().describe('The SCIM base URL to give the identity provider'),
});

export const createScimTokenBody = z.strictObject({
  name: z.string().trim().min(1).max(limits.tokenName),
});

export const createdScimTokenSchema = scimTokenSchema.extend({
  token: z.string().describe('The secret; shown only once'),
});
export type CreatedScimToken = z.infer<typeof createdScimTokenSchema>;
