import { z } from 'zod';
import { limits } from '../limits.js';
import { timestamp } from './common.js';

const labelWords = z.object({
  singular: z.string().trim().min(1).max(40),
  plural: z.string().trim().min(1).max(40),
});

/** The account's own word for "company", in each language (general.companyLabel). */
export const companyLabelSchema = z.object({ en: labelWords, fr: labelWords });
export type CompanyLabel = z.infer<typeof companyLabelSchema>;

export const accountSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  companyLabel: companyLabelSchema.nullable().describe('null: the default words, "Companies" / « Sociétés »'),
  createdAt: timestamp,
});
export type Account = z.infer<typeof accountSchema>;

export const updateAccountBody = z.object({
  name: z.string().trim().min(1).max(limits.accountName),
});
