import { randomInt } from 'node:crypto';
import { normaliseCode, recoveryCodeCount, recoveryCodePattern } from '../../../shared/contracts/two-factor.js';
import { sha256 } from '../../platform/crypto/secrets.js';

const alphabet = 'abcdefghijklmnopqrstuvwxyz234567';

/** One code: 12 random base-32 characters (60 bits) shown as `xxxx-xxxx-xxxx`. */
function newCode(): string {
  const chars = Array.from({ length: 12 }, () => alphabet[randomInt(alphabet.length)]).join('');
  return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8)}`;
}

/** Ten new codes, and the hashes to store. The codes are random enough for a plain SHA-256. */
export function newRecoveryCodes(): { codes: string[]; hashes: string[] } {
  const codes = new Set<string>();
  while (codes.size < recoveryCodeCount) codes.add(newCode());
  return { codes: [...codes], hashes: [...codes].map(hashRecoveryCode) };
}

/** The stored form of a code as typed: case, spaces and dashes do not matter. */
export function hashRecoveryCode(typed: string): string {
  return sha256(normaliseCode(typed));
}

export function looksLikeRecoveryCode(typed: string): boolean {
  return recoveryCodePattern.test(normaliseCode(typed));
}
