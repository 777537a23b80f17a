import { describe, expect, it } from 'vitest';
import type { GrantPayload } from '../../shared/remote/grant.js';
import { runConsentStep, type ConsentSystem } from './consent.js';
import { agentLanguage } from './messages.js';

type Call = { command: string; args: readonly string[]; env?: NodeJS.ProcessEnv; detached: boolean };

function fakeSystem(
  platform: NodeJS.Platform,
  env: NodeJS.ProcessEnv,
  answer: { code: number | null; stdout?: string },
  programs = ['zenity', 'notify-send'],
) {
  const calls: Call[] = [];
  const system: ConsentSystem = {
    platform,
    env,
    run: async (command, args, options) => {
      calls.push({ command, args, env: options.env, detached: false });
      return { code: answer.code, stdout: answer.stdout ?? '' };
    },
    detach: (command, args, _ms, detachedEnv) => calls.push({ command, args, env: detachedEnv, detached: true }),
    has: async (command) => programs.includes(command),
  };
  return { system, calls };
}

const grant = (mode: 'allow' | 'notify' | 'ask', purpose: GrantPayload['purpose'] = 'open') => ({
  technicianName: 'Ada Lovelace',
  companyName: 'Acme',
  mode: 'control' as const,
  consent: { mode, seconds: 20 },
  purpose,
});
const x11 = { DISPLAY: ':91' };
const noLog = () => {};

describe('runConsentStep', () => {
  it('accepts at once for allow and for a resumed session, showing nothing', async () => {
    const { system, calls } = fakeSystem('linux', x11, { code: 1 });
    expect(await runConsentStep(grant('allow'), 'en', system, noLog)).toBe('accepted');
    expect(await runConsentStep(grant('ask', 'resume'), 'en', system, noLog)).toBe('accepted');
    expect(calls).toEqual([]);
  });

  it('notify shows a notice naming the technician and company, and accepts', async () => {
    const { system, calls } = fakeSystem('linux', x11, { code: 0 });
    const lines: string[] = [];
    expect(await runConsentStep(grant('notify'), 'en', system, (l) => lines.push(l))).toBe('accepted');
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ command: 'notify-send', detached: true });
    expect(calls[0]?.args.join(' ')).toContain('Ada Lovelace (Acme) is controlling this computer remotely.');
    expect(lines[0]).toContain('Ada Lovelace (Acme)');
  });

  it('notify without a desktop only writes the log', async () => {
    const { system, calls } = fakeSystem('linux', {}, { code: 0 });
    const lines: string[] = [];
    expect(await runConsentStep(grant('notify'), 'fr', system, (l) => lines.push(l))).toBe('accepted');
    expect(calls).toEqual([]);
    expect(lines[0]).toContain('Ada Lovelace (Acme) prend la main sur cet ordinateur à distance.');
  });

  it('ask with zenity: OK accepts, Cancel declines, its timeout times out, in the agent language', async () => {
    for (const [code, result] of [
      [0, 'accepted'],
      [1, 'declined'],
      [5, 'timed_out'],
      [null, 'timed_out'],
      [255, 'no_one_to_ask'],
    ] as const) {
      const { system, calls } = fakeSystem('linux', x11, { code });
      expect(await runConsentStep(grant('ask'), 'fr', system, noLog)).toBe(result);
      expect(calls[0]?.command).toBe('zenity');
      expect(calls[0]?.args).toEqual(
        expect.arrayContaining([
          '--question',
          '--timeout=20',
          '--ok-label=Accepter',
          expect.stringContaining('Ada Lovelace (Acme) demande à prendre la main'),
        ]),
      );
    }
  });

  it('ask with no desktop or no zenity: no one to ask', async () => {
    expect(await runConsentStep(grant('ask'), 'en', fakeSystem('linux', {}, { code: 0 }).system, noLog)).toBe(
      'no_one_to_ask',
    );
    expect(await runConsentStep(grant('ask'), 'en', fakeSystem('linux', x11, { code: 0 }, []).system, noLog)).toBe(
      'no_one_to_ask',
    );
  });

  it('ask on Windows reads the Popup answer; the texts travel in the environment, not the script', async () => {
    for (const [stdout, result] of [
      ['6\r\n', 'accepted'],
      ['7\r\n', 'declined'],
      ['-1\r\n', 'timed_out'],
    ] as const) {
      const { system, calls } = fakeSystem('win32', {}, { code: 0, stdout });
      const evil = { ...grant('ask'), technicianName: "Ada'; Remove-Item C:\\ -Recurse; '" };
      expect(await runConsentStep(evil, 'en', system, noLog)).toBe(result);
      expect(calls[0]?.args.join(' ')).not.toContain('Remove-Item');
      expect(calls[0]?.env?.TANDEM_CONSENT_TEXT).toContain('Remove-Item');
    }
  });

  it('ask on macOS reads the dialog answer', async () => {
    const answer = (stdout: string, code = 0) =>
      runConsentStep(grant('ask'), 'en', fakeSystem('darwin', {}, { code, stdout }).system, noLog);
    expect(await answer('button returned:Allow, gave up:false\n')).toBe('accepted');
    expect(await answer('button returned:Decline, gave up:false\n')).toBe('declined');
    expect(await answer('button returned:, gave up:true\n')).toBe('timed_out');
    expect(await answer('', 1)).toBe('no_one_to_ask');
  });
});

describe('agentLanguage', () => {
  it('takes the flag, else the locale, else English', () => {
    expect(agentLanguage('fr', { LANG: 'en_US.UTF-8' })).toBe('fr');
    expect(agentLanguage(undefined, { LANG: 'fr_CA.UTF-8' })).toBe('fr');
    expect(agentLanguage(undefined, { LC_ALL: 'fr_FR', LANG: 'en_US' })).toBe('fr');
    expect(agentLanguage(undefined, {})).toBe('en');
  });
});
