import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { AgentDownload, AgentDownloads } from '../../../shared/contracts/agent-downloads.js';
import type { Actor } from '../../platform/authz.js';
import type { Db } from '../../platform/db/pool.js';
import { AppError } from '../../platform/http/app-error.js';
import { requireCompany } from '../companies/index.js';
import { findCompanyByDataKey } from './repository.js';

/** What `npm run build:agent` writes in dist/agent/manifest.json (the parts the server uses). */
const manifestSchema = z.object({
  version: z.string(),
  files: z.array(
    z.object({
      file: z.string().regex(/^[\w.-]+$/),
      platform: z.enum(['linux-x64', 'win32-x64']),
      kind: z.enum(['executable', 'deb', 'msi']),
      bytes: z.number().int(),
    }),
  ),
});

async function readManifest(folder: string) {
  try {
    return manifestSchema.parse(JSON.parse(await readFile(path.join(folder, 'manifest.json'), 'utf8')));
  } catch {
    return null; // not built here (or a build cut short)
  }
}

/** The packaged agent for one company: whoever may see its data key may download it. */
export async function listAgentDownloads(
  db: Db,
  actor: Actor,
  companyId: string,
  folder: string,
  serverUrl: string,
): Promise<AgentDownloads> {
  await requireCompany(db, actor, companyId, 'companies.update');
  const manifest = await readManifest(folder);
  const items: AgentDownload[] = (manifest?.files ?? []).map((f) => ({
    ...f,
    url: `/api/v1/companies/${companyId}/agent-downloads/${encodeURIComponent(f.file)}`,
    installUrl: `${serverUrl}/api/agent/download/${encodeURIComponent(f.file)}`,
  }));
  return { built: manifest !== null, version: manifest?.version ?? null, serverUrl, items };
}

/** One file of the packaged agent, opened for sending; 404 `not_found` (reason `agent_not_built`) when absent. */
export async function openAgentDownload(db: Db, actor: Actor, companyId: string, folder: string, file: string) {
  await requireCompany(db, actor, companyId, 'companies.update');
  return openBuiltFile(folder, file);
}

/**
 * The same file for the one-line install on the device itself, whose only proof is the company's
 * data key (what enrolment asks for anyway): a wrong or rotated key answers 401, as enrolment does.
 */
export async function openAgentDownloadByDataKey(db: Db, dataKey: string | undefined, folder: string, file: string) {
  const company = dataKey ? await findCompanyByDataKey(db, dataKey) : null;
  if (!company) {
    throw new AppError(
      'unauthenticated',
      "This data key is not valid. It may have been rotated: copy the current key from the company's Data key tab.",
    );
  }
  return openBuiltFile(folder, file);
}

async function openBuiltFile(folder: string, file: string) {
  const manifest = await readManifest(folder);
  if (!manifest) {
    throw new AppError('not_found', 'The agent was not built on this server: run npm run build:agent.', {
      reason: 'agent_not_built',
    });
  }
  const entry = manifest.files.find((f) => f.file === file);
  if (!entry) throw new AppError('not_found', 'No such agent download.');
  const stream = createReadStream(path.join(folder, entry.file));
  await new Promise<void>((resolve, reject) => {
    stream.once('open', () => resolve());
    stream.once('error', () =>
      reject(
        new AppError('not_found', 'The agent file is missing: run npm run build:agent again.', {
          reason: 'agent_not_built',
        }),
      ),
    );
  });
  return { entry, stream };
}
