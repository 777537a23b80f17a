import { describe, expect, it } from 'vitest';
import type { Db } from '../../platform/db/pool.js';
import { noticeReader } from './fanout.js';
import { messageInNotice, noticeBodyBytes, rowFromNotice } from './notice-message.js';
import type { MessageRow } from './repository.js';

const row: MessageRow = {
  id: '6f0c1b1e-3c0e-4a59-9a57-1d2b9d8f0a11',
  accountId: '0b6c6a8e-7c59-4f0e-8f7b-2f1e4e1c9d22',
  requestId: 'a4d2f0c3-1b7e-4e8a-9c55-6e0f1d2c3b33',
  seq: 7,
  clientId: 'c-7',
  authorType: 'customer',
  authorUserId: null,
  authorName: 'Ada',
  body: 'Hello "there"',
  attachmentId: null,
  createdAt: new Date('2026-12-07T04:50:01.123Z'),
};

/** A database that must not be read: the carried message is the answer. */
const noDatabase = new Proxy(
  {},
  {
    get: () => {
      throw new Error('read the database');
    },
  },
) as Db;

describe('a message carried by its notice', () => {
  it('goes and comes back as the same row', () => {
    const carried = messageInNotice(row)!;
    expect(JSON.parse(JSON.stringify(carried))).toEqual(carried);
    expect(rowFromNotice(JSON.parse(JSON.stringify(carried)))).toEqual(row);
  });

  it('is left out when it has an attachment or its text would not fit a notice, escapes counted', () => {
    expect(messageInNotice({ ...row, attachmentId: '1e2d3c4b-5a69-4788-9a0b-1c2d3e4f5a66' })).toBeUndefined();
    expect(messageInNotice({ ...row, body: 'a'.repeat(noticeBodyBytes - 2) })).toBeDefined();
    expect(messageInNotice({ ...row, body: 'a'.repeat(noticeBodyBytes - 1) })).toBeUndefined();
    expect(messageInNotice({ ...row, body: '"'.repeat(noticeBodyBytes / 2) })).toBeUndefined();
    expect(messageInNotice({ ...row, body: 'é'.repeat(noticeBodyBytes / 2) })).toBeUndefined();
  });

  it('is handed to a follower standing just before it without a read; others read', async () => {
    const notice = {
      requestId: row.requestId,
      event: 'message',
      seq: 7,
      side: 'customer',
      message: messageInNotice(row),
    } as const;
    const read = noticeReader(noDatabase, notice);
    await expect(read(6, 200)).resolves.toEqual({ rows: [row], attachments: new Map() });
    await expect(read(5, 200)).rejects.toThrow('read the database');
    await expect(noticeReader(noDatabase, { ...notice, message: undefined })(6, 200)).rejects.toThrow(
      'read the database',
    );
  });
});
