import { describe, expect, it } from 'vitest';
import { apiQuery, readFilters } from './filters.js';

describe('session filters', () => {
  it('reads the kind of session from the address and sends it to the API', () => {
    const address = new URLSearchParams('kind=device&status=active');
    const query = apiQuery(readFilters((name) => address.get(name) ?? ''));
    expect(query).toMatchObject({ kind: 'device', status: 'active', companyId: undefined });
  });
});
