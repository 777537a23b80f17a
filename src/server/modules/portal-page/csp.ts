/**
 * The portal page's Content Security Policy: its own scripts and styles only (no inline script,
 * no eval), images from itself (the company logo) or from files the customer picked, network to
 * its own origin (the API and the chat's WebSocket), framed only by the console's preview.
 */
export const portalContentSecurityPolicy = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "manifest-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'self'",
].join('; ');
