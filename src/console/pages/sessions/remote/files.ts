import type { DeviceSessionActionBody } from '../../../../shared/contracts/device-sessions.js';
import {
  encodeFileChunk,
  fileChunkBytes,
  type FileChunk,
  type RemoteToAgent,
  type RemoteToConsole,
} from '../../../../shared/remote/protocol.js';
import { sha256Fallback } from './sha256.js';

export type TransferState = 'preparing' | 'sending' | 'receiving' | 'checking' | 'done' | 'failed';
/** why a transfer stopped: the agent's reasons, the server's size limit, or the transport lost */
export type TransferError =
  Extract<RemoteToConsole, { t: 'file.error' }>['reason'] | 'refused_by_server' | 'disconnected';

export interface Transfer {
  id: number;
  direction: 'to_device' | 'from_device';
  name: string;
  size: number;
  /** bytes sent or received so far */
  done: number;
  state: TransferState;
  error: TransferError | null;
  /** the server's message when it refused the transfer (the size limit) */
  serverMessage: string | null;
  /** where the agent saved a file sent to the device */
  savedAs: string | null;
}

export interface TransferDeps {
  send: (message: RemoteToAgent) => boolean;
  sendBinary: (bytes: Uint8Array<ArrayBuffer>) => boolean;
  /** resolves once the transport's send buffer is under the limit (false: it closed) */
  drained: (limit: number) => Promise<boolean>;
  /** `POST /api/v1/sessions/{id}/actions`: audited before anything moves; throws when refused */
  announce: (body: DeviceSessionActionBody) => Promise<void>;
  /** the server's refusal in words (the size limit), or null when it is not one to show */
  refusal?: (error: unknown) => string | null;
  sha256: (bytes: Uint8Array<ArrayBuffer>) => Promise<string>;
  /** hands a received file to the browser (a download) */
  save: (blob: Blob, name: string) => void;
  onChange: (transfers: Transfer[]) => void;
}

/** a transfer waits for the transport while more than this is queued on it */
export const sendHighWater = 1024 * 1024;

/** The file's sha-256 in hex: crypto.subtle where the page has it (a secure context), else in plain script. */
export async function sha256Hex(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  if (typeof crypto === 'undefined' || !crypto.subtle) return sha256Fallback(bytes);
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return [...digest].map((b) => b.toString(16).padStart(2, '0')).join('');
}

interface Incoming {
  sha256: string;
  chunks: Uint8Array<ArrayBuffer>[];
}

/**
 * Files both ways in a device session. Sending: the file is read and hashed, the server told (it
 * refuses past the size limit, and audits), then `file.offer`, 64 KiB chunks (waiting while the
 * transport's buffer is full) and `file.end`; done when the agent says `file.saved`. Getting: the
 * server told, then `file.get`; the agent's offer, chunks and end arrive, the hash is checked and the
 * file is handed to the browser.
 */
export class FileTransfers {
  private readonly transfers = new Map<number, Transfer>();
  private readonly incoming = new Map<number, Incoming>();
  private nextId = 1;

  constructor(private readonly deps: TransferDeps) {}

  list(): Transfer[] {
    return [...this.transfers.values()];
  }

  async sendFile(file: { name: string; size: number; arrayBuffer: () => Promise<ArrayBuffer> }): Promise<void> {
    const transfer = this.add('to_device', file.name, file.size);
    try {
      const bytes = new Uint8Array(await file.arrayBuffer());
      const sha256 = await this.deps.sha256(bytes);
      if (!(await this.announced({ action: 'file_to_device', name: file.name, size: file.size, sha256 }, transfer)))
        return;
      if (!this.deps.send({ t: 'file.offer', id: transfer.id, name: file.name, size: bytes.byteLength, sha256 }))
        return this.fail(transfer, 'disconnected');
      this.update(transfer, { state: 'sending' });
      for (let offset = 0; offset < bytes.byteLength || offset === 0; offset += fileChunkBytes) {
        if (transfer.state !== 'sending') return;
        if (!(await this.deps.drained(sendHighWater))) return this.fail(transfer, 'disconnected');
        if (bytes.byteLength === 0) break;
        const chunk: FileChunk = { id: transfer.id, offset, data: bytes.subarray(offset, offset + fileChunkBytes) };
        if (!this.deps.sendBinary(encodeFileChunk(chunk) as Uint8Array<ArrayBuffer>))
          return this.fail(transfer, 'disconnected');
        this.update(transfer, { done: Math.min(offset + fileChunkBytes, bytes.byteLength) });
      }
      if (transfer.state !== 'sending') return;
      this.deps.send({ t: 'file.end', id: transfer.id });
      this.update(transfer, { state: 'checking' });
    } catch {
      this.fail(transfer, 'failed');
    }
  }

  /** Asks for a file on the device, by its path (its name and size as the folder listing showed them). */
  async getFile(path: string, name: string, size: number): Promise<void> {
    const transfer = this.add('from_device', name, size);
    if (!(await this.announced({ action: 'file_from_device', name, size }, transfer))) return;
    if (!this.deps.send({ t: 'file.get', id: transfer.id, path })) return this.fail(transfer, 'disconnected');
    this.update(transfer, { state: 'receiving' });
  }

  cancel(id: number): void {
    const transfer = this.transfers.get(id);
    if (!transfer || transfer.state === 'done' || transfer.state === 'failed') return;
    this.deps.send({ t: 'file.cancel', id });
    this.incoming.delete(id);
    this.fail(transfer, 'cancelled');
  }

  /** A file message from the agent. */
  handle(message: RemoteToConsole): void {
    if (!('id' in message)) return;
    const transfer = this.transfers.get(message.id);
    if (!transfer) return;
    switch (message.t) {
      case 'file.saved':
        this.update(transfer, { state: 'done', done: transfer.size, savedAs: message.savedAs });
        return;
      case 'file.error':
        this.incoming.delete(message.id);
        this.fail(transfer, message.reason);
        return;
      case 'file.offer':
        if (transfer.direction !== 'from_device' || transfer.state !== 'receiving') return;
        this.incoming.set(message.id, { sha256: message.sha256, chunks: [] });
        this.update(transfer, { name: message.name, size: message.size, done: 0 });
        return;
      case 'file.end':
        void this.finishIncoming(transfer);
        return;
    }
  }

  /** A chunk of a file from the device. */
  chunk(chunk: FileChunk): void {
    const transfer = this.transfers.get(chunk.id);
    const incoming = this.incoming.get(chunk.id);
    if (!transfer || !incoming || transfer.state !== 'receiving') return;
    // copied: the message's buffer is not kept
    incoming.chunks.push(new Uint8Array(chunk.data));
    this.update(transfer, { done: transfer.done + chunk.data.byteLength });
  }

  /** The transport was lost: what was under way cannot finish. */
  disconnected(): void {
    for (const transfer of this.transfers.values())
      if (transfer.state !== 'done' && transfer.state !== 'failed') this.fail(transfer, 'disconnected');
    this.incoming.clear();
  }

  private async finishIncoming(transfer: Transfer) {
    const incoming = this.incoming.get(transfer.id);
    if (!incoming || transfer.state !== 'receiving') return;
    this.incoming.delete(transfer.id);
    this.update(transfer, { state: 'checking' });
    const whole = new Uint8Array(incoming.chunks.reduce((n, c) => n + c.byteLength, 0));
    let at = 0;
    for (const c of incoming.chunks) {
      whole.set(c, at);
      at += c.byteLength;
    }
    if (whole.byteLength !== transfer.size || (await this.deps.sha256(whole)) !== incoming.sha256)
      return this.fail(transfer, 'hash_mismatch');
    this.deps.save(new Blob([whole]), transfer.name);
    this.update(transfer, { state: 'done', done: whole.byteLength });
  }

  private async announced(body: DeviceSessionActionBody, transfer: Transfer): Promise<boolean> {
    try {
      await this.deps.announce(body);
      return true;
    } catch (error) {
      this.update(transfer, { serverMessage: this.deps.refusal?.(error) ?? null });
      this.fail(transfer, 'refused_by_server');
      return false;
    }
  }

  private add(direction: Transfer['direction'], name: string, size: number): Transfer {
    const transfer: Transfer = {
      id: this.nextId++,
      direction,
      name,
      size,
      done: 0,
      state: 'preparing',
      error: null,
      serverMessage: null,
      savedAs: null,
    };
    this.transfers.set(transfer.id, transfer);
    this.changed();
    return transfer;
  }

  private fail(transfer: Transfer, error: TransferError) {
    this.update(transfer, { state: 'failed', error });
  }

  private update(transfer: Transfer, patch: Partial<Transfer>) {
    Object.assign(transfer, patch);
    this.changed();
  }

  private changed() {
    this.deps.onChange(this.list().map((t) => ({ ...t })));
  }
}
