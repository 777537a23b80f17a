/**
 * The agent's native parts and what each gives. Each is loaded on first use; one that cannot be
 * loaded on a computer takes only its feature away (no WebRTC: the server's relay carries sessions).
 * `tandem-agent check` loads each and says which work.
 */
const nativeParts = [
  {
    name: 'node-datachannel',
    gives: 'WebRTC (without it, sessions go through the relay)',
    load: () => import('node-datachannel'),
  },
  { name: 'node-screenshots', gives: 'screen capture', load: () => import('node-screenshots') },
  { name: 'sharp', gives: 'JPEG encoding of the screen', load: () => import('sharp') },
  { name: '@jitsi/robotjs', gives: 'mouse and keyboard', load: () => import('@jitsi/robotjs') },
  {
    name: '@lydell/node-pty',
    gives: 'the terminal (without it, a line runner)',
    load: () => import('@lydell/node-pty'),
  },
];

export async function checkNativeParts(): Promise<{ name: string; gives: string; error: string | null }[]> {
  const results = [];
  for (const part of nativeParts) {
    let error: string | null = null;
    try {
      await part.load();
    } catch (e) {
      error = (e as Error).message.split('\n')[0] ?? 'failed';
    }
    results.push({ name: part.name, gives: part.gives, error });
  }
  return results;
}
