import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { allChannels, channels } from './channels.js';
import { assertChannel } from './publish.js';

const root = join(import.meta.dirname, '../../../..');
const serverDir = join(root, 'src/server');
const migrationsDir = join(root, 'migrations');
const registryFile = join(import.meta.dirname, 'channels.ts');

/** `tandem_…` names in the server that are not NOTIFY channels. */
const otherNames = new Set([
  'tandem_session', // session cookie
  'tandem_known', // known-browser cookie
  'tandem_passkey', // a passkey sign-in's cookie
  'tandem_sso', // a single sign-on's state cookie
  'tandem_jobs', // pg-boss schema
  'tandem_http_requests_total', // metrics
  'tandem_http_request_duration_seconds',
  'tandem_db_pool_connections',
  'tandem_live_connections',
]);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.tsx?$/.test(e.name))
    .map((e) => join(e.parentPath, e.name));
}

/** Every string or template literal (comments aside) holding `tandem_<name>`, with its line. */
function tandemLiterals(file: string): Array<{ name: string; line: number }> {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const found: Array<{ name: string; line: number }> = [];
  const visit = (node: ts.Node): void => {
    if (ts.isStringLiteralLike(node) || ts.isTemplateLiteralToken(node)) {
      for (const match of node.text.matchAll(/tandem_[a-z0-9_]+/g)) {
        found.push({ name: match[0], line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1 });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

const notifyPattern = /pg_notify\s*\(\s*'(tandem_[a-z0-9_]+)'|\bnotify\s+(tandem_[a-z0-9_]+)/gi;

/**
 * Which migrations write which channel: a statement notifying it (`pg_notify('tandem_…'` or
 * `NOTIFY tandem_…`), or a trigger running a function that does (defined in any migration).
 */
function channelWriters(): Map<string, string[]> {
  const files = readdirSync(migrationsDir)
    .filter((f) => f.endsWith('.sql'))
    .sort();
  const texts = new Map(files.map((f) => [f, readFileSync(join(migrationsDir, f), 'utf8')]));
  const notifyingFunctions = new Map<string, Set<string>>();
  for (const text of texts.values()) {
    for (const statement of text.split('--> statement-breakpoint')) {
      const fn = /create\s+(?:or\s+replace\s+)?function\s+([a-z0-9_]+)/i.exec(statement)?.[1];
      const names = [...statement.matchAll(notifyPattern)].map((m) => (m[1] ?? m[2])!);
      if (fn && names.length > 0) notifyingFunctions.set(fn.toLowerCase(), new Set(names));
    }
  }
  const writers = new Map<string, string[]>();
  for (const [file, text] of texts) {
    const names = new Set([...text.matchAll(notifyPattern)].map((m) => (m[1] ?? m[2])!));
    for (const m of text.matchAll(/execute\s+(?:function|procedure)\s+([a-z0-9_]+)/gi)) {
      for (const name of notifyingFunctions.get(m[1]!.toLowerCase()) ?? []) names.add(name);
    }
    for (const name of names) writers.set(name, [...(writers.get(name) ?? []), file]);
  }
  return writers;
}

describe('the NOTIFY channel registry', () => {
  it('names each channel once, each name a valid channel', () => {
    const names = allChannels.map((c) => c.name);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(() => assertChannel(name)).not.toThrow();
  });

  it('is the only server file that spells a channel name', () => {
    const strays: string[] = [];
    for (const file of sourceFiles(serverDir)) {
      if (file === registryFile) continue;
      for (const { name, line } of tandemLiterals(file)) {
        if (!otherNames.has(name)) strays.push(`${relative(root, file)}:${line} ${name}`);
      }
    }
    // a new channel belongs in channels.ts; another `tandem_` name in `otherNames` above
    expect(strays).toEqual([]);
  });

  it('lists every channel a migration notifies, naming the migrations that write it', () => {
    const writers = channelWriters();
    expect(writers.size).toBeGreaterThan(0);
    const listed = new Map(allChannels.map((c) => [c.name as string, [...(c.triggers ?? [])].sort()]));
    for (const [name, files] of writers)
      expect({ name, triggers: listed.get(name) }).toEqual({ name, triggers: files });
    for (const [name, files] of listed)
      if (files.length > 0) expect({ name, triggers: writers.get(name) ?? [] }).toEqual({ name, triggers: files });
  });

  it("has the agents' command channel, written by no migration", () => {
    expect(allChannels).toContain(channels.agentCommands);
    expect(channels.agentCommands.name).toMatch(/^tandem_agent_/);
    expect(channels.agentCommands.triggers).toBeUndefined();
  });
});
