import { describe, expect, it } from 'vitest';
import { parseIceLines, turnCredential } from './ice-servers.js';

describe('TURN credentials (the TURN REST scheme coturn checks with use-auth-secret)', () => {
  it('names the expiry and the session, and signs the name with HMAC-SHA1 of the shared secret', () => {
    // expected value from: printf '%s' "$username" | openssl dgst -sha1 -hmac coturn-shared-secret -binary | base64
    const sessionId = '6f1c2d3e-0000-4000-8000-000000000001';
    expect(turnCredential('coturn-shared-secret', sessionId, new Date(1_700_003_600_000))).toEqual({
      username: `1700003600:${sessionId}`,
      credential: 'QxNe9sLNSsTWRSnS8PMA0aM3xwg=',
    });
  });

  it('reads STUN and TURN lines apart, blank lines dropped', () => {
    expect(
      parseIceLines('stun:stun.example.test:3478\n\n turn:turn.example.test:3478?transport=udp\nturns:t:5349'),
    ).toEqual({
      stun: ['stun:stun.example.test:3478'],
      turn: ['turn:turn.example.test:3478?transport=udp', 'turns:t:5349'],
    });
    expect(parseIceLines(null)).toEqual({ stun: [], turn: [] });
  });
});
