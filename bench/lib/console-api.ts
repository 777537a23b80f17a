/** A signed-in session as the console holds it: its cookie and CSRF token. */
export type ConsoleSession = { cookie: string; csrfToken: string };

/** One API call as the console makes it (cookie and CSRF token); throws unless it succeeded. */
export async function api<T>(
  baseUrl: string,
  session: ConsoleSession,
  method: string,
  url: string,
  body?: unknown,
): Promise<T> {
  const res = await fetch(`${baseUrl}${url}`, {
    method,
    headers: {
      cookie: session.cookie,
      'x-csrf-token': session.csrfToken,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (res.status >= 300) throw new Error(`${method} ${url}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}
