import type { RtcSignal } from '../../src/shared/session-signals.js';

/**
 * One session's two signalling ends as the load sees them: the customer's page and the watching
 * technician's page, each sending a signal to the other and hearing the other's. Built on Tandem's
 * two sockets (`session-load.ts`) or on a bare relay, so the same traffic runs on both.
 */
export interface SignalPair {
  fromCustomer(signal: RtcSignal): void;
  fromTechnician(signal: RtcSignal): void;
  /** the customer page's keep-alive (the portal's session socket pings every 15 s) */
  ping(): void;
  onCustomerHears(handler: (signal: RtcSignal) => void): void;
  onTechnicianHears(handler: (signal: RtcSignal) => void): void;
}

/** About the size of Chromium's SDP for one video track (codecs, RTX, FEC, extensions). */
const sdp = (type: 'offer' | 'answer', bytes: number) =>
  `v=0\r\no=- 4611731400430051336 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\na=group:BUNDLE 0\r\nm=video 9 UDP/TLS/RTP/SAVPF 96 97 98 99 100 101 102\r\n${'a=rtpmap:96 VP8/90000\r\na=rtcp-fb:96 nack pli\r\n'.repeat(Math.ceil(bytes / 48))}a=setup:${type === 'offer' ? 'actpass' : 'active'}\r\n`.slice(
    0,
    bytes,
  );
const offer: RtcSignal = { kind: 'description', description: { type: 'offer', sdp: sdp('offer', 5000) } };
const answer: RtcSignal = { kind: 'description', description: { type: 'answer', sdp: sdp('answer', 3000) } };
const candidate = (k: number): RtcSignal => ({
  kind: 'candidate',
  candidate: {
    candidate: `candidate:${842163049 + k} 1 udp ${2122260223 - k} 198.51.100.${k + 1} ${50000 + k} typ host generation 0 ufrag EsAw network-id ${k} network-cost 10`,
    sdpMid: '0',
    sdpMLineIndex: 0,
    usernameFragment: 'EsAw',
  },
});
const endOfCandidates: RtcSignal = { kind: 'candidate', candidate: null };

export interface SignallingOptions {
  /** a whole negotiation per session this often (the first one at start, then as an ICE restart) */
  negotiateEveryMs: number;
  pingEveryMs: number;
  /** candidates per side per negotiation (then the end of candidates) */
  candidates: number;
  /** between two candidates of one side (browsers trickle them) */
  trickleMs: number;
}

export const realisticSignalling: SignallingOptions = {
  negotiateEveryMs: 30_000,
  pingEveryMs: 15_000,
  candidates: 10,
  trickleMs: 20,
};

export interface SignallingCounts {
  negotiations: number;
  sent: number;
  heard: number;
}

/**
 * Runs signalling on every pair until `stop()`: each session negotiates (the customer's offer and
 * its candidates trickled, the technician's answer on hearing the offer and its own candidates),
 * at a phase of its own so the load is even, and pings. `stop()` sends nothing more, waits up to
 * `drainMs` for what is on its way and returns the counts (`heard` < `sent`: signals lost).
 */
export function signallingTraffic(pairs: SignalPair[], options: SignallingOptions = realisticSignalling) {
  const counts: SignallingCounts = { negotiations: 0, sent: 0, heard: 0 };
  let running = true;
  const timers: NodeJS.Timeout[] = [];
  const later = (ms: number, run: () => void) => void setTimeout(() => running && run(), ms);
  const trickle = (send: (signal: RtcSignal) => void) => {
    for (let k = 0; k <= options.candidates; k++)
      later(options.trickleMs * (k + 1), () => {
        send(k < options.candidates ? candidate(k) : endOfCandidates);
        counts.sent++;
      });
  };
  pairs.forEach((pair, i) => {
    pair.onTechnicianHears((signal) => {
      counts.heard++;
      if (!running || signal.kind !== 'description' || signal.description.type !== 'offer') return;
      pair.fromTechnician(answer);
      counts.sent++;
      trickle((s) => pair.fromTechnician(s));
    });
    pair.onCustomerHears(() => void counts.heard++);
    const negotiate = () => {
      counts.negotiations++;
      pair.fromCustomer(offer);
      counts.sent++;
      trickle((s) => pair.fromCustomer(s));
    };
    const phase = (i / pairs.length) * options.negotiateEveryMs;
    timers.push(
      setTimeout(() => {
        if (!running) return;
        negotiate();
        timers.push(setInterval(negotiate, options.negotiateEveryMs));
      }, phase),
    );
    const pingPhase = (i / pairs.length) * options.pingEveryMs;
    timers.push(
      setTimeout(() => running && timers.push(setInterval(() => pair.ping(), options.pingEveryMs)), pingPhase),
    );
  });
  return {
    counts,
    async stop(drainMs = 5000): Promise<SignallingCounts> {
      running = false;
      timers.forEach((t) => clearTimeout(t));
      const until = performance.now() + drainMs;
      while (counts.heard < counts.sent && performance.now() < until) await new Promise((r) => setTimeout(r, 50));
      return { ...counts };
    },
  };
}

export interface Uploader {
  /** the next chunk number of this session's recording */
  nextSeq: number;
  /** resolves with the HTTP status (throws when the request itself failed) */
  put(seq: number, body: Buffer<ArrayBuffer>): Promise<number>;
}

/**
 * Each session's technician page uploading its recording as it records: a chunk of `chunkBytes`
 * every `chunkBytes ÷ bytesPerSecond`, sent one after the other in seq order (a chunk waits for the
 * one before it, as the page's ChunkQueue does; a busy answer, 429 or 5xx, is sent again after
 * 500 ms and counted in `retried`). `bytes` counts what the server acknowledged;
 * `stop()` records no more, waits for the uploads in flight and returns the backlog left.
 */
export function uploadTraffic(
  uploaders: Uploader[],
  options: { bytesPerSecond: number; chunkBytes: number; bodies: Buffer<ArrayBuffer>[] },
) {
  const totals = { bytes: 0, chunks: 0, retried: 0, errors: [] as string[] };
  let running = true;
  const timers: NodeJS.Timeout[] = [];
  const intervalMs = (options.chunkBytes / options.bytesPerSecond) * 1000;
  const queues = uploaders.map(() => ({ pending: 0, running: null as Promise<void> | null }));
  const drain = async (u: Uploader, q: (typeof queues)[number]) => {
    while (q.pending > 0 && running) {
      const seq = u.nextSeq;
      const status = await u.put(seq, options.bodies[seq % options.bodies.length]!).catch(() => 0);
      if (status === 200 || status === 201) {
        u.nextSeq++;
        q.pending--;
        totals.bytes += options.chunkBytes;
        totals.chunks++;
      } else if (status === 0 || status === 429 || status >= 500) {
        // the page sends it again after a wait (busy server, network)
        totals.retried++;
        await new Promise((r) => setTimeout(r, 500));
      } else {
        totals.errors.push(`chunk ${seq}: HTTP ${status}`);
        return;
      }
    }
  };
  uploaders.forEach((u, i) => {
    const q = queues[i]!;
    const record = () => {
      q.pending++;
      q.running ??= drain(u, q).finally(() => (q.running = null));
    };
    timers.push(
      setTimeout(() => running && timers.push(setInterval(record, intervalMs)), (i / uploaders.length) * intervalMs),
    );
  });
  return {
    totals,
    async stop(): Promise<{ backlogChunks: number }> {
      running = false;
      timers.forEach((t) => clearTimeout(t));
      await Promise.all(queues.map((q) => q.running));
      return { backlogChunks: queues.reduce((n, q) => n + q.pending, 0) };
    },
  };
}
