import { z } from 'zod';
import { limits } from '../limits.js';
import { patterns } from '../patterns.js';
import { idSchema, timestamp } from './common.js';

/** Who a canned reply is for: the whole account, one company, or the technician who wrote it. */
export const cannedReplyScopes = ['account', 'company', 'personal'] as const;
export type CannedReplyScope = (typeof cannedReplyScopes)[number];

/** Written in a reply's text, replaced by the customer's name when it is inserted in a chat. */
export const customerNamePlaceholder = '{customer}';

export const cannedReplySchema = z.object({
  id: z.uuid(),
  scope: z.enum(cannedReplyScopes),
  companyId: z.uuid().nullable(),
  companyName: z.string().nullable(),
  ownerId: z.uuid().nullable(),
  title: z.string(),
  shortcut: z.string().describe('typed after "/" in a chat to insert the reply'),
  body: z.string().describe(`the text; ${customerNamePlaceholder} stands for the customer's name`),
  updatedAt: timestamp,
  abilities: z.object({ update: z.boolean(), delete: z.boolean() }),
});
export type CannedReply = z.infer<typeof cannedReplySchema>;

export const cannedReplyListResponse = z.object({ items: z.array(cannedReplySchema) });

export const cannedReplyListQuery = z.object({
  requestId: idSchema
    .optional()
    .describe("only the replies usable in this request's chat: the account's, its company's and your own"),
  companyId: idSchema.optional().describe("only this company's replies (with requestId absent)"),
});

const fields = {
  title: z.string().trim().min(1, { message: 'Required' }).max(limits.cannedReplyTitle),
  shortcut: z
    .string()
    .trim()
    .toLowerCase()
    .min(1, { message: 'Required' })
    .max(limits.cannedReplyShortcut)
    .regex(patterns.slug.regex, { message: 'Use lower-case letters, digits and single hyphens' }),
  body: z.string().trim().min(1, { message: 'Required' }).max(limits.chatMessage),
};

export const createCannedReplyBody = z.object({
  scope: z.enum(cannedReplyScopes),
  companyId: idSchema.nullable().optional().describe('required for the company scope; absent otherwise'),
  ...fields,
});
export type CreateCannedReply = z.infer<typeof createCannedReplyBody>;

export const updateCannedReplyBody = z.object(fields).partial().strict();
