import { z } from 'zod';
import { scriptShells } from '../contracts/device-scripts.js';

/**
 * A script grant: what the server signs (the same Ed25519 key as session grants) for one device's
 * part of a script run, sent on the control socket as `script.run`. The agent runs the script only
 * if the signature is the pinned key's, `deviceId` is its own, it has not expired, its nonce is new,
 * and the text it then fetches hashes to `bodySha256`. Session grants and script grants cannot be
 * taken for one another: each schema refuses the other's payload.
 */
export const scriptGrantLifetimeSeconds = 60;

export const scriptGrantPayloadSchema = z.object({
  v: z.literal(1),
  purpose: z.literal('script'),
  resultId: z.uuid(),
  runId: z.uuid(),
  deviceId: z.uuid(),
  accountId: z.uuid(),
  shell: z.enum(scriptShells),
  timeoutSeconds: z.number().int().min(1),
  /** hex sha-256 of the script's text (UTF-8) */
  bodySha256: z.string().regex(/^[0-9a-f]{64}$/),
  iat: z.number().int(),
  exp: z.number().int(),
  nonce: z.string().min(16).max(64),
});
export type ScriptGrantPayload = z.infer<typeof scriptGrantPayloadSchema>;

/** The payload of verified bytes read as a script grant; null when it is not one. */
export function readScriptGrantPayload(payloadBytes: Uint8Array): ScriptGrantPayload | null {
  try {
    const parsed = scriptGrantPayloadSchema.safeParse(JSON.parse(new TextDecoder().decode(payloadBytes)));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
