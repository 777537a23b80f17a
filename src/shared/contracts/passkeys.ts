import { z } from 'zod';
import { timestamp } from './common.js';

/** The longest passkey name. */
export const passkeyNameMax = 64;
/** The longest base64url field of a WebAuthn answer accepted (attestation objects stay well under it). */
const webauthnFieldMax = 16_384;

const base64url = z
  .string()
  .min(1)
  .max(webauthnFieldMax)
  .regex(/^[A-Za-z0-9_-]+={0,2}$/, { message: 'Not base64url' });

export const passkeySchema = z.object({
  id: z.uuid(),
  name: z.string(),
  createdAt: timestamp,
  lastUsedAt: timestamp.nullable(),
  backedUp: z.boolean().describe('the authenticator keeps a synced copy of it'),
});
export type Passkey = z.infer<typeof passkeySchema>;

export const passkeyListSchema = z.object({ items: z.array(passkeySchema) });

export const passkeyNameSchema = z.string().trim().min(1, { message: 'Required' }).max(passkeyNameMax);

/** The options a browser's `navigator.credentials.create()` or `.get()` takes (WebAuthn JSON). */
export const ceremonyOptionsSchema = z.object({
  options: z.record(z.string(), z.unknown()).describe('PublicKeyCredentialCreationOptionsJSON or RequestOptionsJSON'),
});

const clientExtensionResults = z.record(z.string(), z.unknown());

/** What `navigator.credentials.create()` answered, as JSON (RegistrationResponseJSON). */
export const registrationResponseSchema = z.object({
  id: base64url,
  rawId: base64url,
  type: z.literal('public-key'),
  response: z.object({
    clientDataJSON: base64url,
    attestationObject: base64url,
    transports: z.array(z.string().max(32)).max(10).optional(),
    authenticatorData: base64url.optional(),
    publicKey: base64url.optional(),
    publicKeyAlgorithm: z.number().int().optional(),
  }),
  authenticatorAttachment: z.enum(['platform', 'cross-platform']).optional(),
  clientExtensionResults,
});

/** What `navigator.credentials.get()` answered, as JSON (AuthenticationResponseJSON). */
export const authenticationResponseSchema = z.object({
  id: base64url,
  rawId: base64url,
  type: z.literal('public-key'),
  response: z.object({
    clientDataJSON: base64url,
    authenticatorData: base64url,
    signature: base64url,
    userHandle: base64url.optional(),
  }),
  authenticatorAttachment: z.enum(['platform', 'cross-platform']).optional(),
  clientExtensionResults,
});

export const registerPasskeyBody = z.object({ name: passkeyNameSchema, response: registrationResponseSchema });
export const renamePasskeyBody = z.object({ name: passkeyNameSchema }).strict();
export const passkeyAssertionBody = z.object({ response: authenticationResponseSchema });
