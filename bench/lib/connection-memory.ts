import { setTimeout as sleep } from 'node:timers/promises';
import { inBatches } from './batches.js';
import { residentBytes } from './cpu.js';

/**
 * Opens a connection per item, 100 at a time, in two halves, and gives the resident memory the
 * second half added per connection: what one more idle connection costs. The first half pays
 * what any activity costs once (code compiled on first use, the young generation's pages
 * touched, pools grown), which the growth from an idle process would spread over the
 * connections as if each one kept it.
 */
export async function memoryPerConnection<T, R>(
  pid: number,
  items: T[],
  open: (item: T) => Promise<R>,
  settleMs: number,
): Promise<{ connections: R[]; bytesPerConnection: number; fromIdleBytesPerConnection: number }> {
  const half = Math.floor(items.length / 2);
  const idle = residentBytes(pid);
  const first = await inBatches(items.slice(0, half), 100, open);
  await sleep(settleMs);
  const afterFirst = residentBytes(pid);
  const second = await inBatches(items.slice(half), 100, open);
  await sleep(settleMs);
  const afterAll = residentBytes(pid);
  return {
    connections: [...first, ...second],
    bytesPerConnection: (afterAll - afterFirst) / (items.length - half),
    fromIdleBytesPerConnection: (afterAll - idle) / items.length,
  };
}
