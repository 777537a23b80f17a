import { describe, expect, it } from 'vitest';
import { runCommandLine, windowsTaskArguments } from './install.js';

const paths = {
  credential: 'C:\\ProgramData\\Tandem Agent\\credential.json',
  dataDir: 'C:\\ProgramData\\Tandem Agent',
  cacheDir: 'C:\\ProgramData\\Tandem Agent\\cache',
};

describe('the Windows boot task', () => {
  it('runs the agent with every installed path quoted, at boot, as SYSTEM, replacing an older task', () => {
    const exe = 'C:\\Program Files\\Tandem Agent\\tandem-agent.exe';
    expect(runCommandLine(exe, paths)).toBe(
      '"C:\\Program Files\\Tandem Agent\\tandem-agent.exe" run --credential "C:\\ProgramData\\Tandem Agent\\credential.json"' +
        ' --data-dir "C:\\ProgramData\\Tandem Agent" --cache-dir "C:\\ProgramData\\Tandem Agent\\cache"',
    );
    const args = windowsTaskArguments(exe, paths);
    expect(args.slice(0, 10)).toEqual([
      '/Create',
      '/F',
      '/TN',
      'Tandem Agent',
      '/SC',
      'ONSTART',
      '/RU',
      'SYSTEM',
      '/RL',
      'HIGHEST',
    ]);
    expect(args.at(-2)).toBe('/TR');
  });

  it('keeps a quote in a path from ending the argument early', () => {
    expect(runCommandLine('C:\\a"b\\x.exe', { ...paths, dataDir: 'C:\\d"' })).toContain('"C:\\ab\\x.exe" run');
  });
});
