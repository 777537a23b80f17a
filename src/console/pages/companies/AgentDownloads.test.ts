import { describe, expect, it } from 'vitest';
import { installCommands } from './AgentDownloads.js';

const item = (file: string, kind: 'deb' | 'msi' | 'executable') => ({
  file,
  kind,
  platform: kind === 'msi' ? ('win32-x64' as const) : ('linux-x64' as const),
  bytes: 1,
  url: `/x/${file}`,
});

describe('the install commands', () => {
  it('fill in the server address and the data key, one line each', () => {
    const commands = installCommands(
      {
        built: true,
        version: '1.0.0',
        serverUrl: 'https://tandem.example.com',
        items: [item('tandem-agent_1.0.0_amd64.deb', 'deb'), item('tandem-agent-1.0.0-x64.msi', 'msi')],
      },
      'tdk_abc',
    );
    expect(commands).toEqual({
      linux:
        'sudo TANDEM_SERVER=https://tandem.example.com TANDEM_KEY=tdk_abc apt-get install ./tandem-agent_1.0.0_amd64.deb',
      windows: 'msiexec /i tandem-agent-1.0.0-x64.msi /qn SERVER=https://tandem.example.com KEY=tdk_abc',
    });
  });

  it('offer no command for a package that was not built', () => {
    const commands = installCommands(
      { built: true, version: '1.0.0', serverUrl: 'https://t', items: [item('tandem-agent-linux-x64', 'executable')] },
      'tdk_abc',
    );
    expect(commands).toEqual({ linux: null, windows: null });
  });
});
