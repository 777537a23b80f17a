import { attachmentContentTypes } from '../../../shared/contracts/support-requests.js';
import { limits } from '../../../shared/limits.js';
import type { Queryable } from '../../platform/db/pool.js';
import { AppError, fieldError } from '../../platform/http/app-error.js';
import * as repo from './repository.js';

type AttachmentType = (typeof attachmentContentTypes)[number];

const signatures: Partial<Record<AttachmentType, (b: Buffer) => boolean>> = {
  'image/png': (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  'image/jpeg': (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  'image/gif': (b) => b.subarray(0, 4).toString('latin1') === 'GIF8',
  'image/webp': (b) =>
    b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP',
  'application/pdf': (b) => b.subarray(0, 5).toString('latin1') === '%PDF-',
  'application/zip': (b) => b[0] === 0x50 && b[1] === 0x4b,
  // plain text: valid UTF-8 without NUL bytes
  'text/plain': (b) => !b.includes(0) && Buffer.from(b.toString('utf8'), 'utf8').equals(b),
};

/** The declared type must be allowed and match the bytes; the name is kept as plain text. */
export function checkAttachment(
  contentType: string,
  bytes: Buffer,
  name: string | undefined,
): { type: AttachmentType; name: string } {
  const type = contentType.split(';')[0]!.trim().toLowerCase() as AttachmentType;
  if (!(attachmentContentTypes as readonly string[]).includes(type)) {
    throw new AppError(
      'unsupported_media_type',
      `Attach an image (PNG, JPEG, WebP, GIF), a PDF, a text file or a ZIP archive.`,
    );
  }
  if (bytes.length === 0) throw fieldError('body', 'empty_file', 'The file is empty.');
  if (bytes.length > limits.attachmentBytes)
    throw new AppError('payload_too_large', `A file may weigh at most ${limits.attachmentBytes / 1024 / 1024} MB.`);
  if (!signatures[type]!(bytes)) throw new AppError('unsupported_media_type', `The file's content is not ${type}.`);
  const clean =
    (name ?? '')
      .replace(/[\p{Cc}/\\]/gu, '')
      .trim()
      .slice(0, 120) || 'attachment';
  return { type, name: clean };
}

export async function storeAttachment(
  db: Queryable,
  request: repo.RequestRow,
  by: 'customer' | 'technician',
  contentType: string,
  bytes: Buffer,
  name: string | undefined,
) {
  if (request.status === 'closed') throw new AppError('conflict', 'This conversation is closed.', { reason: 'closed' });
  const checked = checkAttachment(contentType, bytes, name);
  return repo.insertAttachment(db, {
    accountId: request.accountId,
    requestId: request.id,
    uploadedBy: by,
    name: checked.name,
    contentType: checked.type,
    size: bytes.length,
    bytes,
  });
}
