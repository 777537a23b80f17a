import { describe, expect, it } from 'vitest';
import { GroupWriter } from './group-writer.js';

/** A writer whose grouped writes are recorded, and fail when an item says so. */
function recorder(failMany: (items: readonly string[]) => boolean = () => false) {
  const batches: string[][] = [];
  const singles: string[] = [];
  const writer = new GroupWriter<string, string>(
    {
      many: async (items) => {
        batches.push([...items]);
        await new Promise((resolve) => setTimeout(resolve, 5));
        if (failMany(items)) throw new Error('deadlock detected');
        return items.map((item) => `stored ${item}`);
      },
      one: async (item) => {
        singles.push(item);
        if (item.startsWith('bad')) throw new Error(`refused ${item}`);
        return `alone ${item}`;
      },
      key: (item) => item.split('#')[0]!,
    },
    3,
  );
  return { writer, batches, singles };
}

describe('GroupWriter', () => {
  it('writes a lone item at once, and what arrives meanwhile together, at most a batch at a time', async () => {
    const { writer, batches } = recorder();
    const results = await Promise.all(['a', 'b', 'c', 'd', 'e', 'f'].map((item) => writer.write(item)));
    expect(results).toEqual(['stored a', 'stored b', 'stored c', 'stored d', 'stored e', 'stored f']);
    expect(batches).toEqual([['a'], ['b', 'c', 'd'], ['e', 'f']]);
    expect(await writer.write('g')).toBe('stored g');
    expect(batches.at(-1)).toEqual(['g']);
  });

  it('never writes two items of one key together: the second waits for the next write, in its order', async () => {
    const { writer, batches } = recorder();
    await Promise.all(['a', 'x#1', 'x#2', 'y', 'x#3'].map((item) => writer.write(item)));
    expect(batches).toEqual([['a'], ['x#1', 'y'], ['x#2'], ['x#3']]);
  });

  it('writes each item of a failed group on its own, and only an item’s own failure reaches its caller', async () => {
    const { writer, singles } = recorder((items) => items.length > 1);
    const answers = await Promise.allSettled(['a', 'b', 'bad c', 'd'].map((item) => writer.write(item)));
    expect(answers.map((a) => (a.status === 'fulfilled' ? a.value : (a.reason as Error).message))).toEqual([
      'stored a',
      'alone b',
      'refused bad c',
      'alone d',
    ]);
    expect(singles).toEqual(['b', 'bad c', 'd']);
    // the writer goes on afterwards
    expect(await writer.write('e')).toBe('stored e');
  });
});
