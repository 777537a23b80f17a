/**
 * The graph of the server's modules (src/server/modules/<module>/), read from their imports. Code edges are imports
 * of another module's surface (what it does); schema edges are imports of its tables.ts (a foreign key, or a
 * read-only join in a repository). The architecture asks the code edges to form a one-way graph: no cycles.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

export type Graph = Map<string, Set<string>>;

export interface ModuleGraph {
  /** imports of another module's index.ts (or any file of it but tables.ts) */
  code: Graph;
  /** every import of another module, tables.ts included */
  all: Graph;
  /** platform files importing a module (the platform knows no module) */
  platformImportsModule: number;
}

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...sourceFiles(path));
    else if (/\.tsx?$/.test(name) && !name.endsWith('.test.ts')) out.push(path);
  }
  return out;
}

const importsOf = (text: string) =>
  [...text.matchAll(/^\s*(?:import|export)[^'"]*?from\s+'([^']+)'/gm)].map((m) => m[1]!);

function addEdge(graph: Graph, from: string, to: string): void {
  if (!graph.has(from)) graph.set(from, new Set());
  graph.get(from)!.add(to);
}

/** The module graph of the tree at `root`. */
export function moduleGraph(root: string): ModuleGraph {
  const rel = (p: string) => relative(root, p).split(sep).join('/');
  const moduleOf = (p: string) => /^src\/server\/modules\/([^/]+)\//.exec(rel(p))?.[1];
  const graph: ModuleGraph = { code: new Map(), all: new Map(), platformImportsModule: 0 };
  for (const file of sourceFiles(join(root, 'src/server'))) {
    const from = moduleOf(file);
    for (const spec of importsOf(readFileSync(file, 'utf8'))) {
      if (!spec.startsWith('.')) continue;
      const target = join(file, '..', spec);
      const to = moduleOf(target);
      if (!from && to && rel(file).startsWith('src/server/platform/')) graph.platformImportsModule++;
      if (!from || !to || from === to) continue;
      addEdge(graph.all, from, to);
      if (!rel(target).endsWith('/tables.js')) addEdge(graph.code, from, to);
    }
  }
  return graph;
}

/** Pairs of nodes with an edge each way, as "a ↔ b". */
export function mutualPairs(graph: Graph): string[] {
  const pairs: string[] = [];
  for (const [a, targets] of graph)
    for (const b of targets) if (a < b && graph.get(b)?.has(a)) pairs.push(`${a} ↔ ${b}`);
  return pairs.sort();
}

/** The cycles of a graph, each as its strongly connected set of nodes, sorted (Tarjan's algorithm). */
export function cyclesOf(graph: Graph): string[] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[] = [];
  const visit = (node: string) => {
    index.set(node, next);
    low.set(node, next++);
    stack.push(node);
    onStack.add(node);
    for (const to of graph.get(node) ?? []) {
      if (!index.has(to)) {
        visit(to);
        low.set(node, Math.min(low.get(node)!, low.get(to)!));
      } else if (onStack.has(to)) low.set(node, Math.min(low.get(node)!, index.get(to)!));
    }
    if (low.get(node) !== index.get(node)) return;
    const members: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      members.push(member);
    } while (member !== node);
    if (members.length > 1) cycles.push(members.sort().join(', '));
  };
  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return cycles.sort();
}
