import path from 'node:path';
import { parseArgs } from 'node:util';
import { enrol, Refused } from './client.js';
import { agentLanguage } from './remote/messages.js';
import { remoteAccess } from './remote/start.js';
import { defaultCredentialPath, loadCredential, saveCredential } from './credential-store.js';
import { checkNativeParts } from './features.js';
import { forget, startAtBoot } from './install.js';
import { collectInventory } from './inventory.js';
import { nativeCacheRoot } from './native-modules.js';
import { runAgent } from './runner.js';
import { agentVersion } from './version.js';

const usage = `tandem-agent ${agentVersion}

  tandem-agent enroll --server URL --key DATA_KEY [--name NAME] [--credential FILE]
      Exchanges the company's data key for this device's credential, stored in FILE
      (owner-only permissions; default ~/.config/tandem-agent/credential.json or
      $TANDEM_AGENT_CREDENTIAL). The data key is not kept.
  tandem-agent run [--credential FILE] [--data-dir DIR] [--files-dir DIR] [--language en|fr]
                   [--no-remote] [--no-webrtc]
      Reports the inventory and sends heartbeats until stopped (Ctrl-C), and keeps the control
      socket open for remote sessions the server signs for this device (consent as the company
      set it). DIR defaults to the credential file's folder: the session log is DIR/sessions.log,
      files from technicians go to DIR/transfers (or --files-dir). --language: the consent
      prompt's language (default from LANG). --no-remote: heartbeats and inventory only.
      --no-webrtc: sessions go through the server's relay only.
      TANDEM_AGENT_REBOOT_COMMAND: the command a restart runs instead of the system's.
      --cache-dir (any command; or TANDEM_AGENT_CACHE_DIR): where the packaged agent writes its
      native parts at first use (default /var/cache/tandem-agent as root on Linux, else
      ~/.cache/tandem-agent, %LOCALAPPDATA%\\tandem-agent\\cache on Windows).
  tandem-agent install --server URL --key DATA_KEY [--name NAME] [--credential FILE] [--data-dir DIR]
                       [--cache-dir DIR]
      What the Windows installer runs: enrols unless FILE already holds a credential (an upgrade
      keeps it), then on Windows registers the task "Tandem Agent" that runs the agent at boot as
      SYSTEM, and starts it. On Linux the .deb's tandem-agent.service runs it instead.
  tandem-agent uninstall [--credential FILE] [--data-dir DIR] [--cache-dir DIR]
      Stops and removes the Windows task, then deletes the credential, DIR and the native parts.
  tandem-agent check [--cache-dir DIR]
      Loads each native part (WebRTC, screen capture, JPEG, mouse and keyboard) and says which work
      here; exits 1 when one does not (the agent still runs without it).
  tandem-agent --version
      Prints the agent's version.
`;

const log = (line: string) => process.stdout.write(`${new Date().toISOString()} ${line}\n`);

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      server: { type: 'string' },
      key: { type: 'string' },
      name: { type: 'string' },
      credential: { type: 'string' },
      'data-dir': { type: 'string' },
      'files-dir': { type: 'string' },
      language: { type: 'string' },
      'no-remote': { type: 'boolean' },
      'no-webrtc': { type: 'boolean' },
      help: { type: 'boolean' },
      version: { type: 'boolean' },
      'cache-dir': { type: 'string' },
    },
  });
  // read by the packaged agent's native parts, loaded later on first use
  if (values['cache-dir']) process.env.TANDEM_AGENT_CACHE_DIR = path.resolve(values['cache-dir']);
  const command = positionals[0];
  const file = path.resolve(values.credential ?? defaultCredentialPath());
  if (values.version) {
    process.stdout.write(`${agentVersion}\n`);
    return 0;
  }
  if (values.help || !command) {
    process.stdout.write(usage);
    return command || values.help ? 0 : 2;
  }
  const installed = () => ({
    credential: file,
    dataDir: path.resolve(values['data-dir'] ?? path.dirname(file)),
    cacheDir: nativeCacheRoot(),
  });
  if (command === 'uninstall') {
    await forget(installed(), log);
    return 0;
  }
  const enrolled =
    command === 'install' &&
    (await loadCredential(file).then(
      () => true,
      () => false,
    ));
  if (enrolled) log(`already enrolled (${file}): the credential is kept`);
  if (command === 'enroll' || (command === 'install' && !enrolled)) {
    if (!values.server || !values.key) {
      process.stderr.write(`${command} needs --server URL and --key DATA_KEY\n\n${usage}`);
      return 2;
    }
    const server = new URL(values.server).origin;
    const result = await enrol(server, { dataKey: values.key, name: values.name, inventory: await collectInventory() });
    // the key that signs session grants, pinned now (an older server sends it on the control socket instead)
    await saveCredential(file, {
      server,
      deviceId: result.deviceId,
      credential: result.credential,
      ...(result.grantKey ? { grantKey: result.grantKey } : {}),
    });
    log(`enrolled as device ${result.deviceId}; credential stored in ${file}`);
    if (command === 'enroll') return 0;
  }
  if (command === 'install') {
    await startAtBoot(installed(), log);
    return 0;
  }
  if (command === 'run') {
    const stored = await loadCredential(file);
    const controller = new AbortController();
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => controller.abort());
    log(`reporting to ${stored.server} as device ${stored.deviceId}`);
    const dataDir = path.resolve(values['data-dir'] ?? path.dirname(file));
    const remote = values['no-remote']
      ? null
      : remoteAccess({
          stored,
          credentialFile: file,
          dataDir,
          filesDir: values['files-dir'] ? path.resolve(values['files-dir']) : undefined,
          language: agentLanguage(values.language),
          webrtc: !values['no-webrtc'],
          log,
        }).run(controller.signal);
    try {
      await runAgent({ stored, log, signal: controller.signal });
    } finally {
      // heartbeats stopped (Ctrl-C, or a revoked credential): the control socket goes too
      controller.abort();
      await remote;
    }
    log('stopped');
    return 0;
  }
  if (command === 'check') {
    const parts = await checkNativeParts();
    for (const part of parts)
      process.stdout.write(
        `${part.error ? 'missing' : 'ok     '} ${part.name}: ${part.gives}${part.error ? ` (${part.error})` : ''}\n`,
      );
    return parts.every((p) => !p.error) ? 0 : 1;
  }
  process.stderr.write(`unknown command "${command}"\n\n${usage}`);
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    const message =
      error instanceof Refused
        ? `refused by the server: ${error.message}`
        : error instanceof Error
          ? error.message
          : String(error);
    process.stderr.write(`tandem-agent: ${message}\n`);
    process.exit(1);
  },
);
