import type { ConsentResult } from '../../shared/agent-frames.js';
import type { GrantPayload } from '../../shared/remote/grant.js';
import { consentTexts, type AgentLanguage } from './messages.js';
import { onPath, runCommand, startDetached, type CommandResult } from './run-command.js';

/** What the consent step needs from the system; tests pass fakes. */
export interface ConsentSystem {
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
  run: (
    command: string,
    args: readonly string[],
    options: { timeoutMs: number; env?: NodeJS.ProcessEnv },
  ) => Promise<CommandResult>;
  detach: (command: string, args: readonly string[], timeoutMs: number, env?: NodeJS.ProcessEnv) => void;
  has: (command: string) => Promise<boolean>;
}

export const realConsentSystem = (): ConsentSystem => ({
  platform: process.platform,
  env: process.env,
  run: (command, args, options) => runCommand(command, args, options),
  detach: startDetached,
  has: (command) => onPath(command),
});

type ConsentGrant = Pick<GrantPayload, 'technicianName' | 'companyName' | 'mode' | 'consent' | 'purpose'>;

/** A few seconds on top of the prompt's own timeout before the agent stops waiting for it. */
const graceMs = 15_000;

const powershell = ['-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-Command'];

/**
 * The consent step of a session, as its grant says: `allow` accepts at once, `notify` shows a notice
 * and accepts, `ask` shows a question for `consent.seconds` (accepted, declined or timed_out; with no
 * desktop to show it on, `no_one_to_ask`). A `resume` grant (after a reboot) asks nothing again.
 * Texts come from the grant (technician, company) in the agent's language; no shell ever reads them.
 */
export async function runConsentStep(
  grant: ConsentGrant,
  language: AgentLanguage,
  system: ConsentSystem,
  log: (line: string) => void,
): Promise<ConsentResult> {
  if (grant.purpose === 'resume' || grant.consent.mode === 'allow') return 'accepted';
  const texts = consentTexts(language, grant);
  if (grant.consent.mode === 'notify') {
    log(`notice: ${texts.notice}`);
    await showNotice(texts, grant.consent.seconds, system);
    return 'accepted';
  }
  return ask(texts, grant.consent.seconds, system);
}

type Texts = ReturnType<typeof consentTexts>;

const hasDesktop = (env: NodeJS.ProcessEnv) => Boolean(env.DISPLAY || env.WAYLAND_DISPLAY);

async function showNotice(texts: Texts, seconds: number, system: ConsentSystem): Promise<void> {
  const keepMs = Math.max(seconds, 10) * 1000;
  if (system.platform === 'win32') {
    system.detach(
      'powershell.exe',
      [...powershell, popup(seconds, 64, '| Out-Null')],
      keepMs + graceMs,
      popupEnv(system.env, texts.notice, texts.title),
    );
  } else if (system.platform === 'darwin') {
    system.detach(
      'osascript',
      [
        '-e',
        'on run argv',
        '-e',
        'display notification (item 1 of argv) with title (item 2 of argv)',
        '-e',
        'end run',
        texts.notice,
        texts.title,
      ],
      graceMs,
    );
  } else if (hasDesktop(system.env)) {
    if (await system.has('notify-send'))
      system.detach('notify-send', ['-a', 'Tandem', texts.title, texts.notice], graceMs);
    else if (await system.has('zenity'))
      system.detach('zenity', ['--notification', '--no-markup', `--text=${texts.title}: ${texts.notice}`], keepMs);
  }
}

async function ask(texts: Texts, seconds: number, system: ConsentSystem): Promise<ConsentResult> {
  const timeoutMs = seconds * 1000 + graceMs;
  if (system.platform === 'win32') {
    // Popup: 4 = Yes/No, 32 = question icon; answers 6 (yes), 7 (no), -1 (no answer in time)
    const result = await system.run('powershell.exe', [...powershell, popup(seconds, 36, '| Write-Output')], {
      timeoutMs,
      env: popupEnv(system.env, texts.question, texts.title),
    });
    const answer = result.stdout.trim();
    if (result.code === null) return 'timed_out';
    return answer === '6' ? 'accepted' : answer === '7' ? 'declined' : answer === '-1' ? 'timed_out' : 'no_one_to_ask';
  }
  if (system.platform === 'darwin') {
    const result = await system.run(
      'osascript',
      [
        '-e',
        'on run argv',
        '-e',
        'display dialog (item 1 of argv) with title (item 2 of argv) buttons {item 4 of argv, item 3 of argv} ' +
          'default button 2 giving up after ((item 5 of argv) as integer)',
        '-e',
        'end run',
        texts.question,
        texts.title,
        texts.accept,
        texts.decline,
        String(seconds),
      ],
      { timeoutMs },
    );
    if (result.code === null) return 'timed_out';
    if (result.code !== 0) return 'no_one_to_ask';
    if (/gave up:true/.test(result.stdout)) return 'timed_out';
    return result.stdout.includes(`button returned:${texts.accept}`) ? 'accepted' : 'declined';
  }
  if (!hasDesktop(system.env) || !(await system.has('zenity'))) return 'no_one_to_ask';
  const result = await system.run(
    'zenity',
    [
      '--question',
      '--no-markup',
      `--title=${texts.title}`,
      `--text=${texts.question}`,
      `--ok-label=${texts.accept}`,
      `--cancel-label=${texts.decline}`,
      `--timeout=${seconds}`,
      '--width=420',
    ],
    { timeoutMs },
  );
  // zenity: 0 OK, 1 Cancel (or the window closed), 5 timeout; anything else: it could not show itself
  if (result.code === 0) return 'accepted';
  if (result.code === 1) return 'declined';
  if (result.code === 5 || result.code === null) return 'timed_out';
  return 'no_one_to_ask';
}

/** The texts travel in the environment: the script itself holds only numbers. */
const popup = (seconds: number, type: number, then: string) =>
  `(New-Object -ComObject WScript.Shell).Popup($env:TANDEM_CONSENT_TEXT, ${seconds}, $env:TANDEM_CONSENT_TITLE, ${type}) ${then}`;
const popupEnv = (env: NodeJS.ProcessEnv, text: string, title: string) => ({
  ...env,
  TANDEM_CONSENT_TEXT: text,
  TANDEM_CONSENT_TITLE: title,
});
