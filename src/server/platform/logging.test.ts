import { describe, expect, it } from 'vitest';
import { redactUrl, serializeError } from './logging.js';

describe('what the log may hold', () => {
  it('redacts secret query values by name, whatever their case or encoding', () => {
    expect(redactUrl('/api/portal/acme/requests/1?token=abc&afterSeq=2')).toBe(
      '/api/portal/acme/requests/1?token=[redacted]&afterSeq=2',
    );
    expect(redactUrl('/x?TOKEN=a&%74oken=b&t=c&q=keep&code')).toBe(
      '/x?TOKEN=[redacted]&%74oken=[redacted]&t=[redacted]&q=keep&code',
    );
  });

  it('redacts the path parameters whose names say they are secrets, and only those', () => {
    expect(redactUrl('/api/v1/invitations/abc123/accept', '/api/v1/invitations/:token/accept')).toBe(
      '/api/v1/invitations/[redacted]/accept',
    );
    expect(redactUrl('/api/v1/companies/1234/users', '/api/v1/companies/:id/users')).toBe(
      '/api/v1/companies/1234/users',
    );
    expect(redactUrl('/portal/acme/requests/1', '/portal/:slug/*')).toBe('/portal/acme/requests/1');
  });

  it('redacts long opaque segments of a path no route matched, not UUIDs', () => {
    expect(redactUrl('/api/v1/nothing/AbCdEfGhIjKlMnOpQr/00000000-0000-4000-8000-000000000000/x')).toBe(
      '/api/v1/nothing/[redacted]/00000000-0000-4000-8000-000000000000/x',
    );
  });

  it('drops the parameters of a failed query from the error and its causes', () => {
    const cause = Object.assign(new Error('duplicate key'), { code: '23505' });
    const failed = Object.assign(
      new Error('Failed query: insert into users values ($1, $2)\nparams: me@example.test,$argon2id$v=19$secret'),
      { query: 'insert …', params: ['me@example.test', '$argon2id$v=19$secret'], cause },
    );
    const logged = JSON.stringify(serializeError(new Error('wrapped', { cause: failed })));
    expect(logged).not.toContain('argon2');
    expect(logged).toContain('duplicate key');
    expect(logged).toContain('Failed query: insert into users');
  });
});
