/**
 * Runs `open` over every item, `width` at a time, results in item order (sockets opened a thousand
 * at once would only measure the listen backlog, when that is not the point).
 */
export async function inBatches<T, R>(
  items: T[],
  width: number,
  open: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(width, items.length) }, async () => {
      while (next < items.length) {
        const index = next++;
        out[index] = await open(items[index]!, index);
      }
    }),
  );
  return out;
}
