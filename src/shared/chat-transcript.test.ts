import { describe, expect, it } from 'vitest';
import type { ChatMessage } from './contracts/support-requests.js';
import { acknowledge, addPending, contiguousSeq, emptyTranscript, receive } from './chat-transcript.js';

const requestId = '00000000-0000-4000-8000-000000000001';
function msg(seq: number, clientId: string | null = null, type: 'customer' | 'technician' = 'technician'): ChatMessage {
  return {
    id: `00000000-0000-4000-8000-${String(seq).padStart(12, '0')}`,
    requestId,
    seq,
    clientId,
    author: { type, name: type === 'customer' ? 'Ann' : 'Tom' },
    body: `message ${seq}`,
    attachment: null,
    createdAt: new Date(2026, 0, 1, 0, 0, seq).toISOString(),
  };
}

describe('the customer transcript', () => {
  it('keeps each seq once and in order, whatever order and repeats they arrive in', () => {
    let t = receive(emptyTranscript, [msg(3), msg(1)]);
    t = receive(t, [msg(2), msg(3), msg(1)]);
    expect(t.messages.map((m) => m.seq)).toEqual([1, 2, 3]);
  });

  it('resumes after the last seq with nothing missing before it', () => {
    const t = receive(emptyTranscript, [msg(1), msg(2), msg(4)]);
    expect(contiguousSeq(t)).toBe(2);
    expect(contiguousSeq(receive(t, [msg(3)]))).toBe(4);
    expect(contiguousSeq(emptyTranscript)).toBe(0);
  });

  it('shows a typed message as pending until acknowledged, then once as stored', () => {
    let t = addPending(emptyTranscript, {
      clientId: 'c1',
      body: 'hello',
      attachment: null,
      createdAt: new Date().toISOString(),
    });
    t = addPending(t, { clientId: 'c1', body: 'hello', attachment: null, createdAt: new Date().toISOString() });
    expect(t.pending).toHaveLength(1);
    t = acknowledge(t, { clientId: 'c1', seq: 1, messageId: msg(1).id }, requestId, 'Ann');
    expect(t.pending).toEqual([]);
    expect(t.messages.map((m) => [m.seq, m.body, m.author.type])).toEqual([[1, 'hello', 'customer']]);
    // the stored copy replayed after a reconnect does not appear twice
    t = receive(t, [{ ...msg(1, 'c1', 'customer'), body: 'hello' }]);
    expect(t.messages).toHaveLength(1);
  });

  it('drops a pending message when its stored copy arrives before the acknowledgement', () => {
    let t = addPending(emptyTranscript, {
      clientId: 'c2',
      body: 'hi',
      attachment: null,
      createdAt: new Date().toISOString(),
    });
    t = receive(t, [msg(1), msg(2, 'c2', 'customer')]);
    expect(t.pending).toEqual([]);
    t = acknowledge(t, { clientId: 'c2', seq: 2, messageId: msg(2).id }, requestId, 'Ann');
    expect(t.messages.map((m) => m.seq)).toEqual([1, 2]);
  });
});
