import { useQuery } from '@tanstack/react-query';
import { listResponse } from '../../../shared/contracts/common.js';
import { companySettingsResponse } from '../../../shared/contracts/settings.js';
import {
  createdSessionSchema,
  iceServersSchema,
  recordingInfoSchema,
  snapshotListSchema,
  snapshotSchema,
  recordingPolicies,
  sessionDetailSchema,
  sessionSchema,
  type RecordingPolicy,
  type SessionDetail,
} from '../../../shared/contracts/sessions.js';
import type { CloseOutcome } from '../../../shared/contracts/support-requests.js';
import {
  deviceSessionActionResponse,
  type DeviceSessionActionBody,
} from '../../../shared/contracts/device-sessions.js';
import { managedUserSchema } from '../../../shared/contracts/users.js';
import { limits } from '../../../shared/limits.js';
import { api, ApiError, apiBase, queryString } from '../../api/client.js';
import { fetchMessages } from '../support/api.js';

const sessionList = listResponse(sessionSchema);

/** The Sessions page's filters as the API reads them. */
export type SessionQuery = Record<string, string | undefined>;

export const sessionKeys = {
  all: ['sessions'] as const,
  list: (query: SessionQuery) => ['sessions', 'list', query] as const,
  detail: (id: string) => ['sessions', 'detail', id] as const,
  snapshots: (id: string) => ['sessions', 'snapshots', id] as const,
  policy: (companyId: string) => ['sessions', 'policy', companyId] as const,
};

const path = (id: string) => `/sessions/${encodeURIComponent(id)}`;

export function fetchSessionsPage(query: SessionQuery, cursor: string | undefined, signal: AbortSignal) {
  return api.get('/sessions', {
    query: { ...query, limit: limits.pageSizeDefault, cursor },
    schema: sessionList,
    signal,
  });
}

/** Holders of a Remote Support seat (the technicians a session can belong to), for the filter. */
export function useSessionTechnicians() {
  return useQuery({
    queryKey: ['sessions', 'technicians'] as const,
    staleTime: 60_000,
    queryFn: ({ signal }) =>
      api.get('/users', {
        query: { module: 'remoteSupport', sort: 'name', limit: limits.pageSizeMax },
        schema: listResponse(managedUserSchema),
        signal,
      }),
  });
}

export const sessionsCsvHref = (query: SessionQuery) => `${apiBase}/sessions.csv${queryString(query)}`;

/** One session with its timeline; asked again every 3 s while it waits for the customer, when `followWaiting`. */
export function useSessionDetail(id: string, followWaiting = false) {
  return useQuery({
    queryKey: sessionKeys.detail(id),
    refetchInterval: (query: { state: { data?: SessionDetail } }) =>
      followWaiting && query.state.data?.status === 'waiting' ? 3000 : false,
    queryFn: ({ signal }) => api.get(path(id), { schema: sessionDetailSchema, signal }),
  });
}

/** `sessions.recording` as it applies to a company now (the settings resolved for it). */
export function useRecordingPolicy(companyId: string | null) {
  return useQuery({
    queryKey: sessionKeys.policy(companyId ?? ''),
    enabled: Boolean(companyId),
    queryFn: async ({ signal }): Promise<RecordingPolicy> => {
      const settings = await api.get(`/companies/${encodeURIComponent(companyId ?? '')}/settings`, {
        schema: companySettingsResponse,
        signal,
      });
      const value = settings.items.find((item) => item.key === 'sessions.recording')?.effective;
      return (recordingPolicies as readonly unknown[]).includes(value) ? (value as RecordingPolicy) : 'off';
    },
  });
}

export const createSession = (body: { companyId: string; requestId?: string; recorded?: boolean }) =>
  api.post('/sessions', body, { schema: createdSessionSchema });

export const endSession = (id: string, body: { outcome: CloseOutcome; notes?: string }) =>
  api.post(`${path(id)}/end`, body, { schema: sessionSchema });

export const inviteTechnician = (id: string, userId: string) =>
  api.post(`${path(id)}/invite`, { userId }, { schema: sessionSchema });

export const transferSession = (id: string, userId: string) =>
  api.post(`${path(id)}/transfer`, { userId }, { schema: sessionSchema });

export const removeWatcher = (id: string, userId: string) =>
  api.delete(`${path(id)}/watchers/${encodeURIComponent(userId)}`);

export const chooseRecording = (id: string, recorded: boolean) =>
  api.put(`${path(id)}/recording`, { recorded }, { schema: sessionSchema });

/** A file transfer or a restart in a device session, told to the server (audited, on the timeline) before it is done. */
export const postSessionAction = (id: string, body: DeviceSessionActionBody) =>
  api.post(`${path(id)}/actions`, body, { schema: deviceSessionActionResponse });

export const fetchIceServers = (id: string) => api.get(`${path(id)}/ice-servers`, { schema: iceServersSchema });

/** One recording chunk as raw WebM bytes; the same seq sent twice is stored once. */
export const uploadChunk = (id: string, seq: number, data: Blob) =>
  // sent as plain video/webm: MediaRecorder's type carries codec parameters
  api.put(`${path(id)}/recording/chunks/${seq}`, undefined, { raw: new Blob([data], { type: 'video/webm' }) });

/** The recording as stored so far, or null when none was started. */
export async function fetchRecordingInfo(id: string) {
  try {
    return await api.get(`${path(id)}/recording/info`, { schema: recordingInfoSchema });
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return null;
    throw error;
  }
}

export const finishRecording = (id: string) => api.post(`${path(id)}/recording/finish`);

/** The recording (its `part`th file when it has several: the technician's page was reloaded while recording). */
export const recordingUrl = (id: string, part = 0) =>
  `${apiBase}${path(id)}/recording${part > 0 ? `?part=${part}` : ''}`;
export const recordingDownloadUrl = (id: string, part = 0) =>
  `${apiBase}${path(id)}/recording?download=1${part > 0 ? `&part=${part}` : ''}`;

export function useRecordingInfo(id: string) {
  return useQuery({ queryKey: ['sessions', 'recording', id], queryFn: () => fetchRecordingInfo(id) });
}

export function useSnapshots(id: string) {
  return useQuery({
    queryKey: sessionKeys.snapshots(id),
    queryFn: ({ signal }) => api.get(`${path(id)}/snapshots`, { schema: snapshotListSchema, signal }),
  });
}

export const postSnapshot = (id: string, png: Blob) =>
  api.post(`${path(id)}/snapshots`, undefined, { raw: png, schema: snapshotSchema });

export const snapshotUrl = (id: string, snapshotId: string) =>
  `${apiBase}${path(id)}/snapshots/${encodeURIComponent(snapshotId)}`;

/** The chat of a session's request, read whole (beside a recording). */
export function useSessionTranscript(requestId: string | null) {
  return useQuery({
    queryKey: ['sessions', 'transcript', requestId ?? ''] as const,
    enabled: Boolean(requestId),
    queryFn: ({ signal }) => fetchMessages(requestId ?? '', 0, signal),
  });
}
