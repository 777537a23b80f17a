// One password-hashing thread (see password-threads.ts). It lowers its own scheduling priority
// first: on Linux a thread's nice value is its own, so the event loop and the database always
// come before hashing when they compete for a core, and a sign-in flood cannot slow the rest.
import os from 'node:os';
import { parentPort } from 'node:worker_threads';
import { hashSync, verifySync } from '@node-rs/argon2';

try {
  os.setPriority(19);
} catch {
  // not permitted here: hashing simply keeps the normal priority
}

parentPort.on('message', ({ id, op, args }) => {
  try {
    const result = op === 'hash' ? hashSync(args[0], args[1]) : verifySync(args[0], args[1]);
    parentPort.postMessage({ id, result });
  } catch (err) {
    parentPort.postMessage({ id, error: err instanceof Error ? err.message : String(err) });
  }
});
