import { chmodSync, copyFileSync, mkdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { cacheDir, root } from './layout.js';
import { run } from './run.js';

const sources = path.join(root, 'scripts/agent-build/deb');

/**
 * The Debian package: the executable in /usr/lib/tandem-agent (and /usr/bin/tandem-agent), the
 * systemd unit, and the maintainer scripts (postinst enrols once and starts the unit; prerm stops
 * it on removal; postrm purge removes the credential, the configuration and the cache). Built with dpkg-deb.
 */
export function debPackage(executable: string, version: string, output: string): void {
  const stage = path.join(cacheDir, 'deb-root');
  rmSync(stage, { recursive: true, force: true });
  const place = (relative: string, from: string, mode: number) => {
    const target = path.join(stage, relative);
    mkdirSync(path.dirname(target), { recursive: true, mode: 0o755 });
    copyFileSync(from, target);
    chmodSync(target, mode);
  };
  place('usr/lib/tandem-agent/tandem-agent', executable, 0o755);
  mkdirSync(path.join(stage, 'usr/bin'), { recursive: true });
  symlinkSync('../lib/tandem-agent/tandem-agent', path.join(stage, 'usr/bin/tandem-agent'));
  place('usr/lib/systemd/system/tandem-agent.service', path.join(sources, 'tandem-agent.service'), 0o644);
  for (const script of ['postinst', 'prerm', 'postrm']) place(`DEBIAN/${script}`, path.join(sources, script), 0o755);
  const installedKb = Math.ceil(statSync(executable).size / 1024) + 8;
  writeFileSync(
    path.join(stage, 'DEBIAN/control'),
    [
      'Package: tandem-agent',
      `Version: ${version}`,
      'Architecture: amd64',
      'Maintainer: Tandem <tandem@localhost>',
      'Section: admin',
      'Priority: optional',
      `Installed-Size: ${installedKb}`,
      'Depends: libc6 (>= 2.28), libstdc++6',
      // remote sessions on an X11 desktop: input, the consent prompt, the clipboard, typing
      'Recommends: libx11-6, libxtst6, libxcb1, libdbus-1-3, zenity, xclip, xdotool',
      'Description: Tandem agent: inventory, heartbeats and remote support',
      ' Enrols this computer with a Tandem server and its company data key, reports its',
      ' inventory and heartbeats, and lets technicians view or control it with the consent',
      ' the company set. Install silently with',
      ' sudo TANDEM_SERVER=https://tandem.example.com TANDEM_KEY=tdk_... apt-get install ./tandem-agent.deb',
      '',
    ].join('\n'),
  );
  rmSync(output, { force: true });
  run('dpkg-deb', ['--root-owner-group', '-Zxz', '-z1', '--build', stage, output], { quiet: true });
}
