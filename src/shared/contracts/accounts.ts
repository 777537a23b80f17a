import { z } from 'zod';
import { limits } from '../limits.js';
import { timestamp } from './common.js';

export const accountSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  createdAt: timestamp,
});
export type Account = z.infer<typeof accountSchema>;

export const updateAccountBody = z.object({
  name: z.string().trim().min(1).max(limits.accountName),
});
