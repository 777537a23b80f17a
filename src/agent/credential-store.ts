import { chmod, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';

/**
 * What enrolment leaves behind: the server and the device credential (never the data key), and the
 * server's grant key (Ed25519, base64url of its 32 bytes) pinned at enrolment or at the first control-socket hello.
 */
const storedSchema = z.object({
  server: z.url(),
  deviceId: z.uuid(),
  credential: z.string().startsWith('tdc_'),
  grantKey: z.string().max(100).optional(),
});
export type StoredCredential = z.infer<typeof storedSchema>;

export function defaultCredentialPath(): string {
  return process.env.TANDEM_AGENT_CREDENTIAL ?? path.join(os.homedir(), '.config', 'tandem-agent', 'credential.json');
}

/**
 * Writes the credential readable by its owner only (0600, in a 0700 folder), whatever the umask.
 * Written beside it, then renamed over it: a reader, or a restart after a crash mid-write, finds
 * the old credential or the new one, never a part (a damaged file means enrolling again).
 */
export async function saveCredential(file: string, value: StoredCredential): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const partial = `${file}.${process.pid}.partial`;
  try {
    await writeFile(partial, `${JSON.stringify(value, null, 2)}\n`, { mode: 0o600 });
    await chmod(partial, 0o600);
    await rename(partial, file);
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
}

export async function loadCredential(file: string): Promise<StoredCredential> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new Error(
      `No device credential at ${file}: enrol first with "tandem-agent enroll --server URL --key DATA_KEY".`,
    );
  }
  const parsed = storedSchema.safeParse(JSON.parse(text));
  if (!parsed.success) throw new Error(`The credential file ${file} is damaged: enrol again.`);
  return parsed.data;
}
