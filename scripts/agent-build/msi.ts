import path from 'node:path';
import { root } from './layout.js';
import { run } from './run.js';

/**
 * The Windows installer, built by wixl (Debian's msitools): the executable under Program Files, a
 * service `TandemAgent` (automatic, LocalSystem), enrolment from the SERVER and KEY properties,
 * upgrades in place (one UpgradeCode, MajorUpgrade), and an uninstall that removes what it wrote.
 */
export function msiPackage(executable: string, version: string, output: string): void {
  run(
    'wixl',
    [
      '--arch',
      'x64',
      '-D',
      `Version=${version}`,
      '-D',
      `Executable=${path.basename(executable)}`,
      '-o',
      output,
      path.join(root, 'scripts/agent-build/msi/tandem-agent.wxs'),
    ],
    { quiet: true, cwd: path.dirname(executable) },
  );
}
