import { z } from 'zod';
import { limits } from '../limits.js';
import { companyLabelSchema } from './accounts.js';
import { idSchema, pageQuery, timestamp } from './common.js';
import { patterns } from '../patterns.js';

/** The image types a company logo may have: raster formats only, never SVG (it can carry script). */
export const logoContentTypes = ['image/png', 'image/jpeg', 'image/webp'] as const;
export type LogoContentType = (typeof logoContentTypes)[number];

export const companyNameSchema = z.string().trim().min(1, { message: 'Required' }).max(limits.companyName);

export const companyColorSchema = z
  .string()
  .trim()
  .max(7)
  .regex(patterns.colour.regex, { message: 'Use a colour of the form #rrggbb' })
  .transform((c) => c.toLowerCase());

/** What the actor may do with one company; the console hides what is false. */
export const companyAbilitiesSchema = z.object({
  update: z.boolean().describe('rename, change the colour and the logo'),
  delete: z.boolean(),
  viewDataKey: z.boolean(),
  rotateDataKey: z.boolean(),
  moveDevices: z.boolean(),
  clearInventory: z.boolean(),
  viewAccess: z.boolean().describe('see which users can reach the company'),
  manageAccess: z.boolean().describe('grant or remove access of users'),
});
export type CompanyAbilities = z.infer<typeof companyAbilitiesSchema>;

export const companyLogoSchema = z.object({
  contentType: z.enum(logoContentTypes),
  size: z.number().int(),
  sha256: z.string(),
  updatedAt: timestamp,
  url: z.string().describe('where to load it; changes with the image'),
});

export const companySchema = z.object({
  id: z.uuid(),
  name: z.string(),
  color: z.string().nullable().describe('#rrggbb, or null'),
  logo: companyLogoSchema.nullable(),
  usersCount: z.number().int().describe('users who can reach the company, administrators included'),
  devicesCount: z.number().int(),
  createdAt: timestamp,
  updatedAt: timestamp,
  abilities: companyAbilitiesSchema,
});
export type Company = z.infer<typeof companySchema>;

export const companyDetailSchema = companySchema.extend({
  dataKey: z.string().nullable().describe('the enrolment key; null unless you may see it (administrators)'),
  dataKeyRotatedAt: timestamp.nullable(),
  timeZone: z.string().describe("the company's effective general.timeZone: its dates are shown in it"),
});
export type CompanyDetail = z.infer<typeof companyDetailSchema>;

export const companySorts = ['name', 'createdAt', 'usersCount', 'devicesCount'] as const;
export type CompanySort = (typeof companySorts)[number];

export const companyListQuery = pageQuery.extend({
  q: z.string().trim().max(limits.search).optional().describe('part of the name, any case'),
  sort: z.enum(companySorts).default('name'),
  order: z.enum(['asc', 'desc']).default('asc'),
});

/** A company as a choice (the company switcher, the pickers of forms): its name and colour. */
export const companyChoiceSchema = companySchema.pick({ id: true, name: true, color: true });

export const companyChoicesQuery = pageQuery.extend({ q: companyListQuery.shape.q });

export const createCompanyBody = z.object({
  name: companyNameSchema,
  color: companyColorSchema.nullable().optional(),
});

export const updateCompanyBody = z.object({
  name: companyNameSchema.optional(),
  color: companyColorSchema.nullable().optional(),
});

export const dataKeySchema = z.object({
  dataKey: z.string(),
  dataKeyRotatedAt: timestamp.nullable(),
});

export const moveDevicesBody = z.object({ targetCompanyId: idSchema });
export const moveDevicesResponse = z.object({ moved: z.number().int(), targetCompanyId: z.uuid() });

export const clearInventoryBody = z.object({
  confirmName: z.string().max(limits.companyName).describe("the company's name, typed exactly"),
});
export const clearInventoryResponse = z.object({ deleted: z.number().int() });

/** A user as the company's "user access" tab shows them. */
export const companyUserSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  email: z.string(),
  role: z.enum(['administrator', 'technician', 'viewer']),
  status: z.enum(['invited', 'active', 'disabled']),
  access: z
    .enum(['all', 'granted', 'none'])
    .describe('all: every company (administrators); granted: this company is in their list'),
  companyCount: z.number().int().describe('how many companies were granted to them (0 for "all")'),
});
export type CompanyUser = z.infer<typeof companyUserSchema>;

export const companyUsersQuery = pageQuery.extend({
  q: z.string().trim().max(limits.search).optional().describe('part of the name or e-mail'),
  scope: z
    .enum(['access', 'candidates'])
    .default('access')
    .describe('access: who can reach it; candidates: users who could be granted it'),
});

export const companyUserParams = z.object({ id: idSchema, userId: idSchema });

/** Details of a 409 refusal to delete a company, so the console can offer the way out. */
export const deleteRefusalDetails = z.discriminatedUnion('reason', [
  z.object({ reason: z.literal('last_company') }),
  z.object({ reason: z.literal('has_devices'), deviceCount: z.number().int() }),
  z.object({
    reason: z.literal('users_left_without_company'),
    userCount: z.number().int(),
    users: z.array(z.object({ id: z.uuid(), name: z.string(), email: z.string() })),
  }),
]);
export type DeleteRefusal = z.infer<typeof deleteRefusalDetails>;

export const companyFilterSchema = z.object({
  companyId: idSchema.nullable().describe('the company the console shows, or null for all companies'),
});
export type CompanyFilter = z.infer<typeof companyFilterSchema>;

export const companyLabelBody = z.object({
  companyLabel: companyLabelSchema.nullable().describe('null: back to the default words'),
});
