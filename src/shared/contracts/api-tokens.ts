import { z } from 'zod';
import { coded } from '../field-problems.js';
import { limits } from '../limits.js';
import { timestamp } from './common.js';

export const apiTokenSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  prefix: z.string().describe('First characters of the token, to recognise it'),
  createdAt: timestamp,
  expiresAt: timestamp.nullable(),
  lastUsedAt: timestamp.nullable(),
});
export type ApiToken = z.infer<typeof apiTokenSchema>;

export const createApiTokenBody = z.object({
  name: z.string().trim().min(1).max(limits.tokenName),
  expiresAt: z.iso
    .datetime({ offset: true })
    .refine((v) => Date.parse(v) > Date.now(), {
      message: 'Choose a date in the future',
      params: coded('future_date_required'),
    })
    .optional()
    .nullable(),
});

export const createdApiTokenSchema = apiTokenSchema.extend({
  token: z.string().describe('The secret; shown only once'),
});
