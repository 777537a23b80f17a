import { describe, expect, it } from 'vitest';
import { parseLocation } from './location.js';

describe('portal addresses', () => {
  it('reads the question page, the follow link with its token in the fragment, and the preview', () => {
    expect(parseLocation('/portal/acme-support', '')).toEqual({ kind: 'ask', slug: 'acme-support' });
    expect(parseLocation('/portal/acme-support/requests/abc', '#t=s3cret')).toEqual({
      kind: 'follow',
      slug: 'acme-support',
      requestId: 'abc',
      token: 's3cret',
    });
    expect(parseLocation('/portal/acme-support/requests/abc', '')).toEqual({
      kind: 'follow',
      slug: 'acme-support',
      requestId: 'abc',
      token: null,
    });
    expect(parseLocation('/portal/_preview', '')).toEqual({ kind: 'preview' });
    expect(parseLocation('/portal/acme/other/path', '')).toEqual({ kind: 'unknown' });
    expect(parseLocation('/elsewhere', '')).toEqual({ kind: 'unknown' });
  });

  it('reads the account’s join page and the session code of a join link', () => {
    expect(parseLocation('/join', '')).toEqual({ kind: 'join' });
    expect(parseLocation('/join/', '', '?code=123456789')).toEqual({ kind: 'join', code: '123456789' });
    expect(parseLocation('/portal/acme', '', '?code=123456789')).toEqual({
      kind: 'ask',
      slug: 'acme',
      code: '123456789',
    });
    expect(parseLocation('/portal/acme', '', '?code=123-456-789')).toEqual({
      kind: 'ask',
      slug: 'acme',
      code: '123456789',
    });
    expect(parseLocation('/portal/acme', '', '?code=')).toEqual({ kind: 'ask', slug: 'acme' });
    expect(parseLocation('/portal/acme', '', '?lang=fr')).toEqual({ kind: 'ask', slug: 'acme' });
    expect(parseLocation('/join/other', '')).toEqual({ kind: 'unknown' });
  });
});
