/**
 * Polls until `check` holds or `ms` pass, and answers whether it held. For what another process
 * (or a change written straight into the database) makes visible when PostgreSQL's notification
 * arrives: milliseconds, but not before the next line of a test.
 */
export async function eventually(check: () => Promise<boolean>, ms = 3_000): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return check();
}
