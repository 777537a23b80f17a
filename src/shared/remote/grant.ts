import { z } from 'zod';
import { remoteModes } from './protocol.js';

/**
 * A session grant: what the server signs (Ed25519) for one device and one session, and what
 * tandem-agent checks before it shows a consent prompt, sends a frame or opens a relay. Its text
 * form is `base64url(JSON payload) + "." + base64url(signature over those payload bytes)`.
 *
 * The agent refuses a grant whose signature is not the pinned server key's, whose `deviceId` is not
 * its own, whose `exp` has passed (a grant lives `grantLifetimeSeconds`), or whose `nonce` it has
 * already seen; an opening grant (`purpose: 'open'`) also starts the consent step, a relay grant
 * (`purpose: 'relay'`) only joins a transport to a session the agent already runs.
 */
export const grantLifetimeSeconds = 60;

export const consentModes = ['allow', 'notify', 'ask'] as const;
export type ConsentMode = (typeof consentModes)[number];

export const grantPayloadSchema = z.object({
  v: z.literal(1),
  purpose: z.enum(['open', 'relay', 'resume']),
  sessionId: z.uuid(),
  deviceId: z.uuid(),
  accountId: z.uuid(),
  mode: z.enum(remoteModes),
  /** the technician who asked, as the device's notice and prompt show them */
  technicianName: z.string().max(200),
  companyName: z.string().max(200),
  consent: z.object({ mode: z.enum(consentModes), seconds: z.number().int().min(5).max(600) }),
  fileMaxBytes: z.number().int().min(0),
  /** a relay grant: the relay this transport joins */
  relayId: z.string().max(64).optional(),
  /** seconds since the epoch */
  iat: z.number().int(),
  exp: z.number().int(),
  nonce: z.string().min(16).max(64),
});
export type GrantPayload = z.infer<typeof grantPayloadSchema>;

export function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Bytes of base64url text; null for anything that is not (other characters, an impossible length). */
export function fromBase64Url(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return null;
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

/** The grant's two parts, unverified: the payload bytes that were signed and the signature. */
export function splitGrant(grant: string): { payloadBytes: Uint8Array; signature: Uint8Array } | null {
  if (grant.length > 4096) return null;
  const [payload, signature, extra] = grant.split('.');
  if (!payload || !signature || extra !== undefined) return null;
  const payloadBytes = fromBase64Url(payload);
  const signatureBytes = fromBase64Url(signature);
  return payloadBytes && signatureBytes ? { payloadBytes, signature: signatureBytes } : null;
}

/** The payload of verified bytes read against the schema; null when it is not one. */
export function readGrantPayload(payloadBytes: Uint8Array): GrantPayload | null {
  try {
    const parsed = grantPayloadSchema.safeParse(JSON.parse(new TextDecoder().decode(payloadBytes)));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
