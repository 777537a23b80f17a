import { sha256 } from '../crypto/secrets.js';
import type { AppError } from '../http/app-error.js';

/** The refusals of a gate, worded for what its sockets are (chats, sessions). */
export interface SocketGateRefusals {
  /** one token holds `limit` sockets already */
  perToken: (limit: number) => AppError;
  /** one address holds `limit` sockets already */
  perAddress: (limit: number) => AppError;
}

/**
 * How many customer sockets this process holds per visitor token and per address: one customer's
 * few tabs pass, a script opening hundreds on one token or from one host is refused (429) before
 * the upgrade. Counted per process (each process holds only its own sockets; a count across
 * processes would need a shared table written at every connect and disconnect), so behind N web
 * processes the bounds are N times these.
 */
export class SocketGate {
  private readonly byToken = new Map<string, number>();
  private readonly byAddress = new Map<string, number>();

  constructor(
    private readonly refusals: SocketGateRefusals,
    private readonly perToken: number,
    private readonly perAddress: number,
  ) {}

  /** Refuses at once an address that holds its share already, before anything is read. */
  assertAddressRoom(address: string): void {
    if ((this.byAddress.get(address) ?? 0) >= this.perAddress) throw this.refusals.perAddress(this.perAddress);
  }

  /**
   * Takes a place for a socket about to open, or refuses (429). Checked and counted in one
   * synchronous step, so upgrades racing each other cannot all pass. The returned release gives
   * the place back (once, whatever calls it).
   */
  reserve(token: string, address: string): () => void {
    const key = sha256(token);
    if ((this.byToken.get(key) ?? 0) >= this.perToken) throw this.refusals.perToken(this.perToken);
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

  /** Sockets counted now (tests, metrics). */
  get size(): number {
    let n = 0;
    for (const count of this.byAddress.values()) n += count;
    return n;
  }
}

function bump(counts: Map<string, number>, key: string, by: number): void {
  const next = (counts.get(key) ?? 0) + by;
  if (next <= 0) counts.delete(key);
  else counts.set(key, next);
}
