import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/client.js';
import { megabytes } from './RemoteAccessCard.js';
import { unavailableReasonOf } from './useStartRemote.js';

describe('device remote access', () => {
  it('reads why the server refused to open a session (revoked, agent offline, busy)', () => {
    expect(unavailableReasonOf(new ApiError(409, 'conflict', 'x', { reason: 'agent_offline' }))).toBe('agent_offline');
    expect(unavailableReasonOf(new ApiError(409, 'conflict', 'x', { reason: 'busy' }))).toBe('busy');
    expect(unavailableReasonOf(new ApiError(409, 'conflict', 'x', { reason: 'other' }))).toBeNull();
    expect(unavailableReasonOf(new ApiError(403, 'forbidden', 'x', { reason: 'revoked' }))).toBeNull();
    expect(unavailableReasonOf(new Error('x'))).toBeNull();
  });

  it('states the file size limit in megabytes', () => {
    expect(megabytes(100 * 1024 * 1024, String)).toBe('100');
    expect(megabytes(1.5 * 1024 * 1024, String)).toBe('1.5');
  });
});
