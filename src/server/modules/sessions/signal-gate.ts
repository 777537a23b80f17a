import { limits } from '../../../shared/limits.js';
import { sha256 } from '../../platform/crypto/secrets.js';
import { AppError } from '../../platform/http/app-error.js';

/**
 * How many customer session sockets this process holds per visitor token and per address, as the
 * chat socket's gate does (the same bounds): a customer's few tabs pass, a script opening hundreds
 * is refused with 429 before the upgrade. Counted per process.
 */
export class SessionSocketGate {
  private readonly byToken = new Map<string, number>();
  private readonly byAddress = new Map<string, number>();

  constructor(
    private readonly perToken: number = limits.chatSocketsPerToken,
    private readonly perAddress: number = limits.chatSocketsPerAddress,
  ) {}

  assertAddressRoom(address: string): void {
    if ((this.byAddress.get(address) ?? 0) >= this.perAddress)
      throw new AppError('rate_limited', `Too many sessions are open from your network (at most ${this.perAddress}).`);
  }

  /** Takes a place for a socket about to open, or refuses (429); the release gives it back once. */
  reserve(token: string, address: string): () => void {
    const key = sha256(token);
    if ((this.byToken.get(key) ?? 0) >= this.perToken)
      throw new AppError('rate_limited', `This session is already open in ${this.perToken} windows: close one.`);
    this.assertAddressRoom(address);
    bump(this.byToken, key, 1);
    bump(this.byAddress, address, 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      bump(this.byToken, key, -1);
      bump(this.byAddress, address, -1);
    };
  }
}

function bump(counts: Map<string, number>, key: string, by: number): void {
  const next = (counts.get(key) ?? 0) + by;
  if (next <= 0) counts.delete(key);
  else counts.set(key, next);
}
