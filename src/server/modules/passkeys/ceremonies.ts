import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type RegistrationResponseJSON,
} from '@simplewebauthn/server';
import type { z } from 'zod';
import type { authenticationResponseSchema, registrationResponseSchema } from '../../../shared/contracts/passkeys.js';
import type { RefusalDetails } from '../../../shared/refusals.js';
import { AppError } from '../../platform/http/app-error.js';
import type { PasskeyRow } from './repository.js';
import type { RelyingParty } from './relying-party.js';

/** WebAuthn options as the browser takes them (JSON), with their challenge. */
export type CeremonyOptions = Record<string, unknown> & { challenge: string };

export type RegistrationAnswer = z.infer<typeof registrationResponseSchema>;
export type AssertionAnswer = z.infer<typeof authenticationResponseSchema>;

/** A refused passkey: 401 for sign-in and the second step, with the reason the console explains. */
export const refusedPasskey = (reason: RefusalDetails['reason'], message: string) =>
  new AppError('invalid_credentials', message, { reason } as RefusalDetails);

export const ceremonyExpired = () =>
  new AppError('conflict', 'No passkey request is waiting here, or it took more than two minutes. Start again.', {
    reason: 'passkey_ceremony_expired',
  });

/** The user handle a passkey carries: the user's id, its 16 bytes. */
export function userHandleOf(userId: string): Uint8Array<ArrayBuffer> {
  return new Uint8Array(Buffer.from(userId.replace(/-/g, ''), 'hex'));
}

/** The user id a user handle (base64url) names, or null when it is not one of ours. */
export function userIdOfHandle(handle: string | undefined): string | null {
  if (!handle) return null;
  const hex = Buffer.from(handle, 'base64url').toString('hex');
  if (hex.length !== 32) return null;
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Options for creating a discoverable passkey that verifies its user; the user's own passkeys are excluded. */
export async function registrationOptions(
  rp: RelyingParty,
  user: { id: string; email: string; name: string },
  existing: readonly PasskeyRow[],
): Promise<CeremonyOptions> {
  const options = await generateRegistrationOptions({
    rpName: rp.name,
    rpID: rp.id,
    userID: userHandleOf(user.id),
    userName: user.email,
    userDisplayName: user.name,
    attestationType: 'none',
    excludeCredentials: existing.map((p) => ({ id: p.credentialId, transports: p.transports })),
    authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
  });
  return options as unknown as CeremonyOptions;
}

/** Checks a new passkey against the challenge, the origin and the rpID, with the user verified; what to store. */
export async function verifyRegistration(rp: RelyingParty, answer: RegistrationAnswer, challenge: string) {
  let result;
  try {
    result = await verifyRegistrationResponse({
      response: answer as RegistrationResponseJSON,
      expectedChallenge: challenge,
      expectedOrigin: rp.origin,
      expectedRPID: rp.id,
      requireUserVerification: true,
    });
  } catch (error) {
    throw refusal(error);
  }
  if (!result.verified) throw refusal(null);
  const info = result.registrationInfo;
  return {
    credentialId: info.credential.id,
    publicKey: Buffer.from(info.credential.publicKey).toString('base64url'),
    signCount: info.credential.counter,
    transports: (info.credential.transports ?? []) as string[],
    backupEligible: info.credentialDeviceType === 'multiDevice',
    backedUp: info.credentialBackedUp,
  };
}

/** Options for signing in: any discoverable passkey (`allow` empty) or one of the user's, the user verified. */
export async function assertionOptions(rp: RelyingParty, allow: readonly PasskeyRow[]): Promise<CeremonyOptions> {
  const options = await generateAuthenticationOptions({
    rpID: rp.id,
    userVerification: 'required',
    allowCredentials: allow.map((p) => ({ id: p.credentialId, transports: p.transports })),
  });
  return options as unknown as CeremonyOptions;
}

/**
 * Checks an assertion by the stored passkey: challenge, origin, rpID, signature, the user verified,
 * and a counter that moved forward (an authenticator's clone is refused). Answers the new counter.
 */
export async function verifyAssertion(
  rp: RelyingParty,
  answer: AssertionAnswer,
  challenge: string,
  passkey: PasskeyRow,
): Promise<{ newCounter: number; backedUp: boolean }> {
  let result;
  try {
    result = await verifyAuthenticationResponse({
      response: answer as AuthenticationResponseJSON,
      expectedChallenge: challenge,
      expectedOrigin: rp.origin,
      expectedRPID: rp.id,
      requireUserVerification: true,
      credential: {
        id: passkey.credentialId,
        publicKey: new Uint8Array(Buffer.from(passkey.publicKey, 'base64url')),
        counter: passkey.signCount,
        transports: passkey.transports as never,
      },
    });
  } catch (error) {
    throw refusal(error);
  }
  if (!result.verified) throw refusal(null);
  return { newCounter: result.authenticationInfo.newCounter, backedUp: result.authenticationInfo.credentialBackedUp };
}

function refusal(error: unknown) {
  const message = error instanceof Error ? error.message : '';
  if (/user could not be verified|user verification/i.test(message))
    return refusedPasskey(
      'passkey_not_verified',
      'Your device did not verify you (PIN, fingerprint or face). Try again and confirm it is you.',
    );
  return refusedPasskey(
    'passkey_refused',
    'This passkey could not be accepted here. Try again, or use another way to sign in.',
  );
}
