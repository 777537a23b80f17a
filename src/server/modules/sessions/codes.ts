import { randomInt } from 'node:crypto';
import { sha256 } from '../../platform/crypto/secrets.js';

/** A session code: nine digits from the operating system's CSPRNG, leading zeros kept. */
export function newSessionCode(): string {
  return String(randomInt(0, 1_000_000_000)).padStart(9, '0');
}

/** How a code is stored and looked up: never in clear. */
export function hashSessionCode(code: string): string {
  return sha256(code);
}
