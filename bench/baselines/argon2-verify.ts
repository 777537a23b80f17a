/**
 * Baseline for sign-ins: raw argon2id verifications per second, with Tandem's own parameters and
 * the given concurrency, on this process's core (the bench pins it to the server's core).
 * Prints one JSON line: {"perSecond": n}.
 */
import { hashPassword, verifyPassword } from '../../src/server/platform/crypto/passwords.js';

const seconds = Number(process.argv[2] ?? 5);
const concurrency = Number(process.argv[3] ?? 8);
const stored = await hashPassword('bench password 0123456789');
let done = 0;
const until = performance.now() + seconds * 1000;
async function worker() {
  while (performance.now() < until) {
    if (!(await verifyPassword(stored, 'bench password 0123456789'))) throw new Error('verification failed');
    done++;
  }
}
const started = performance.now();
await Promise.all(Array.from({ length: concurrency }, worker));
console.log(JSON.stringify({ perSecond: done / ((performance.now() - started) / 1000) }));
