import { describe, expect, it } from 'vitest';
import { securityHeadersFor } from './security-headers.js';

describe('securityHeadersFor', () => {
  it("gives helmet's headers for the options, HSTS only when asked", () => {
    const plain = securityHeadersFor({ hsts: false });
    expect(plain.get('X-Frame-Options')).toBe('SAMEORIGIN');
    expect(plain.get('Content-Security-Policy')).toContain("default-src 'self'");
    expect(plain.has('Strict-Transport-Security')).toBe(false);
    expect(securityHeadersFor({ hsts: true }).get('Strict-Transport-Security')).toMatch(/^max-age=\d+/);
  });

  it('takes the directives given', () => {
    const headers = securityHeadersFor({ contentSecurityPolicy: { directives: { 'img-src': ["'self'", 'data:'] } } });
    expect(headers.get('Content-Security-Policy')).toContain("img-src 'self' data:");
  });
});
