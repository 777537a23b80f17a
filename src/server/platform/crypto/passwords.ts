import os from 'node:os';
import { PasswordThreads } from './password-threads.js';

/** Argon2id (the library's Algorithm.Argon2id, a const enum that isolated modules cannot read). */
const argon2id = 2;

const options = { algorithm: argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/**
 * Hashes run on low-priority threads, at most one fewer at a time than there are cores, so the
 * event loop keeps a core (and wins any core it shares with hashing).
 */
const threads = new PasswordThreads(Math.max(1, os.availableParallelism() - 1));
const hash = (password: string, opts: typeof options) => threads.run<string>({ op: 'hash', args: [password, opts] });
const verify = (stored: string, password: string) => threads.run<boolean>({ op: 'verify', args: [stored, password] });

export function hashPassword(password: string): Promise<string> {
  return hash(password, options);
}

let dummyHash: Promise<string> | undefined;

/**
 * Verifies a password. With no stored hash (unknown user, invited user), it still spends the
 * time of a verification so that response times do not reveal which e-mails exist.
 */
export async function verifyPassword(stored: string | null, password: string): Promise<boolean> {
  if (!stored) {
    dummyHash ??= hashPassword('tandem-timing-equaliser');
    await verify(await dummyHash, password).catch(() => false);
    return false;
  }
  return verify(stored, password).catch(() => false);
}
