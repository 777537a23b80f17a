import type { GrantPayload } from '../../shared/remote/grant.js';

/** The languages the agent speaks to the person at the device. */
export type AgentLanguage = 'en' | 'fr';

/** `--language` when given, else the system's locale (LC_ALL, LC_MESSAGES, LANG); English by default. */
export function agentLanguage(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): AgentLanguage {
  const locale = flag ?? env.LC_ALL ?? env.LC_MESSAGES ?? env.LANG ?? '';
  return locale.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}

type Asker = Pick<GrantPayload, 'technicianName' | 'companyName' | 'mode'>;

/** What the consent prompt and the notice say, naming the technician and their company from the grant. */
export function consentTexts(language: AgentLanguage, grant: Asker) {
  const who = `${grant.technicianName} (${grant.companyName})`;
  if (language === 'fr')
    return {
      title: 'Tandem : assistance à distance',
      question:
        grant.mode === 'control'
          ? `${who} demande à prendre la main sur cet ordinateur à distance (écran, souris, clavier, fichiers, terminal). Accepter ?`
          : `${who} demande à voir l'écran de cet ordinateur à distance. Accepter ?`,
      notice:
        grant.mode === 'control'
          ? `${who} prend la main sur cet ordinateur à distance.`
          : `${who} voit l'écran de cet ordinateur à distance.`,
      accept: 'Accepter',
      decline: 'Refuser',
    };
  return {
    title: 'Tandem remote support',
    question:
      grant.mode === 'control'
        ? `${who} asks to control this computer remotely (screen, mouse, keyboard, files, terminal). Allow?`
        : `${who} asks to view this computer's screen remotely. Allow?`,
    notice:
      grant.mode === 'control'
        ? `${who} is controlling this computer remotely.`
        : `${who} is viewing this computer's screen remotely.`,
    accept: 'Allow',
    decline: 'Decline',
  };
}
