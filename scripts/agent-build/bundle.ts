import path from 'node:path';
import { build, type Plugin } from 'esbuild';
import { nativePackages, root } from './layout.js';

const loader = path.join(root, 'src/agent/native-modules.ts');

/** Sends the agent's imports of native packages to `loadNative`, and notes which ones it imports. */
function nativeImports(used: Set<string>): Plugin {
  const names = nativePackages.map((n) => n.replace(/[/.]/g, '\\$&')).join('|');
  return {
    name: 'tandem-native',
    setup(b) {
      b.onResolve({ filter: new RegExp(`^(${names})$`) }, (args) => {
        used.add(args.path);
        return { path: args.path, namespace: 'tandem-native' };
      });
      // optional speed-ups and macOS sensors that dependencies try in a try/catch: absent here, said plainly
      b.onResolve(
        { filter: /^(bufferutil|utf-8-validate|osx-temperature-sensor|macos-temperature-sensor)$/ },
        (args) => ({
          path: args.path,
          namespace: 'tandem-absent',
        }),
      );
      b.onLoad({ filter: /.*/, namespace: 'tandem-absent' }, (args) => ({
        contents: `throw new Error(${JSON.stringify(`${args.path} is not part of the packaged agent`)});`,
        loader: 'js',
      }));
      b.onLoad({ filter: /.*/, namespace: 'tandem-native' }, (args) => ({
        contents: `module.exports = require(${JSON.stringify(loader)}).loadNative(${JSON.stringify(args.path)});`,
        resolveDir: root,
        loader: 'js',
      }));
    },
  };
}

/**
 * The agent as one CommonJS file, what a single executable runs (Node 20 runs only CommonJS there),
 * with every dependency inside except the native packages. Returns the native packages it imports.
 */
export async function bundleAgent(outfile: string): Promise<string[]> {
  const used = new Set<string>();
  await build({
    entryPoints: [path.join(root, 'src/agent/main.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    minify: true,
    legalComments: 'external',
    logLevel: 'warning',
    plugins: [nativeImports(used)],
  });
  return [...used].sort();
}
