import { describe, expect, it } from 'vitest';
import { executeScript, shellCommand } from './execute.js';

const job = { timeoutSeconds: 10, maxBytes: 64 * 1024 } as const;

describe('executeScript', () => {
  it('runs the text from a file with its shell: stdout and stderr together, the exit code kept', async () => {
    const outcome = await executeScript({ ...job, shell: 'sh', body: 'echo one\necho two >&2\nexit 5\n' });
    expect(outcome).toEqual({ status: 'failed', exitCode: 5, output: 'one\ntwo\n', truncated: false });
    expect(await executeScript({ ...job, shell: 'bash', body: 'echo "$0" | grep -c "script.sh$"' })).toMatchObject({
      status: 'succeeded',
      exitCode: 0,
      output: '1\n',
    });
  });

  it('keeps binary output as text the server stores: a NUL becomes U+FFFD', async () => {
    const outcome = await executeScript({ ...job, shell: 'sh', body: "printf 'a\\000b'" });
    expect(outcome.output).toBe('a\uFFFDb');
  });

  it('never reads the text as a command line: quotes and semicolons stay the script’s', async () => {
    const outcome = await executeScript({ ...job, shell: 'sh', body: `printf '%s\\n' "a; echo injected"` });
    expect(outcome.output).toBe('a; echo injected\n');
  });

  it('kills the whole tree at the timeout', async () => {
    const started = Date.now();
    const outcome = await executeScript({
      ...job,
      timeoutSeconds: 1,
      shell: 'sh',
      body: 'echo started\n(sleep 30; echo child) &\nsleep 30\n',
    });
    expect(outcome).toMatchObject({ status: 'timed_out', exitCode: null, output: 'started\n' });
    expect(Date.now() - started).toBeLessThan(8000);
  });

  it('keeps at most maxBytes of output and says it was cut', async () => {
    const outcome = await executeScript({ ...job, maxBytes: 1000, shell: 'sh', body: 'yes x | head -c 5000' });
    expect(outcome.output).toHaveLength(1000);
    expect(outcome.truncated).toBe(true);
    expect(outcome.status).toBe('succeeded');
  });

  it('says when the shell cannot start', async () => {
    const outcome = await executeScript({ ...job, shell: 'cmd', body: 'echo hi', platform: 'win32' });
    expect(outcome.status).toBe('failed');
    expect(outcome.exitCode).toBeNull();
    expect(outcome.output).toContain('cmd.exe could not start');
  });

  it('gives Windows shells their file and flags', () => {
    expect(shellCommand('powershell', 'C:\\t\\script.ps1', 'win32')).toEqual({
      command: 'powershell.exe',
      args: ['-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-File', 'C:\\t\\script.ps1'],
      extension: '.ps1',
    });
    expect(shellCommand('cmd', 'C:\\t\\script.cmd', 'win32').args).toEqual(['/d', '/c', 'C:\\t\\script.cmd']);
  });
});
