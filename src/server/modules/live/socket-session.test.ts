import { EventEmitter } from 'node:events';
import type { FastifyBaseLogger } from 'fastify';
import type { WebSocket } from 'ws';
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/authz.js';
import { LiveRegistry } from '../../platform/realtime/live-registry.js';
import type { CachedIdentity } from '../auth/index.js';
import { SocketSession } from './socket-session.js';

const actor: Actor = {
  userId: 'u1',
  accountId: 'a1',
  name: 'Tech',
  email: 'tech@example.test',
  role: 'technician',
  allCompanies: false,
  companyIds: ['c1'],
  via: 'session',
  tokenId: null,
};

function identity(of: Actor): CachedIdentity {
  return { actor: of, session: null, token: null, mustEnrolTwoFactor: false };
}

/** A socket that records what was done to it. */
class FakeSocket extends EventEmitter {
  readonly OPEN = 1;
  readyState = 1;
  closedWith: number | null = null;
  ping(): void {}
  send(): void {}
  terminate(): void {}
  close(code: number): void {
    this.closedWith = code;
    this.readyState = 3;
  }
}

const silent = { warn() {}, error() {}, info() {}, debug() {} } as unknown as FastifyBaseLogger;

/** A session whose identity reads wait until the test answers them. */
function sessionWithSlowChecks() {
  const reads: ((value: CachedIdentity | null) => void)[] = [];
  const socket = new FakeSocket();
  const session = new SocketSession(
    socket as unknown as WebSocket,
    actor,
    { kind: 'session', cookie: 'c' },
    new LiveRegistry(),
    silent,
    () => new Promise<CachedIdentity | null>((resolve) => reads.push(resolve)),
  );
  return { session, socket, reads };
}

const settledWithin = <T>(promise: Promise<T>, ms = 20) =>
  Promise.race([promise.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), ms))]);

describe('a console socket checking its user again', () => {
  it('goes on delivering while the upkeep reads the user again, and applies what the read found', async () => {
    const { session, socket, reads } = sessionWithSlowChecks();
    const check = session.revalidate();
    expect(reads).toHaveLength(1);
    // a delivery meanwhile: answered at once with the user already known
    expect(await settledWithin(session.current())).toBe(true);
    expect(await session.current()).toBe(actor);
    // the read says the session has ended: the socket closes
    reads[0]!(null);
    expect(await check).toBeNull();
    expect(socket.closedWith).not.toBeNull();
    expect(await session.current()).toBeNull();
  });

  it('holds deliveries back after a change is told, until the user has been read', async () => {
    const { session, reads } = sessionWithSlowChecks();
    session.invalidate();
    const delivery = session.current();
    expect(await settledWithin(delivery)).toBe(false);
    const changed = { ...actor, companyIds: ['c1', 'c2'] };
    reads[0]!(identity(changed));
    expect(await delivery).toEqual(changed);
  });

  it('a change told while the upkeep reads: deliveries wait, and the user is read again', async () => {
    const { session, reads } = sessionWithSlowChecks();
    void session.revalidate();
    session.invalidate();
    const delivery = session.current();
    expect(await settledWithin(delivery)).toBe(false);
    reads[0]!(identity(actor));
    // the first read started before the change: read once more
    await new Promise((r) => setTimeout(r, 0));
    expect(reads).toHaveLength(2);
    const changed = { ...actor, role: 'viewer' as const };
    reads[1]!(identity(changed));
    expect(await delivery).toEqual(changed);
  });

  it('one read at a time: an upkeep during a read shares it', async () => {
    const { session, reads } = sessionWithSlowChecks();
    const first = session.revalidate();
    const second = session.revalidate();
    expect(reads).toHaveLength(1);
    reads[0]!(identity(actor));
    expect(await first).toBe(actor);
    expect(await second).toBe(actor);
  });
});
