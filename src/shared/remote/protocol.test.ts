import { describe, expect, it } from 'vitest';
import {
  decodeBinary,
  encodeFileChunk,
  encodeTile,
  parseRemoteText,
  remoteMessageMaxBytes,
  remoteToAgent,
  fileChunkBytes,
} from './protocol.js';
import { fromBase64Url, readGrantPayload, splitGrant, toBase64Url } from './grant.js';

describe('the remote protocol', () => {
  it('reads back a tile and a file chunk as written', () => {
    const jpeg = Uint8Array.from([0xff, 0xd8, 1, 2, 3]);
    const tile = { seq: 70_000, full: true, x: 0, y: 32, w: 1280, h: 64, screenW: 1280, screenH: 800, jpeg };
    expect(decodeBinary(encodeTile(tile))).toEqual({ kind: 'tile', ...tile });
    const data = Uint8Array.from({ length: fileChunkBytes }, (_, i) => i % 251);
    const chunk = { id: 7, offset: 5 * 1024 * 1024 * 1024, data };
    const encoded = encodeFileChunk(chunk);
    expect(encoded.byteLength).toBeLessThanOrEqual(remoteMessageMaxBytes);
    expect(decodeBinary(encoded)).toEqual({ kind: 'fileChunk', ...chunk });
  });

  it('answers null for what is not a message: empty, unknown kind, a header cut short, a bad offset', () => {
    expect(decodeBinary(new Uint8Array())).toBeNull();
    expect(decodeBinary(Uint8Array.from([9, 0, 0]))).toBeNull();
    expect(
      decodeBinary(
        encodeTile({ seq: 1, full: false, x: 0, y: 0, w: 1, h: 1, screenW: 1, screenH: 1, jpeg: new Uint8Array() }),
      ),
    ).toBeNull();
    const chunk = encodeFileChunk({ id: 1, offset: 0, data: new Uint8Array(1) });
    new DataView(chunk.buffer).setFloat64(8, -1);
    expect(decodeBinary(chunk)).toBeNull();
  });

  it('checks text messages against their side: a key with modifiers passes, a made-up one does not', () => {
    expect(
      parseRemoteText(remoteToAgent, '{"t":"key","action":"tap","key":"Delete","modifiers":["control","alt"]}'),
    ).toEqual({
      t: 'key',
      action: 'tap',
      key: 'Delete',
      modifiers: ['control', 'alt'],
    });
    expect(parseRemoteText(remoteToAgent, '{"t":"key","action":"tap","key":"a","modifiers":["hyper"]}')).toBeNull();
    expect(parseRemoteText(remoteToAgent, '{"t":"exec","command":"rm -rf /"}')).toBeNull();
    expect(parseRemoteText(remoteToAgent, 'not json')).toBeNull();
  });
});

describe("a grant's text form", () => {
  it('splits into the signed bytes and the signature, and reads a payload only when it is one', () => {
    const payload = { v: 1, purpose: 'relay' };
    const text = `${toBase64Url(new TextEncoder().encode(JSON.stringify(payload)))}.${toBase64Url(Uint8Array.from([1, 2, 3]))}`;
    const parts = splitGrant(text)!;
    expect(parts.signature).toEqual(Uint8Array.from([1, 2, 3]));
    // not a whole payload: refused
    expect(readGrantPayload(parts.payloadBytes)).toBeNull();
  });

  it('answers null, never throws, for what is not base64url or not two parts', () => {
    expect(splitGrant('a.b')).toBeNull();
    expect(splitGrant('abc')).toBeNull();
    expect(splitGrant('a.b.c')).toBeNull();
    expect(splitGrant('ab+c.ab')).toBeNull();
    expect(fromBase64Url('a')).toBeNull();
    expect(fromBase64Url('YWI')).toEqual(new TextEncoder().encode('ab'));
  });
});
