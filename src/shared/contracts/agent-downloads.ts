import { z } from 'zod';
import { idSchema } from './common.js';

/** One file of the packaged agent (`npm run build:agent`), as the server offers it. */
export const agentDownloadSchema = z.object({
  file: z.string(),
  platform: z.enum(['linux-x64', 'win32-x64']),
  kind: z.enum(['executable', 'deb', 'msi']),
  bytes: z.number().int(),
  /** the API path that downloads it (a signed-in administrator) */
  url: z.string(),
  /** the address the one-line install downloads it from, with the company's data key (header X-Tandem-Data-Key) */
  installUrl: z.string(),
});
export type AgentDownload = z.infer<typeof agentDownloadSchema>;

/** A company's agent downloads: none when the agent was not built on this server (`built: false`). */
export const agentDownloadsSchema = z.object({
  built: z.boolean(),
  version: z.string().nullable(),
  /** the address agents enrol with: TANDEM_PUBLIC_URL, else the address this request came to */
  serverUrl: z.string(),
  items: z.array(agentDownloadSchema),
});
export type AgentDownloads = z.infer<typeof agentDownloadsSchema>;

export const agentDownloadParams = z.object({ id: idSchema, file: z.string().max(200) });

export const agentInstallDownloadParams = z.object({ file: z.string().max(200) });

/** The header carrying a company's data key when a device downloads the agent to install it. */
export const dataKeyHeader = 'x-tandem-data-key';
