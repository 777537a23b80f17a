import type { AgentDownloads } from './contracts/agent-downloads.js';

/** A value between single quotes for sh and PowerShell (server addresses and data keys hold none). */
const quoted = (value: string) => `'${value.replaceAll("'", '')}'`;

/**
 * The one-line silent installs, run on the computer itself: each downloads its package from this
 * server with the company's data key (header X-Tandem-Data-Key), then installs it silently with the
 * server address and the key filled in.
 */
export function installCommands(downloads: AgentDownloads, dataKey: string) {
  const item = (kind: 'deb' | 'msi') => downloads.items.find((i) => i.kind === kind);
  const deb = item('deb');
  const msi = item('msi');
  const server = quoted(downloads.serverUrl);
  const key = quoted(dataKey);
  return {
    linux: deb
      ? `curl -fsSL -H ${quoted(`X-Tandem-Data-Key: ${dataKey}`)} -o /tmp/${deb.file} ${quoted(deb.installUrl)}` +
        ` && sudo TANDEM_SERVER=${server} TANDEM_KEY=${key} apt-get install -y /tmp/${deb.file}`
      : null,
    windows: msi
      ? `Invoke-WebRequest -UseBasicParsing -Headers @{'X-Tandem-Data-Key'=${key}} -Uri ${quoted(msi.installUrl)}` +
        ` -OutFile "$env:ProgramData\\${msi.file}"; Start-Process msiexec.exe -Wait -ArgumentList` +
        ` '/i', "$env:ProgramData\\${msi.file}", '/qn', ${quoted(`SERVER=${downloads.serverUrl}`)}, ${quoted(`KEY=${dataKey}`)}`
      : null,
  };
}
