import { z } from 'zod';

/**
 * The remote-control protocol of a device session, between the technician's console and
 * tandem-agent. The same messages travel over either transport:
 *
 * - a WebRTC DataChannel labelled `remote` (ordered, reliable) that the agent offers to each
 *   watching technician socket through the session's signalling (src/shared/session-signals.ts);
 * - the relay: the console's `GET /api/v1/sessions/{id}/relay` WebSocket joined by the server to the
 *   agent's `GET /api/agent/sessions/{id}/relay/{relayId}` (src/shared/agent-frames.ts).
 *
 * Text messages are one JSON object each (`remoteToAgent` / `remoteToConsole`); binary messages are
 * a screen tile or a file chunk, both starting with a fixed header (`encodeTile`, `encodeFileChunk`).
 * Per viewer the agent sends over the DataChannel when it is open, else over the relay; the console
 * sends input over whichever carried the last frame. Everything the console sends in a `view`
 * session, or from a technician who does not own the session, is ignored by the agent.
 */

export const remoteModes = ['view', 'control'] as const;
export type RemoteMode = (typeof remoteModes)[number];

/** One monitor of the device, as the agent lists it. */
export const monitorSchema = z.object({
  id: z.number().int(),
  name: z.string().max(200),
  x: z.number().int(),
  y: z.number().int(),
  width: z.number().int().min(1),
  height: z.number().int().min(1),
  primary: z.boolean(),
});
export type Monitor = z.infer<typeof monitorSchema>;

/** Mouse buttons and modifier keys as the console names them. */
export const mouseButtons = ['left', 'middle', 'right'] as const;
export const modifierKeys = ['shift', 'control', 'alt', 'meta'] as const;

/**
 * Keys by the names of KeyboardEvent.key (`a`, `Enter`, `F5`, `ArrowLeft`…): the agent maps each to
 * its platform's key. Printable text may also arrive as `type` (a pasted string, IME input).
 */
const keyName = z.string().min(1).max(32);

/**
 * The largest message either way, on either transport (the server's WebSocket frame limit; also a
 * DataChannel message size every WebRTC stack takes): the agent cuts a changed region into bands
 * whose JPEG fits, and files travel in chunks of `fileChunkBytes`.
 */
export const remoteMessageMaxBytes = 64 * 1024;
export const fileChunkBytes = 48 * 1024;
export const clipboardMaxChars = 100_000;

const transferId = z.number().int().min(1).max(0xffff_ffff);

/**
 * The terminal: the console's size in character cells, keystrokes as text (`term.input`, at most
 * `terminalInputMaxChars`), the device's output in pieces of at most `terminalOutputMaxChars` (a
 * piece stays under the message limit even with every character escaped in JSON). Flow control: the
 * agent keeps at most `terminalWindowChars` characters of output unacknowledged (`term.ack`) and
 * pauses the shell's output beyond that.
 */
export const terminalInputMaxChars = 4096;
export const terminalOutputMaxChars = 8192;
export const terminalWindowChars = 256 * 1024;
const terminalCols = z.number().int().min(2).max(1000);
const terminalRows = z.number().int().min(1).max(500);
const fileName = z.string().min(1).max(255);
const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/);

/** console → agent */
export const remoteToAgent = z.discriminatedUnion('t', [
  /** the console decoded tile `seq` (flow control: the agent keeps only a few frames unacknowledged) */
  z.object({ t: z.literal('ack'), seq: z.number().int().min(0) }),
  /** show this monitor */
  z.object({ t: z.literal('monitor'), id: z.number().int() }),
  /** pointer, in the shown monitor's pixels */
  z.object({
    t: z.literal('mouse'),
    action: z.enum(['move', 'down', 'up', 'click', 'dblclick']),
    x: z.number().int().min(0).max(100_000),
    y: z.number().int().min(0).max(100_000),
    button: z.enum(mouseButtons).optional(),
  }),
  z.object({
    t: z.literal('wheel'),
    dx: z.number().int().min(-10_000).max(10_000),
    dy: z.number().int().min(-10_000).max(10_000),
  }),
  /** one key, with modifiers held (`tap` = down and up) */
  z.object({
    t: z.literal('key'),
    action: z.enum(['down', 'up', 'tap']),
    key: keyName,
    modifiers: z.array(z.enum(modifierKeys)).max(4).default([]),
  }),
  /** text typed as is */
  z.object({ t: z.literal('type'), text: z.string().min(1).max(1000) }),
  /** a combination the browser would keep for itself */
  z.object({ t: z.literal('combo'), combo: z.enum(['ctrl-alt-del', 'win', 'alt-tab', 'lock']) }),
  /** the technician's clipboard text, put on the device's clipboard */
  z.object({ t: z.literal('clipboard'), text: z.string().max(clipboardMaxChars) }),
  /** ask for the device's clipboard text (answered by `clipboard`) */
  z.object({ t: z.literal('clipboard.get') }),
  /** a file from the technician: chunks follow (`encodeFileChunk`), then `file.end` */
  z.object({
    t: z.literal('file.offer'),
    id: transferId,
    name: fileName,
    size: z.number().int().min(0),
    sha256: sha256Hex,
  }),
  z.object({ t: z.literal('file.end'), id: transferId }),
  /** a file from the device: a path on it (`file.list` helps find one) */
  z.object({ t: z.literal('file.get'), id: transferId, path: z.string().min(1).max(4096) }),
  /** the entries of a folder on the device (`path` empty: the agent's transfer folder) */
  z.object({ t: z.literal('file.list'), path: z.string().max(4096) }),
  z.object({ t: z.literal('file.cancel'), id: transferId }),
  /** restart the device; the agent comes back and the session resumes */
  z.object({ t: z.literal('reboot') }),
  /** open a terminal on the device (one per console; a second replaces the first) */
  z.object({ t: z.literal('term.open'), cols: terminalCols, rows: terminalRows }),
  z.object({ t: z.literal('term.input'), data: z.string().min(1).max(terminalInputMaxChars) }),
  z.object({ t: z.literal('term.resize'), cols: terminalCols, rows: terminalRows }),
  /** `chars` more characters of output were shown */
  z.object({ t: z.literal('term.ack'), chars: z.number().int().min(1).max(terminalWindowChars) }),
  z.object({ t: z.literal('term.close') }),
  z.object({ t: z.literal('ping'), at: z.number() }),
]);
export type RemoteToAgent = z.infer<typeof remoteToAgent>;

const fileEntry = z.object({ name: fileName, dir: z.boolean(), size: z.number().int().min(0) });

/** agent → console */
export const remoteToConsole = z.discriminatedUnion('t', [
  /** first message on a transport: what the device offers */
  z.object({
    t: z.literal('hello'),
    mode: z.enum(remoteModes),
    /** whether this viewer's input is applied (the session's owner in a control session) */
    control: z.boolean(),
    monitors: z.array(monitorSchema).max(16),
    monitorId: z.number().int(),
    os: z.string().max(64),
    agentVersion: z.string().max(32),
    /** the largest file either way, from `sessions.fileTransferMaxMb` */
    fileMaxBytes: z.number().int().min(0),
  }),
  /** the shown monitor changed (or its size) */
  z.object({ t: z.literal('screen'), monitorId: z.number().int(), width: z.number().int(), height: z.number().int() }),
  z.object({ t: z.literal('clipboard'), text: z.string().max(clipboardMaxChars) }),
  z.object({
    t: z.literal('file.offer'),
    id: transferId,
    name: fileName,
    size: z.number().int().min(0),
    sha256: sha256Hex,
  }),
  z.object({ t: z.literal('file.end'), id: transferId }),
  /** a file from the technician arrived whole (hash checked) and was saved as `savedAs` */
  z.object({ t: z.literal('file.saved'), id: transferId, savedAs: z.string().max(4096) }),
  z.object({
    t: z.literal('file.error'),
    id: transferId,
    reason: z.enum(['too_large', 'not_found', 'not_a_file', 'denied', 'hash_mismatch', 'cancelled', 'failed']),
  }),
  z.object({ t: z.literal('file.list'), path: z.string().max(4096), entries: z.array(fileEntry).max(1000) }),
  /** the device is going down for a restart: the session resumes when the agent is back */
  z.object({ t: z.literal('rebooting') }),
  /**
   * the terminal is open: `pty` a pseudo-terminal (full-screen programs, resizing), `lines` a line
   * runner (each line entered is run by the shell, its output streamed; no pty on this device)
   */
  z.object({ t: z.literal('term.opened'), mode: z.enum(['pty', 'lines']), shell: z.string().max(256) }),
  z.object({ t: z.literal('term.output'), data: z.string().max(terminalOutputMaxChars) }),
  /** the shell ended (`code` null: killed by a signal, or could not start) */
  z.object({ t: z.literal('term.exit'), code: z.number().int().nullable() }),
  z.object({ t: z.literal('pong'), at: z.number() }),
  /** a refused message, said once so the console can tell the technician */
  z.object({
    t: z.literal('refused'),
    what: z.string().max(32),
    reason: z.enum(['view_only', 'not_supported', 'failed']),
  }),
]);
export type RemoteToConsole = z.infer<typeof remoteToConsole>;

// --- binary messages ---------------------------------------------------------------------------------

/** first byte of a binary message */
export const binaryKinds = { tile: 1, fileChunk: 2 } as const;

/**
 * A screen tile: a JPEG of the rectangle (x, y, w, h) of a screen of (screenW × screenH) pixels.
 * A tile with `full` set covers the whole screen, maybe scaled down (w, h being the JPEG's size, drawn
 * stretched to the screen). Header: kind u8, flags u8 (bit 0: full), seq u32, x, y, w, h, screenW,
 * screenH u16 — 20 bytes, big-endian — then the JPEG.
 */
export interface Tile {
  seq: number;
  full: boolean;
  x: number;
  y: number;
  w: number;
  h: number;
  screenW: number;
  screenH: number;
  jpeg: Uint8Array;
}
const tileHeader = 20;

export function encodeTile(tile: Tile): Uint8Array {
  const out = new Uint8Array(tileHeader + tile.jpeg.byteLength);
  const view = new DataView(out.buffer);
  view.setUint8(0, binaryKinds.tile);
  view.setUint8(1, tile.full ? 1 : 0);
  view.setUint32(2, tile.seq);
  view.setUint16(6, tile.x);
  view.setUint16(8, tile.y);
  view.setUint16(10, tile.w);
  view.setUint16(12, tile.h);
  view.setUint16(14, tile.screenW);
  view.setUint16(16, tile.screenH);
  out.set(tile.jpeg, tileHeader);
  return out;
}

/** A file chunk: kind u8, pad u8×3, transfer id u32, offset f64 (bytes so far) — 16 bytes — then the bytes. */
export interface FileChunk {
  id: number;
  offset: number;
  data: Uint8Array;
}
const chunkHeader = 16;

export function encodeFileChunk(chunk: FileChunk): Uint8Array {
  const out = new Uint8Array(chunkHeader + chunk.data.byteLength);
  const view = new DataView(out.buffer);
  view.setUint8(0, binaryKinds.fileChunk);
  view.setUint32(4, chunk.id);
  view.setFloat64(8, chunk.offset);
  out.set(chunk.data, chunkHeader);
  return out;
}

export type BinaryMessage = ({ kind: 'tile' } & Tile) | ({ kind: 'fileChunk' } & FileChunk);

/** A binary message read back; null for anything malformed (too short, unknown kind). */
export function decodeBinary(bytes: Uint8Array): BinaryMessage | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.byteLength < 1) return null;
  const kind = view.getUint8(0);
  if (kind === binaryKinds.tile && bytes.byteLength > tileHeader)
    return {
      kind: 'tile',
      full: (view.getUint8(1) & 1) === 1,
      seq: view.getUint32(2),
      x: view.getUint16(6),
      y: view.getUint16(8),
      w: view.getUint16(10),
      h: view.getUint16(12),
      screenW: view.getUint16(14),
      screenH: view.getUint16(16),
      jpeg: bytes.subarray(tileHeader),
    };
  if (kind === binaryKinds.fileChunk && bytes.byteLength >= chunkHeader) {
    const offset = view.getFloat64(8);
    if (!Number.isSafeInteger(offset) || offset < 0) return null;
    return { kind: 'fileChunk', id: view.getUint32(4), offset, data: bytes.subarray(chunkHeader) };
  }
  return null;
}

/** A text message read back against one side's schema; null when it is not one. */
export function parseRemoteText<T>(schema: z.ZodType<T>, text: string): T | null {
  try {
    const parsed = schema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
