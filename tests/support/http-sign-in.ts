/**
 * Signs in to a Tandem running in its own process (over HTTP, not `inject`): the headers that carry
 * the session, its cookie and its CSRF token.
 */
export async function signInOverHttp(
  base: string,
  credentials: { email: string; password: string },
): Promise<{ cookie: string; 'x-csrf-token': string }> {
  const res = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(credentials),
  });
  if (res.status !== 200) throw new Error(`sign-in answered ${res.status}: ${await res.text()}`);
  const cookie = res.headers
    .getSetCookie()
    .find((c) => c.startsWith('tandem_session='))
    ?.split(';')[0];
  if (!cookie) throw new Error('sign-in set no session cookie');
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { cookie, 'x-csrf-token': csrfToken };
}
