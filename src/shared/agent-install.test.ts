import { describe, expect, it } from 'vitest';
import { installCommands } from './agent-install.js';

const item = (file: string, kind: 'deb' | 'msi' | 'executable') => ({
  file,
  kind,
  platform: kind === 'msi' ? ('win32-x64' as const) : ('linux-x64' as const),
  bytes: 1,
  url: `/x/${file}`,
  installUrl: `https://tandem.example.com/api/agent/download/${file}`,
});

describe('the install commands', () => {
  it('download the package with the data key, then install it silently with the server and the key, one line each', () => {
    const commands = installCommands(
      {
        built: true,
        version: '1.0.0',
        serverUrl: 'https://tandem.example.com',
        items: [item('tandem-agent_1.0.0_amd64.deb', 'deb'), item('tandem-agent-1.0.0-x64.msi', 'msi')],
      },
      'tdk_abc',
    );
    expect(commands.linux).toBe(
      "curl -fsSL -H 'X-Tandem-Data-Key: tdk_abc' -o /tmp/tandem-agent_1.0.0_amd64.deb" +
        " 'https://tandem.example.com/api/agent/download/tandem-agent_1.0.0_amd64.deb'" +
        " && sudo TANDEM_SERVER='https://tandem.example.com' TANDEM_KEY='tdk_abc' apt-get install -y /tmp/tandem-agent_1.0.0_amd64.deb",
    );
    expect(commands.windows).toBe(
      "Invoke-WebRequest -UseBasicParsing -Headers @{'X-Tandem-Data-Key'='tdk_abc'}" +
        " -Uri 'https://tandem.example.com/api/agent/download/tandem-agent-1.0.0-x64.msi'" +
        ' -OutFile "$env:ProgramData\\tandem-agent-1.0.0-x64.msi"; Start-Process msiexec.exe -Wait -ArgumentList' +
        " '/i', \"$env:ProgramData\\tandem-agent-1.0.0-x64.msi\", '/qn', 'SERVER=https://tandem.example.com', 'KEY=tdk_abc'",
    );
    for (const line of Object.values(commands)) expect(line).not.toContain('\n');
  });

  it('keep a quote out of the shell: none can end the quoted value', () => {
    const commands = installCommands(
      { built: true, version: '1', serverUrl: "https://t/'; rm -rf /", items: [item('a.deb', 'deb')] },
      "k'ey",
    );
    expect(commands.linux).toContain("TANDEM_SERVER='https://t/; rm -rf /' TANDEM_KEY='key'");
  });

  it('offer no command for a package that was not built', () => {
    const commands = installCommands(
      { built: true, version: '1.0.0', serverUrl: 'https://t', items: [item('tandem-agent-linux-x64', 'executable')] },
      'tdk_abc',
    );
    expect(commands).toEqual({ linux: null, windows: null });
  });
});
