import startTandem from '../global-setup.js';

/**
 * The same Tandem server as the main browser suite (built, fresh data folder, embedded PostgreSQL,
 * mail catcher), started inside the network namespace so that sessions.spec.ts's pages reach it and
 * each other.
 */
export default async function globalSetup() {
  if (process.env.TANDEM_IN_NETNS !== '1') {
    throw new Error(
      'The WebRTC browser tests run inside a network namespace with coturn beside them: ' +
        'npm run test:e2e:webrtc (scripts/in-netns.sh --turn playwright test -c playwright.webrtc.config.ts)',
    );
  }
  await startTandem();
}
