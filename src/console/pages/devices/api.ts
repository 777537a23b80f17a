import { useQuery, type QueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { listResponse } from '../../../shared/contracts/common.js';
import {
  deviceCountResponse,
  deviceDetailSchema,
  deviceSchema,
  movePreviewSchema,
  moveResultSchema,
  type DeviceCsvColumn,
  type DeviceFilter,
} from '../../../shared/contracts/devices.js';
import { deviceRemoteSchema, type DeviceRemote } from '../../../shared/contracts/device-sessions.js';
import type { RemoteMode } from '../../../shared/remote/protocol.js';
import { createdSessionSchema } from '../../../shared/contracts/sessions.js';
import { limits } from '../../../shared/limits.js';
import { api, apiBase, queryString } from '../../api/client.js';
import { can, useSession } from '../../session/api.js';
import { useLiveEvent } from '../../live/useLive.js';

export const deviceList = listResponse(deviceSchema);

export type DeviceListFilters = Partial<DeviceFilter>;

export const deviceKeys = {
  all: ['devices'] as const,
  list: (filters: DeviceListFilters) => ['devices', 'list', filters] as const,
  count: (filters: DeviceListFilters) => ['devices', 'count', filters] as const,
  detail: (id: string) => ['devices', 'detail', id] as const,
  /** under the detail: a device going online or offline refreshes it too */
  remote: (id: string) => ['devices', 'detail', id, 'remote'] as const,
};

/** One page of the inventory list. */
export function fetchDevicePage(filters: DeviceListFilters, cursor: string | undefined, signal: AbortSignal) {
  return api.get('/devices', {
    query: { ...filters, limit: limits.pageSizeDefault, cursor },
    schema: deviceList,
    signal,
  });
}

/** The CSV download of a filtered list, with these columns. */
export function deviceExportHref(filters: DeviceListFilters, columns: readonly DeviceCsvColumn[]) {
  return `${apiBase}/devices/export.csv${queryString({ ...filters, columns: columns.join(',') })}`;
}

const devicePath = (id: string) => `/devices/${encodeURIComponent(id)}`;

export function useDevice(id: string) {
  return useQuery({
    queryKey: deviceKeys.detail(id),
    queryFn: ({ signal }) => api.get(devicePath(id), { schema: deviceDetailSchema, signal }),
  });
}

/** Whether the signed-in person may open device sessions at all (the server says per device, with its abilities). */
export function useMayOpenDeviceSessions(): boolean {
  return can(useSession(), 'devices.control');
}

/** Whether a session can be opened on the device now, and what applies to it (consent, recording, file size); followed while shown. */
export function useDeviceRemote(id: string, enabled = true) {
  return useQuery({
    queryKey: deviceKeys.remote(id),
    enabled,
    // the agent connecting or a session ending is no event here: read again, soon while it cannot be reached
    refetchInterval: (query: { state: { data?: DeviceRemote } }) =>
      query.state.data && query.state.data.unavailable !== null && query.state.data.unavailable !== 'revoked'
        ? 3000
        : 15_000,
    queryFn: ({ signal }) => api.get(`${devicePath(id)}/remote`, { schema: deviceRemoteSchema, signal }),
  });
}

/** Opens a view or control session on the device (the agent then runs its consent step). */
export const openDeviceSession = (id: string, body: { mode: RemoteMode; recorded?: boolean }) =>
  api.post(`${devicePath(id)}/sessions`, body, { schema: createdSessionSchema });

/** A device's tags and notes, saved together. */
export const saveAnnotations = (id: string, annotations: { notes: string; tags: string[] }) =>
  api.patch(devicePath(id), annotations, { schema: deviceDetailSchema });

/** Revokes a device's credential: it can no longer report. */
export const revokeDevice = (id: string) =>
  api.post(`${devicePath(id)}/revoke`, undefined, { schema: deviceDetailSchema });

/** Who would gain and lose sight of these devices if they moved to a company (nothing is changed). */
export const previewMove = (deviceIds: string[], targetCompanyId: string) =>
  api.post('/devices/move/preview', { deviceIds, targetCompanyId }, { schema: movePreviewSchema });

export const moveDevices = (deviceIds: string[], targetCompanyId: string) =>
  api.post('/devices/move', { deviceIds, targetCompanyId }, { schema: moveResultSchema });

/** The count of a filter: asked once per filter (not with every page), kept for half a minute. */
export function useDeviceCount(filters: DeviceListFilters) {
  return useQuery({
    queryKey: deviceKeys.count(filters),
    queryFn: ({ signal }) => api.get('/devices/count', { query: filters, schema: deviceCountResponse, signal }),
    staleTime: 30_000,
  });
}

/** After a change to devices: lists, counts and details; companies show device counts too. */
export function refreshDevices(queryClient: QueryClient) {
  void queryClient.invalidateQueries({ queryKey: deviceKeys.all });
  void queryClient.invalidateQueries({ queryKey: ['companies'] });
  void queryClient.invalidateQueries({ queryKey: ['seats'] });
}

/**
 * Devices going online, offline or enrolling refresh what the page shows, at most once a second
 * (a sweep can turn many devices offline at once); after a dropped socket, too.
 */
export function useLiveDevices(queryClient: QueryClient, deviceId?: string) {
  const timer = useRef<number | null>(null);
  useEffect(() => () => (timer.current === null ? undefined : window.clearTimeout(timer.current)), []);
  useLiveEvent(['device.online', 'device.offline', 'device.enrolled'], (event) => {
    if (deviceId && 'subjectId' in event && event.subjectId !== deviceId) return;
    if (timer.current !== null) return;
    timer.current = window.setTimeout(() => {
      timer.current = null;
      void queryClient.invalidateQueries({ queryKey: deviceId ? deviceKeys.detail(deviceId) : deviceKeys.all });
    }, 1000);
  });
}
