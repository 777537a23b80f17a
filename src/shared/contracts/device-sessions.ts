import { z } from 'zod';
import { consentModes } from '../remote/grant.js';
import { remoteModes } from '../remote/protocol.js';
import { recordingPolicies } from './sessions.js';

/**
 * Unattended access (PRODUCT.md §10): a technician opens a session on an enrolled device, which
 * tandem-agent serves after its consent step. The session is a remote-support session like any
 * other (`kind: 'device'`): the same log, timeline, recording, invite, transfer and end.
 */

/** Why a device cannot be reached now. */
export const remoteUnavailableReasons = ['revoked', 'agent_offline', 'busy'] as const;

/** `GET /api/v1/devices/{id}/remote`: what applies before connecting. */
export const deviceRemoteSchema = z.object({
  deviceId: z.uuid(),
  /** the agent's control socket is connected now */
  connected: z.boolean(),
  /** null when a session can be opened now */
  unavailable: z.enum(remoteUnavailableReasons).nullable(),
  /** `devices.remoteConsent` and `devices.remoteConsentSeconds` of the device's company */
  consent: z.object({ mode: z.enum(consentModes), seconds: z.number().int() }),
  /** `sessions.fileTransferMaxMb` of the company, in bytes */
  fileMaxBytes: z.number().int(),
  /** `sessions.recording` of the company */
  recording: z.enum(recordingPolicies),
  /** the session open on this device now, if any (a device serves one session at a time) */
  openSessionId: z.uuid().nullable(),
  abilities: z.object({ view: z.boolean(), control: z.boolean() }),
});
export type DeviceRemote = z.infer<typeof deviceRemoteSchema>;

/** `POST /api/v1/devices/{id}/sessions` */
export const openDeviceSessionBody = z.object({ mode: z.enum(remoteModes), recorded: z.boolean().optional() }).strict();

/** `POST /api/v1/sessions/{id}/actions`: what a technician does through the session channel, told to the server before it is done (audited, on the timeline) */
export const deviceSessionActionBody = z.discriminatedUnion('action', [
  z
    .object({
      action: z.enum(['file_to_device', 'file_from_device']),
      name: z.string().trim().min(1).max(255),
      size: z.number().int().min(0),
      sha256: z
        .string()
        .regex(/^[0-9a-f]{64}$/)
        .optional(),
    })
    .strict(),
  z.object({ action: z.literal('reboot') }).strict(),
  /** a terminal opened on the device, and closed (its shell's exit code when it ended by itself) */
  z.object({ action: z.literal('terminal_open') }).strict(),
  z.object({ action: z.literal('terminal_close'), exitCode: z.number().int().nullable().optional() }).strict(),
]);
export type DeviceSessionActionBody = z.infer<typeof deviceSessionActionBody>;

export const deviceSessionActionResponse = z.object({ recordedAt: z.iso.datetime({ offset: true }) });
