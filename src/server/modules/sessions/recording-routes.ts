import type { App, Deps } from '../../platform/http/types.js';

/** Recordings and snapshots: chunk upload, finish, playback and download (audited), snapshots. */
export async function recordingRoutes(_app: App, _deps: Deps): Promise<void> {}
