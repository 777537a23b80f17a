import { describe, expect, it } from 'vitest';
import type { CachedIdentity } from './identity-cache.js';
import { IdentityCache } from './identity-cache.js';

const identity = (accountId: string): CachedIdentity => ({
  actor: {
    userId: 'u',
    accountId,
    name: 'N',
    email: 'n@example.test',
    role: 'technician',
    allCompanies: false,
    companyIds: [],
    via: 'apiToken',
    tokenId: 't',
  },
  session: null,
  token: { id: 't', expiresAt: null, lastUsedAt: null },
  mustEnrolTwoFactor: false,
});

describe('IdentityCache', () => {
  it('forgets an entry after its time to live', () => {
    let now = 1_000;
    const cache = new IdentityCache(30_000, 10, () => now);
    cache.set('k', identity('a'), cache.mark());
    now += 30_000;
    expect(cache.get('k')).not.toBeNull();
    now += 1;
    expect(cache.get('k')).toBeNull();
  });

  it('a change to the account, even during the load, makes its entries stale; other accounts keep theirs', () => {
    const cache = new IdentityCache(30_000);
    const before = cache.mark();
    cache.accountChanged('a'); // changed while the identity was being read
    cache.set('k', identity('a'), before);
    expect(cache.get('k')).toBeNull();
    cache.set('k', identity('a'), cache.mark());
    cache.set('other', identity('b'), cache.mark());
    expect(cache.get('k')).not.toBeNull();
    cache.accountChanged('a');
    expect(cache.get('k')).toBeNull();
    expect(cache.get('other')).not.toBeNull();
  });

  it('clear forgets everything, including values still loading', () => {
    const cache = new IdentityCache(30_000);
    const loading = cache.mark();
    cache.set('k', identity('a'), cache.mark());
    cache.clear();
    expect(cache.get('k')).toBeNull();
    cache.set('late', identity('a'), loading);
    expect(cache.get('late')).toBeNull();
  });

  it('tells its listeners of every change at once, even with a time to live of 0', () => {
    const cache = new IdentityCache(0);
    const heard: (string | null)[] = [];
    const stop = cache.onChange((accountId) => heard.push(accountId));
    cache.accountChanged('a');
    cache.clear();
    stop();
    cache.accountChanged('b');
    expect(heard).toEqual(['a', null]);
  });

  it('keeps at most its size, dropping the oldest; a time to live of 0 keeps nothing', () => {
    const cache = new IdentityCache(30_000, 2);
    for (const key of ['1', '2', '3']) cache.set(key, identity('a'), cache.mark());
    expect([cache.get('1'), cache.get('2') !== null, cache.get('3') !== null]).toEqual([null, true, true]);
    const off = new IdentityCache(0);
    off.set('k', identity('a'), off.mark());
    expect(off.get('k')).toBeNull();
  });
});
