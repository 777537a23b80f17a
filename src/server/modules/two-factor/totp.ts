import { generateSecret, generateURI, verify } from 'otplib';
import QRCode from 'qrcode';
import { totpCodePattern } from '../../../shared/contracts/two-factor.js';

/** RFC 6238 with what every authenticator app expects: SHA-1, 6 digits, 30-second steps. */
export const totpPeriodSeconds = 30;
/** A code of the step before or after the current one is accepted: clocks drift. */
const toleranceSeconds = totpPeriodSeconds;

export const issuer = 'Tandem';

/** A new secret of 160 bits, in base 32. */
export function newTotpSecret(): string {
  return generateSecret({ length: 20 });
}

export function otpauthUri(secret: string, label: string): string {
  return generateURI({ issuer, label, secret });
}

/** The secret as people type it: groups of four characters. */
export function manualKey(secret: string): string {
  return secret.match(/.{1,4}/g)!.join(' ');
}

export function qrCodeDataUrl(uri: string): Promise<string> {
  return QRCode.toDataURL(uri, { errorCorrectionLevel: 'M', margin: 1, width: 240 });
}

/**
 * The time step a code belongs to, when it is valid now (±1 step) and later than `afterStep`;
 * null otherwise. Accepting the step is the caller's job, atomically, so that it is used once.
 */
export async function matchingStep(secret: string, code: string, afterStep: number | null): Promise<number | null> {
  if (!totpCodePattern.test(code)) return null;
  const result = await verify({
    secret,
    token: code,
    epochTolerance: toleranceSeconds,
    afterTimeStep: afterStep ?? undefined,
  }).catch(() => null);
  return result?.valid && 'timeStep' in result ? result.timeStep : null;
}
