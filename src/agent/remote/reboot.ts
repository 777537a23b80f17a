import { spawn } from 'node:child_process';

/** The system's restart command, or `TANDEM_AGENT_REBOOT_COMMAND` (run by the shell) when set. */
export function rebootCommand(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
): { command: string; args: string[] } {
  const override = env.TANDEM_AGENT_REBOOT_COMMAND;
  if (override)
    return platform === 'win32'
      ? { command: 'cmd.exe', args: ['/d', '/s', '/c', override] }
      : { command: '/bin/sh', args: ['-c', override] };
  if (platform === 'win32') return { command: 'shutdown.exe', args: ['/r', '/t', '0'] };
  if (platform === 'darwin') return { command: '/sbin/shutdown', args: ['-r', 'now'] };
  return { command: 'systemctl', args: ['reboot'] };
}

/** Runs the restart command; resolves with its exit code (null: it could not start). */
export function reboot(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env) {
  const { command, args } = rebootCommand(platform, env);
  return new Promise<number | null>((resolve) => {
    const child = spawn(command, args, { stdio: 'ignore', windowsHide: true, env });
    child.on('error', () => resolve(null));
    child.on('exit', (code) => resolve(code));
  });
}
