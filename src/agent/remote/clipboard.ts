import { clipboardMaxChars } from '../../shared/remote/protocol.js';
import { runCommand } from './run-command.js';

/** The device's clipboard text. */
export interface Clipboard {
  /** null: no clipboard to read (no tool, no display) */
  read(): Promise<string | null>;
  write(text: string): Promise<boolean>;
}

const utf8 = '[Console]::OutputEncoding = [Text.Encoding]::UTF8; [Console]::InputEncoding = [Text.Encoding]::UTF8;';
const ps = ['-NoProfile', '-NonInteractive', '-Command'];

/** xclip on Linux (X11), pbcopy/pbpaste on macOS, PowerShell's Get-/Set-Clipboard on Windows. */
export function systemClipboard(platform: NodeJS.Platform = process.platform): Clipboard {
  const [readCmd, readArgs, writeCmd, writeArgs]: [string, string[], string, string[]] =
    platform === 'darwin'
      ? ['pbpaste', [], 'pbcopy', []]
      : platform === 'win32'
        ? [
            'powershell.exe',
            [...ps, `${utf8} Get-Clipboard -Raw`],
            'powershell.exe',
            [...ps, `${utf8} Set-Clipboard -Value ([Console]::In.ReadToEnd())`],
          ]
        : ['xclip', ['-selection', 'clipboard', '-o'], 'xclip', ['-selection', 'clipboard', '-i']];
  return {
    async read() {
      const result = await runCommand(readCmd, readArgs, { timeoutMs: 5000 });
      if (result.code === null) return null;
      // xclip says 1 for an empty clipboard
      const text = result.code === 0 ? result.stdout : '';
      return (platform === 'win32' ? text.replace(/\r\n$/, '') : text).slice(0, clipboardMaxChars);
    },
    async write(text) {
      const result = await runCommand(writeCmd, writeArgs, { timeoutMs: 5000, input: text, output: false });
      return result.code === 0;
    },
  };
}
