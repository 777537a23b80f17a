import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from './passwords.js';
import { PasswordThreads } from './password-threads.js';

/** The nice value of each thread of this process, by thread id (Linux: /proc/self/task/<tid>/stat, field 19). */
function threadNiceValues(): Map<number, number> {
  return new Map(
    readdirSync('/proc/self/task').map((tid) => {
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      return [Number(tid), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16])];
    }),
  );
}

describe('password threads', () => {
  it('hash and verify on threads of the lowest priority, the event loop keeping its own', async () => {
    const stored = await hashPassword('a long enough password');
    expect(stored).toMatch(/^\$argon2id\$/);
    const results = await Promise.all([
      verifyPassword(stored, 'a long enough password'),
      verifyPassword(stored, 'wrong'),
      verifyPassword(null, 'x'),
      verifyPassword('not a hash', 'x'),
    ]);
    expect(results).toEqual([true, false, false, false]);
    const nice = threadNiceValues();
    expect([...nice.values()]).toContain(19);
    // the main thread (its id is the process's; not always listed first once thread ids wrap around)
    expect(nice.get(process.pid)).toBe(0);
  });

  it('runs at most its size at once and answers every task', async () => {
    const threads = new PasswordThreads(2);
    const options = { algorithm: 2, memoryCost: 4096, timeCost: 1, parallelism: 1 };
    const tasks = Array.from({ length: 6 }, (_, i) =>
      threads.run<string>({ op: 'hash', args: [`password ${i}`, options] }),
    );
    expect(threads.queued).toBe(4);
    const hashes = await Promise.all(tasks);
    expect(new Set(hashes).size).toBe(6);
    await expect(threads.run({ op: 'verify', args: ['not a hash', 'x'] })).rejects.toThrow();
  });
});
