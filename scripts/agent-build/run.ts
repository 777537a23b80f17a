import { execFileSync } from 'node:child_process';

/** Runs a program, its output shown, and throws with its name when it fails. */
export function run(program: string, args: string[], options: { cwd?: string; quiet?: boolean } = {}): string {
  try {
    return execFileSync(program, args, {
      cwd: options.cwd,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', options.quiet ? 'pipe' : 'inherit'],
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr ?? '';
    throw new Error(`${program} ${args.join(' ')} failed: ${(error as Error).message}\n${stderr}`);
  }
}
