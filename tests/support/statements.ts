import pg from 'pg';

/**
 * The SQL statements sent on every connection of this process while `run` runs, in order (their
 * text; `begin` and `commit` included). Only meaningful while nothing else runs in the background.
 */
export async function statementsDuring(run: () => Promise<unknown>): Promise<string[]> {
  return (await sentDuring(run)).map((s) => s.text);
}

/**
 * The statements of the first transaction `run` makes, from its `begin` on, on its connection only:
 * what other connections do meanwhile (a live socket reading after a notice) is left out.
 */
export async function transactionStatements(run: () => Promise<unknown>): Promise<string[]> {
  const sent = await sentDuring(run);
  const begin = sent.findIndex((s) => /^\s*begin/i.test(s.text));
  if (begin === -1) throw new Error('no transaction began');
  return sent
    .slice(begin)
    .filter((s) => s.connection === sent[begin]!.connection)
    .map((s) => s.text);
}

async function sentDuring(run: () => Promise<unknown>): Promise<Array<{ connection: unknown; text: string }>> {
  const client = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const original = client.query;
  const seen: Array<{ connection: unknown; text: string }> = [];
  client.query = function (this: unknown, ...args: unknown[]) {
    const config = args[0] as string | { text?: string };
    seen.push({ connection: this, text: typeof config === 'string' ? config : (config?.text ?? '') });
    return original.apply(this, args);
  };
  try {
    await run();
  } finally {
    client.query = original;
  }
  return seen;
}

/** Each statement's first word, lower case: `select`, `with`, `begin`… */
export const firstWords = (statements: string[]) => statements.map((s) => s.trim().split(/\s+/)[0]!.toLowerCase());

/**
 * The statements of `run`, measured again (up to three times) when a live-socket upkeep of one of
 * `apps` ran meanwhile: every 25 s each process re-reads who its sockets belong to, which is not
 * the cost of what `run` does. An upkeep still running when `run` would start is waited for.
 */
export async function statementsBetweenUpkeeps(
  apps: Array<{ live: { runUpkeep: () => Promise<void> } }>,
  run: () => Promise<unknown>,
): Promise<string[]> {
  let started = 0;
  let running = 0;
  const originals = apps.map((app) => app.live.runUpkeep);
  apps.forEach((app, i) => {
    app.live.runUpkeep = async () => {
      started++;
      running++;
      try {
        return await originals[i]!.call(app.live);
      } finally {
        running--;
      }
    };
  });
  try {
    for (let attempt = 1; ; attempt++) {
      for (let waited = 0; running > 0 && waited < 10_000; waited += 50) await new Promise((r) => setTimeout(r, 50));
      const before = started;
      const seen = await statementsDuring(run);
      if ((started === before && running === 0) || attempt === 3) return seen;
    }
  } finally {
    apps.forEach((app, i) => (app.live.runUpkeep = originals[i]!));
  }
}
