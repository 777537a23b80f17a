import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sha256Fallback } from './sha256.js';

describe('sha-256 without crypto.subtle', () => {
  it('gives the same digest as node:crypto, across block boundaries', () => {
    for (const size of [0, 1, 55, 56, 63, 64, 65, 1000, 200_003]) {
      const bytes = new Uint8Array(size).map((_, i) => (i * 31 + 7) % 256);
      expect(sha256Fallback(bytes), `${size} bytes`).toBe(createHash('sha256').update(bytes).digest('hex'));
    }
  });
});
