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
});
