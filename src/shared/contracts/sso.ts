import { z } from 'zod';
import { coded } from '../field-problems.js';
import { limits } from '../limits.js';
import { emailSchema, nameSchema, timestamp } from './common.js';

/**
 * OpenID Connect sign-in providers of an account. The client secret is written, never read back
 * (`hasClientSecret` says whether one is kept). Each e-mail domain leads to one provider of one
 * account only.
 */
const issuerSchema = z
  .string()
  .trim()
  .max(500)
  .refine((text) => /^https?:\/\/[^\s/]+/.test(text) && URL.canParse(text), {
    message: 'An https:// address, such as https://login.example.com/realm',
    params: coded('invalid_url'),
  });

const domainSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(253)
  .regex(/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, {
    message: 'A domain such as example.com',
  });

const scopesSchema = z
  .string()
  .trim()
  .max(500)
  .regex(/^[\x21-\x7e]+( [\x21-\x7e]+)*$/, { message: 'Scopes separated by spaces' })
  .refine((text) => text.split(' ').includes('openid'), {
    message: 'The scopes must include openid',
    params: coded('invalid_value'),
  });

const claimSchema = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(/^[\x21-\x7e]+$/, { message: 'A claim name, without spaces' });

const providerFields = {
  name: nameSchema,
  issuer: issuerSchema,
  clientId: z.string().trim().min(1).max(500),
  scopes: scopesSchema,
  groupsClaim: claimSchema,
  domains: z.array(domainSchema).max(50),
  createUsers: z.boolean(),
  linkByEmail: z.boolean(),
  enabled: z.boolean(),
};

export const createSsoProviderBody = z
  .object({
    ...providerFields,
    clientSecret: z.string().min(1).max(2000),
    scopes: scopesSchema.default('openid email profile'),
    groupsClaim: claimSchema.default('groups'),
    domains: providerFields.domains.default([]),
    createUsers: z.boolean().default(false),
    linkByEmail: z.boolean().default(false),
    enabled: z.boolean().default(false),
  })
  .strict();
export type CreateSsoProviderBody = z.input<typeof createSsoProviderBody>;

export const updateSsoProviderBody = z
  .object({ ...providerFields, clientSecret: z.string().min(1).max(2000) })
  .partial()
  .strict();
export type UpdateSsoProviderBody = z.infer<typeof updateSsoProviderBody>;

export const ssoProviderSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  issuer: z.string(),
  clientId: z.string(),
  hasClientSecret: z.boolean(),
  scopes: z.string(),
  groupsClaim: z.string(),
  domains: z.array(z.string()),
  createUsers: z.boolean(),
  linkByEmail: z.boolean(),
  enabled: z.boolean(),
  /** the redirect URI to register at the provider */
  callbackUrl: z.string(),
  updatedAt: timestamp,
});
export type SsoProvider = z.infer<typeof ssoProviderSchema>;

export const ssoProviderListResponse = z.object({
  items: z.array(ssoProviderSchema),
  /** the account's own sign-in address, listing its enabled providers */
  signInUrl: z.string(),
});

/** Why a provider's test failed. */
export const ssoTestProblems = ['unreachable', 'not_an_issuer', 'issuer_mismatch', 'no_code_flow'] as const;

export const ssoTestResponse = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    issuer: z.string(),
    authorizationEndpoint: z.string(),
    tokenEndpoint: z.string(),
    scopesSupported: z.array(z.string()),
    claimsSupported: z.array(z.string()),
  }),
  z.object({ ok: z.literal(false), problem: z.enum(ssoTestProblems), message: z.string() }),
]);
export type SsoTestResult = z.infer<typeof ssoTestResponse>;

/** Sign-in page: which providers an e-mail's domain leads to (the same shape whether any match). */
export const ssoDiscoverBody = z.object({ email: emailSchema }).strict();
export const ssoProviderChoice = z.object({ id: z.uuid(), name: z.string() });
export const ssoDiscoverResponse = z.object({ providers: z.array(ssoProviderChoice) });
export type SsoProviderChoice = z.infer<typeof ssoProviderChoice>;

export const ssoAccountParams = z.object({ accountId: z.uuid() });
export const ssoAccountProvidersResponse = z.object({
  accountName: z.string(),
  providers: z.array(ssoProviderChoice),
});

export const ssoStartParams = z.object({ id: z.uuid() });
export const ssoStartQuery = z.object({
  /** where to go once signed in: a path of the console */
  returnTo: z
    .string()
    .max(limits.name * 4)
    .regex(/^\/(?![/\\])[^\s]*$/, { message: 'A path of this site' })
    .optional(),
});

export const ssoCallbackQuery = z.object({
  state: z.string().max(200).optional(),
  code: z.string().max(4000).optional(),
  error: z.string().max(200).optional(),
  error_description: z.string().max(2000).optional(),
  iss: z.string().max(500).optional(),
  session_state: z.string().max(500).optional(),
});

/** Why a sign-in through a provider ended without a session (shown on the sign-in page). */
export const ssoFailures = [
  'expired',
  'provider_error',
  'token_refused',
  'email_unverified',
  'no_user',
  'no_access',
  'disabled',
] as const;
export type SsoFailure = (typeof ssoFailures)[number];

/** Administrators and whether each may still use a password when the account requires single sign-on. */
export const breakGlassListResponse = z.object({
  ssoOnly: z.boolean(),
  administrators: z.array(
    z.object({ id: z.uuid(), name: z.string(), email: z.string(), active: z.boolean(), breakGlass: z.boolean() }),
  ),
});
export const breakGlassBody = z.object({ breakGlass: z.boolean() }).strict();
