import type { TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../api/client.js';
import { transferRefusal } from './refusal.js';

const t = ((key: string, values?: { size?: string }) => (values?.size ? `${key}(${values.size})` : key)) as TFunction;

describe('transfer refusal', () => {
  it("says the server's size limit in megabytes, and any other refusal by its code", () => {
    const tooLarge = new ApiError(422, 'validation_failed', 'x', [
      { path: 'size', code: 'too_large', params: { maxBytes: 1024 * 1024 }, message: 'too large' },
    ]);
    expect(transferRefusal(tooLarge, t, String)).toBe('remote.files.tooLarge(1)');
    const bare = new ApiError(422, 'validation_failed', 'x', [{ path: 'size', code: 'too_large', message: 'm' }]);
    expect(transferRefusal(bare, t, String)).toBe('remote.files.error.too_large');
    expect(transferRefusal(new ApiError(409, 'conflict', 'x', { reason: 'view_only' }), t, String)).toBe(
      'errors.conflict',
    );
  });
});
