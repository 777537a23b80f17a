import { describe, expect, it } from 'vitest';
import { customerClientFrame } from '../realtime.js';
import {
  maxInputDepth,
  storableInput,
  unstorableFields,
  unstorableMessages,
  unstorableProblem,
} from './storable-text.js';

describe('text PostgreSQL can store', () => {
  it('refuses a NUL character and unpaired surrogates, accepts pairs and ordinary text', () => {
    expect(unstorableProblem('a\u0000b')).toBe(unstorableMessages.nul);
    expect(unstorableProblem('a\ud800')).toBe(unstorableMessages.surrogate);
    expect(unstorableProblem('\udc00a')).toBe(unstorableMessages.surrogate);
    expect(unstorableProblem('\udc00\ud800')).toBe(unstorableMessages.surrogate);
    expect(unstorableProblem('émoji 😀 \n\t')).toBeNull();
  });

  it('names the path of every bad string, keys included', () => {
    expect(unstorableFields({ a: ['ok', 'x\u0000'], b: { 'k\ud800': 'v' }, c: 1 }).map((f) => f.path)).toEqual([
      ['a', 1],
      ['b', '(key)'],
    ]);
    const result = storableInput.pipe(storableInput).safeParse({ name: 'x\u0000' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['name']);
  });

  it('the customer chat socket’s message frames refuse them (they do not pass through the HTTP validator)', () => {
    expect(customerClientFrame.safeParse({ type: 'message', clientId: 'c1', body: 'hello\u0000' }).success).toBe(false);
    expect(customerClientFrame.safeParse({ type: 'message', clientId: 'c1', body: 'hello\ud83d' }).success).toBe(false);
    expect(customerClientFrame.safeParse({ type: 'message', clientId: 'c1', body: 'hello 😀' }).success).toBe(true);
  });
});

describe('a deeply nested value', () => {
  it('is refused at its depth limit without exhausting the stack', () => {
    const depth = 200_000;
    const nested = JSON.parse(`${'['.repeat(depth)}"x"${']'.repeat(depth)}`) as unknown;
    const started = Date.now();
    const found = unstorableFields(nested);
    expect(found).toHaveLength(1);
    expect(found[0]?.path).toHaveLength(maxInputDepth + 1);
    expect(found[0]?.message).toMatch(/Nested more than/);
    expect(Date.now() - started).toBeLessThan(500);
    expect(unstorableFields(JSON.parse(`${'['.repeat(maxInputDepth)}"x"${']'.repeat(maxInputDepth)}`))).toEqual([]);
  });
});
