import { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { errorResponse, idParams } from '../../../shared/contracts/common.js';
import {
  recordingChunkParams,
  recordingChunkSchema,
  recordingInfoSchema,
  recordingPlaybackQuery,
  snapshotContentTypes,
  snapshotListSchema,
  snapshotParams,
  snapshotSchema,
} from '../../../shared/contracts/sessions.js';
import { limits } from '../../../shared/limits.js';
import type { Db } from '../../platform/db/pool.js';
import { AppError } from '../../platform/http/app-error.js';
import { actorOf, contextOf } from '../../platform/http/request-context.js';
import type { App, Deps } from '../../platform/http/types.js';
import { finishOwnRecording, openPlayback, putChunk, recordingInfo, type Playback } from './recording-service.js';
import { getSnapshot, listSessionSnapshots, takeSnapshot } from './snapshot-service.js';

const tags = ['sessions'];
const errors = { 401: errorResponse, 403: errorResponse, 404: errorResponse };
const chunkTypes = ['application/octet-stream', 'video/webm'];
const mediaHeaders = {
  'x-content-type-options': 'nosniff',
  'content-security-policy': "default-src 'none'; sandbox",
  'cache-control': 'private, no-store',
};
const watchRule =
  'Needs `recordings.watch` (any session within your companies) or `recordings.watchOwn` (sessions you ran or were invited to watch). A session of another account, outside your company access or missing answers 404; a visible one you may not watch, 403.';

/** Recordings and snapshots: chunk upload, finish, playback and download (audited), snapshots. */
export async function recordingRoutes(app: App, deps: Deps): Promise<void> {
  const db = deps.database.db;
  finishRoute(app, db);
  infoRoute(app, db);
  playbackRoute(app, db);
  snapshotListRoute(app, db);
  snapshotImageRoute(app, db);
  await app.register(async (scope: App) => chunkUploadRoute(scope, db));
  await app.register(async (scope: App) => snapshotUploadRoute(scope, db));
}

function finishRoute(app: App, db: Db): void {
  app.post('/api/v1/sessions/:id/recording/finish', {
    config: { permission: 'sessions.run' },
    schema: {
      tags,
      summary:
        'Finish the recording with the chunks received: made seekable, its duration set (again: the same answer)',
      description: 'The session’s technician. A finished recording is answered as it is.',
      params: idParams,
      response: { 200: recordingInfoSchema, ...errors },
    },
    handler: async (request) => finishOwnRecording(db, contextOf(request), actorOf(request), request.params.id),
  });
}

function infoRoute(app: App, db: Db): void {
  app.get('/api/v1/sessions/:id/recording/info', {
    config: { permission: 'sessions.read' },
    schema: {
      tags,
      summary: 'The recording’s state: status, bytes, duration, chunks missing',
      description: watchRule,
      params: idParams,
      response: { 200: recordingInfoSchema, ...errors },
    },
    handler: async (request) => recordingInfo(db, actorOf(request), request.params.id),
  });
}

function playbackRoute(app: App, db: Db): void {
  app.get('/api/v1/sessions/:id/recording', {
    config: { permission: 'sessions.read' },
    schema: {
      tags,
      summary:
        'Watch the recording (video/webm, with Range for seeking); ?download=1 to save it. Each viewing is audited',
      description: `${watchRule} A recording in several parts (its info's \`parts\`: the technician's page was reloaded while it recorded) is watched part by part with ?part=0, 1…; a part it does not have, 404.`,
      params: idParams,
      querystring: recordingPlaybackQuery,
      produces: ['video/webm'],
      response: {
        200: z.unknown().describe('the video'),
        206: z.unknown().describe('the part of the video asked for'),
        ...errors,
        416: errorResponse,
      },
    },
    handler: async (request, reply) => {
      const download = request.query.download === '1';
      const playback = await openPlayback(db, contextOf(request), actorOf(request), request.params.id, {
        range: request.headers.range,
        download,
        head: request.method === 'HEAD',
        part: request.query.part,
      });
      return sendPlayback(reply, playback, download);
    },
  });
}

/** The video (or the range asked for) with headers that keep the browser from treating it as a page. */
function sendPlayback(reply: FastifyReply, playback: Playback, download: boolean) {
  reply.headers(mediaHeaders).header('accept-ranges', 'bytes');
  if (playback.range === 'unsatisfiable') {
    return reply
      .status(416)
      .header('content-range', `bytes */${playback.size}`)
      .send({ error: { code: 'validation_failed', message: 'This range is outside the recording.' } });
  }
  const { start, end, partial } = playback.range;
  reply
    .header('content-type', playback.mimeType)
    .header('content-length', String(end - start + 1))
    .header('content-disposition', `${download ? 'attachment' : 'inline'}; filename="${playback.fileName}"`);
  if (partial) reply.status(206).header('content-range', `bytes ${start}-${end}/${playback.size}`);
  return reply.send(Readable.from(playback.body()));
}

function snapshotListRoute(app: App, db: Db): void {
  app.get('/api/v1/sessions/:id/snapshots', {
    config: { permission: 'sessions.read' },
    schema: {
      tags,
      summary: 'The snapshots kept with a session, newest first',
      description: 'Needs `sessions.read` on a session within your companies (else 404).',
      params: idParams,
      response: { 200: snapshotListSchema, ...errors },
    },
    handler: async (request) => listSessionSnapshots(db, actorOf(request), request.params.id),
  });
}

function snapshotImageRoute(app: App, db: Db): void {
  app.get('/api/v1/sessions/:id/snapshots/:snapshotId', {
    config: { permission: 'sessions.read' },
    schema: {
      tags,
      summary: 'One snapshot (the image)',
      description: 'Needs `sessions.read` on a session within your companies (else 404).',
      params: snapshotParams,
      produces: [...snapshotContentTypes],
      response: { 200: z.unknown().describe('the image'), ...errors },
    },
    handler: async (request, reply) => {
      const snapshot = await getSnapshot(db, actorOf(request), request.params.id, request.params.snapshotId);
      return reply
        .headers(mediaHeaders)
        .header('content-type', snapshot.contentType)
        .header('content-disposition', 'inline; filename="snapshot"')
        .send(snapshot.data);
    },
  });
}

/** Raw bodies of the given types, up to `bodyLimit`, as a Buffer; any other type a 415 saying what to send. */
function rawBodies(scope: App, types: string[], bodyLimit: number, refusal: string): void {
  scope.addContentTypeParser(types, { parseAs: 'buffer', bodyLimit }, (_r, body, done) => done(null, body));
  scope.addContentTypeParser('*', (_r, _p, done) => done(new AppError('unsupported_media_type', refusal), undefined));
}

function chunkUploadRoute(scope: App, db: Db): void {
  rawBodies(scope, chunkTypes, limits.recordingChunkBytes, 'Send the chunk as video/webm or application/octet-stream.');
  scope.put('/api/v1/sessions/:id/recording/chunks/:seq', {
    config: { permission: 'sessions.run' },
    bodyLimit: limits.recordingChunkBytes,
    schema: {
      tags,
      summary: 'Upload one numbered chunk of the recording (raw WebM bytes, as MediaRecorder gives them)',
      description:
        'The session’s technician, with a Remote Support seat, while the session is active (or ended less than 5 minutes ago), when it is recorded. The first chunk starts the recording. The same number again: 200 with the same bytes (a retry), 409 with others.',
      consumes: chunkTypes,
      params: recordingChunkParams,
      response: {
        200: recordingChunkSchema,
        201: recordingChunkSchema,
        ...errors,
        409: errorResponse,
        413: errorResponse,
        415: errorResponse,
      },
    },
    handler: async (request, reply) => {
      const stored = await putChunk(db, actorOf(request), request.params.id, request.params.seq, request.body);
      return reply.status(stored.created ? 201 : 200).send(stored);
    },
  });
}

function snapshotUploadRoute(scope: App, db: Db): void {
  rawBodies(scope, [...snapshotContentTypes], limits.snapshotBytes, 'Send the snapshot as image/png or image/jpeg.');
  scope.post('/api/v1/sessions/:id/snapshots', {
    config: { permission: 'sessions.run' },
    bodyLimit: limits.snapshotBytes,
    schema: {
      tags,
      summary: 'Keep a snapshot of the customer’s screen with the session (the raw PNG or JPEG as the body)',
      description: `A technician watching the session (its owner or one invited), with a Remote Support seat, while it runs. At most ${limits.snapshotsPerSession} per session (409 after); the image must be what its Content-Type says (415).`,
      consumes: [...snapshotContentTypes],
      params: idParams,
      response: { 201: snapshotSchema, ...errors, 409: errorResponse, 413: errorResponse, 415: errorResponse },
    },
    handler: async (request, reply) => {
      const { id } = request.params;
      const type = String(request.headers['content-type'] ?? '');
      const snapshot = await takeSnapshot(db, contextOf(request), actorOf(request), id, type, request.body);
      return reply.status(201).send(snapshot);
    },
  });
}
