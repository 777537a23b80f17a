import { z } from 'zod';
import { limits } from '../limits.js';
import { remoteModes } from '../remote/protocol.js';
import { closeOutcomes } from './support-requests.js';

/**
 * Remote-support sessions (PRODUCT.md §10): one customer's screen joined to a technician inside one
 * company. Attended sessions start from a technician's code, a live chat, or a code the customer
 * enters on a portal; the customer shares their screen from the browser.
 */

/** `waiting`: the code is issued, no customer yet; `joined`: a customer entered it and reads the consent step;
 * `active`: the customer consented; `ended`: over, with an outcome; `expired`: the code ran out unused. */
export const sessionStatuses = ['waiting', 'joined', 'active', 'ended', 'expired'] as const;
export type SessionStatus = (typeof sessionStatuses)[number];

/** `attended`: a customer shares from the browser; `device`: an enrolled device served by tandem-agent. */
export const sessionKinds = ['attended', 'device'] as const;
export type SessionKind = (typeof sessionKinds)[number];

export const recordingPolicies = ['off', 'optional', 'always'] as const;
export type RecordingPolicy = (typeof recordingPolicies)[number];

/**
 * How a session ended: the outcomes a chat closes with, plus what the server decides itself
 * (`refused`: a device's consent step did not accept it, or never answered).
 */
export const sessionOutcomes = [...closeOutcomes, 'customer_left', 'expired', 'refused'] as const;
export type SessionOutcome = (typeof sessionOutcomes)[number];

/** What a session's timeline records, in order. */
export const sessionEventTypes = [
  'created',
  'escalated',
  'joined',
  'consented',
  'declined',
  'sharing_started',
  'sharing_stopped',
  'recording_started',
  'recording_stopped',
  'watcher_joined',
  'watcher_left',
  'invited',
  'transferred',
  'snapshot',
  'ended',
  'expired',
  // device sessions: a file sent to or from the device, a restart asked for, a terminal opened or closed, the agent's session socket came or went
  'file_to_device',
  'file_from_device',
  'reboot_requested',
  'terminal_opened',
  'terminal_closed',
  'device_connected',
  'device_disconnected',
] as const;
export type SessionEventType = (typeof sessionEventTypes)[number];

export const sessionCodeSchema = z.string().regex(/^\d{9}$/, { error: 'not_nine_digits' });

const person = z.object({ id: z.uuid(), name: z.string() });

export const sessionEventSchema = z.object({
  id: z.string(),
  type: z.enum(sessionEventTypes),
  /** who did it: a technician, the customer, or the server */
  side: z.enum(['technician', 'customer', 'system']),
  actor: person.nullable(),
  /** small facts of the event: the invited technician, an outcome, a snapshot's id… */
  data: z.record(z.string(), z.unknown()),
  at: z.iso.datetime({ offset: true }),
});
export type SessionEvent = z.infer<typeof sessionEventSchema>;

export const sessionSchema = z.object({
  id: z.uuid(),
  companyId: z.uuid(),
  companyName: z.string(),
  status: z.enum(sessionStatuses),
  kind: z.enum(sessionKinds),
  /** a device session's device (null when the device was deleted since) */
  device: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  /** a device session's mode: `view` only, or `control` (input, clipboard, files, reboot) */
  mode: z.enum(remoteModes).nullable(),
  /** the technician who owns the session */
  technician: person,
  /** other technicians invited to watch */
  watchers: z.array(person),
  /** the live chat it came from or was given, when there is one */
  requestId: z.uuid().nullable(),
  customerName: z.string().nullable(),
  /** `sessions.recording` of the company when the session was created */
  recordingPolicy: z.enum(recordingPolicies),
  /** whether this session is recorded (always with `always`; the technician's choice with `optional`) */
  recorded: z.boolean(),
  hasRecording: z.boolean(),
  outcome: z.enum(sessionOutcomes).nullable(),
  notes: z.string().nullable(),
  createdAt: z.iso.datetime({ offset: true }),
  joinedAt: z.iso.datetime({ offset: true }).nullable(),
  startedAt: z.iso.datetime({ offset: true }).nullable(),
  endedAt: z.iso.datetime({ offset: true }).nullable(),
  /** seconds from consent to end, or to now while active */
  durationSeconds: z.number().int().nullable(),
  /** what the caller may do with it (the console shows only these) */
  abilities: z.object({
    watch: z.boolean(),
    end: z.boolean(),
    invite: z.boolean(),
    transfer: z.boolean(),
    watchRecording: z.boolean(),
  }),
});
export type Session = z.infer<typeof sessionSchema>;

export const sessionDetailSchema = sessionSchema.extend({ timeline: z.array(sessionEventSchema) });
export type SessionDetail = z.infer<typeof sessionDetailSchema>;

/** `POST /api/v1/sessions`; `requestId` escalates that live chat (the caller's own, active). */
export const createSessionBody = z
  .object({ companyId: z.uuid(), requestId: z.uuid().optional(), recorded: z.boolean().optional() })
  .strict();

export const createdSessionSchema = sessionSchema.extend({
  /** nine digits, single use, valid until `expiresAt`; null when escalated from a chat (the customer is there) */
  code: z.string().nullable(),
  joinUrl: z.string().nullable(),
  expiresAt: z.iso.datetime({ offset: true }).nullable(),
  recording: z.enum(recordingPolicies),
});

export const sessionListQuery = z
  .object({
    companyId: z.uuid().optional(),
    technicianId: z.uuid().optional(),
    status: z.enum(sessionStatuses).optional(),
    kind: z.enum(sessionKinds).optional(),
    outcome: z.enum(sessionOutcomes).optional(),
    from: z.iso.date().optional(),
    to: z.iso.date().optional(),
    /** at least this many minutes long */
    minMinutes: z.coerce.number().int().min(0).max(100_000).optional(),
    limit: z.coerce.number().int().min(1).max(limits.pageSizeMax).default(limits.pageSizeDefault),
    cursor: z.string().max(200).optional(),
  })
  .strict();

export const endSessionBody = z
  .object({
    outcome: z.enum(closeOutcomes),
    notes: z.string().trim().max(limits.closeNotes).optional(),
  })
  .strict();

/** invite a technician to watch, or hand the session over */
export const technicianBody = z.object({ userId: z.uuid() }).strict();

/** `optional` recording: the technician turns it on before the customer consents */
export const recordingChoiceBody = z.object({ recorded: z.boolean() }).strict();

/** `POST /api/portal/{slug}/sessions` and the account's join page */
export const joinSessionBody = z
  .object({
    code: sessionCodeSchema,
    /** the customer's name when the session has no chat yet */
    name: z.string().trim().min(1).max(limits.name).optional(),
    language: z.enum(['en', 'fr']).optional(),
  })
  .strict();

export const joinedSessionSchema = z.object({
  sessionId: z.uuid(),
  /** the customer's token for this session and its chat (kept by the page, sent on every call) */
  visitorToken: z.string(),
  requestId: z.uuid(),
  /** where the customer continues: the company's portal page */
  slug: z.string(),
});

/** What the customer sees of a session (consent step, banner). */
export const customerSessionSchema = z.object({
  sessionId: z.uuid(),
  status: z.enum(sessionStatuses),
  companyName: z.string(),
  technicianName: z.string(),
  /** names of everyone who may be watching now */
  watching: z.array(z.string()),
  recorded: z.boolean(),
  consented: z.boolean(),
  sharing: z.boolean(),
  requestId: z.uuid(),
});
export type CustomerSession = z.infer<typeof customerSessionSchema>;

export const consentBody = z.object({ consent: z.boolean() }).strict();
export const sharingBody = z.object({ sharing: z.boolean() }).strict();

/** RTCIceServer entries for one session: STUN as set, TURN with credentials valid for a short while. */
export const iceServersSchema = z.object({
  iceServers: z.array(
    z.object({
      urls: z.array(z.string()),
      username: z.string().optional(),
      credential: z.string().optional(),
    }),
  ),
  /** when the TURN credentials stop working: ask again before */
  expiresAt: z.iso.datetime({ offset: true }).nullable(),
  /** `relay` when `sessions.relayOnly` is set: peers connect only through the TURN servers */
  iceTransportPolicy: z.enum(['all', 'relay']),
});
export type IceServers = z.infer<typeof iceServersSchema>;

// --- recordings and snapshots

/** `PUT /api/v1/sessions/{id}/recording/chunks/{seq}`: numbered from 0, in the order MediaRecorder gave them */
export const recordingChunkParams = z.object({
  id: z.uuid(),
  seq: z.coerce
    .number()
    .int()
    .min(0)
    .max(limits.recordingChunks - 1),
});

export const recordingStatuses = ['recording', 'ready', 'failed'] as const;

export const recordingChunkSchema = z.object({
  seq: z.number().int(),
  size: z.number().int(),
  /** `false`: this chunk was already stored with the same bytes (a retry) */
  created: z.boolean(),
  /** `recording` again when a chunk arrives after the recording was finished: finish it again */
  status: z.enum(recordingStatuses),
});

/** A session's recording as the console shows it; `ready` once finished and seekable. */
export const recordingInfoSchema = z.object({
  status: z.enum(recordingStatuses),
  mimeType: z.string(),
  /** bytes of the chunks received (the file served may differ by its rewritten header) */
  bytes: z.number().int(),
  chunks: z.number().int(),
  /** chunk numbers below the highest received that never arrived (the file skips them) */
  missing: z.number().int(),
  durationMs: z.number().int().nullable(),
  /**
   * A `ready` recording's files, played one after the other (`?part=` of the playback): one per
   * MediaRecorder, so more than one when the technician's page was reloaded while it recorded
   */
  parts: z.array(z.object({ durationMs: z.number().int(), bytes: z.number().int() })),
  startedAt: z.iso.datetime({ offset: true }),
  finishedAt: z.iso.datetime({ offset: true }).nullable(),
  deleteAfter: z.iso.datetime({ offset: true }),
});
export type RecordingInfo = z.infer<typeof recordingInfoSchema>;

export const recordingPlaybackQuery = z
  .object({
    download: z.enum(['0', '1']).optional(),
    /** which part of a recording in several (`parts` of its info), from 0; the first by default */
    part: z.coerce
      .number()
      .int()
      .min(0)
      .max(limits.recordingChunks - 1)
      .optional(),
  })
  .strict();

/** The image types a snapshot may have. */
export const snapshotContentTypes = ['image/png', 'image/jpeg'] as const;

export const snapshotSchema = z.object({
  id: z.uuid(),
  takenAt: z.iso.datetime({ offset: true }),
  takenBy: person.nullable(),
  contentType: z.enum(snapshotContentTypes),
  size: z.number().int(),
  width: z.number().int(),
  height: z.number().int(),
  url: z.string(),
});
export type Snapshot = z.infer<typeof snapshotSchema>;

export const snapshotListSchema = z.object({ items: z.array(snapshotSchema) });

export const snapshotParams = z.object({ id: z.uuid(), snapshotId: z.uuid() });
