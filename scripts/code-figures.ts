/**
 * Figures about the shape of the code, printed as JSON: how modules depend on each other, where SQL
 * runs, the longest functions, long lines, which console files call the API, the tests' helpers.
 *
 *   npm run figures            # this tree
 *   npm run figures -- <dir>   # another checkout (e.g. a `git worktree` of an older commit)
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import ts from 'typescript';
import { cyclesOf, moduleGraph, mutualPairs } from './module-graph.js';

const root = process.argv[2] ?? process.cwd();

function filesUnder(dir: string, accept: (path: string) => boolean): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    let entries: string[];
    try {
      entries = readdirSync(d);
    } catch {
      return;
    }
    for (const name of entries) {
      if (name === 'node_modules' || name === 'dist') continue;
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (accept(path)) out.push(path);
    }
  };
  walk(join(root, dir));
  return out.sort();
}

const isSource = (p: string) => /\.(ts|tsx)$/.test(p);
const rel = (p: string) => relative(root, p).split(sep).join('/');
const read = (p: string) => readFileSync(p, 'utf8');

const serverFiles = filesUnder('src/server', isSource).filter((p) => !p.endsWith('.test.ts'));
const moduleOf = (p: string) => /src\/server\/modules\/([^/]+)\//.exec(rel(p))?.[1];
const importsOf = (text: string) =>
  [...text.matchAll(/^\s*(?:import|export)[^'"]*?from\s+'([^']+)'/gm)].map((m) => m[1]!);

/** Pairs of modules importing each other (tables.ts included), and the code graph's pairs and cycles. */
function mutualModuleImports() {
  const graph = moduleGraph(root);
  const pairs = mutualPairs(graph.all);
  return {
    pairs: pairs.length,
    list: pairs,
    codePairs: mutualPairs(graph.code).length,
    codeCycles: cyclesOf(graph.code),
    platformImportsModule: graph.platformImportsModule,
  };
}

/** Module files importing another module's file other than its surface (index.ts) or tables.ts. */
function importsPastSurface() {
  let count = 0;
  for (const file of serverFiles) {
    const from = moduleOf(file);
    for (const spec of importsOf(read(file))) {
      if (!spec.startsWith('.')) continue;
      const target = rel(join(file, '..', spec));
      const to = moduleOf(join(root, target));
      if (!to || to === from) continue;
      // the module's own index.ts or tables.ts, not a nested folder's index (reports/kinds/index.ts)
      if (target !== `src/server/modules/${to}/index.js` && target !== `src/server/modules/${to}/tables.js`) count++;
    }
  }
  return count;
}

const sqlCall =
  /\b(?:tx|db|database|executor|client|conn|trx)\s*\.\s*(?:select|selectDistinct|insert|update|delete|execute|query)\s*[(<]/g;

/** Server files outside repositories that run SQL, and the number of call sites in them. */
function sqlOutsideRepositories() {
  const files: Record<string, number> = {};
  for (const file of serverFiles) {
    const r = rel(file);
    if (/(repository|tables|-repository|\/db\/.*)\.ts$/.test(r) || r.includes('/platform/db/')) continue;
    const count = [...read(file).matchAll(sqlCall)].length;
    if (count > 0) files[r] = count;
  }
  const sites = Object.values(files).reduce((a, b) => a + b, 0);
  const top = Object.entries(files)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 8)
    .map(([f, n]) => `${f} ${n}`);
  return { files: Object.keys(files).length, sites, top };
}

/** Routes files that open transactions or write audit rows themselves. */
function routesWithTransactions() {
  return serverFiles
    .filter((f) => /routes\.ts$/.test(f))
    .filter((f) => /\.transaction\(|recordAudit\(|insert\(auditLog/.test(read(f)))
    .map(rel);
}

/** The longest functions of src/ (by lines), with their place. */
function longestFunctions(limit = 10) {
  const found: { where: string; lines: number }[] = [];
  for (const file of filesUnder('src', isSource).filter((p) => !p.endsWith('.test.ts'))) {
    const text = read(file);
    const source = ts.createSourceFile(
      file,
      text,
      ts.ScriptTarget.Latest,
      true,
      file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
    );
    const visit = (node: ts.Node) => {
      if (ts.isFunctionLike(node) && 'body' in node && node.body) {
        const start = source.getLineAndCharacterOfPosition(node.getStart()).line;
        const end = source.getLineAndCharacterOfPosition(node.end).line;
        found.push({ where: `${rel(file)}:${start + 1}`, lines: end - start + 1 });
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  found.sort((a, b) => b.lines - a.lines);
  return {
    over80: found.filter((f) => f.lines > 80).length,
    top: found.slice(0, limit).map((f) => `${f.where} ${f.lines}`),
  };
}

function longLines(limit: number) {
  let count = 0;
  for (const dir of ['src', 'tests', 'bench', 'scripts']) {
    for (const file of filesUnder(dir, isSource))
      for (const line of read(file).split('\n')) if (line.length > limit) count++;
  }
  return count;
}

/** Console files that call the API client themselves, and page components over 150 lines. */
function consoleFigures() {
  const files = filesUnder('src/console', isSource).filter((p) => !p.endsWith('.test.ts'));
  const callers = files.filter((f) => /\bapi\.(get|post|put|patch|delete|del|request|upload|download)\b/.test(read(f)));
  const pages = files.filter((f) => rel(f).startsWith('src/console/pages/') && f.endsWith('.tsx'));
  const longPages = pages
    .map((f) => ({ f: rel(f), n: read(f).split('\n').length }))
    .filter((p) => p.n > 150)
    .sort((a, b) => b.n - a.n)
    .map((p) => `${p.f} ${p.n}`);
  return {
    filesCallingApi: callers.length,
    nonApiFilesCallingApi: callers.filter((f) => !/\/api\.ts$|\/api\//.test(rel(f))).length,
    pagesOver150: longPages.length,
    longPages,
  };
}

function testFigures() {
  const helpers = filesUnder('tests/support', isSource).map(rel);
  const tests = filesUnder('tests', (p) => p.endsWith('.test.ts'));
  let rawSql = 0;
  for (const f of tests)
    rawSql += [...read(f).matchAll(sqlCall)].length + [...read(f).matchAll(/\.query\(\s*['`]/g)].length;
  return { helperFiles: helpers.length, helpers, rawSqlInTests: rawSql };
}

console.log(
  JSON.stringify(
    {
      mutualModuleImports: mutualModuleImports(),
      importsPastSurface: importsPastSurface(),
      sqlOutsideRepositories: sqlOutsideRepositories(),
      routesWithTransactionsOrAudit: routesWithTransactions(),
      longestFunctions: longestFunctions(),
      linesOver120: longLines(120),
      linesOver160: longLines(160),
      console: consoleFigures(),
      tests: testFigures(),
    },
    null,
    2,
  ),
);
