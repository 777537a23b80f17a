import { randomBytes } from 'node:crypto';
import os from 'node:os';
import type WebSocket from 'ws';
import { inBatches } from '../lib/batches.js';
import { runOnServerCore, startBaselineServer } from '../lib/child.js';
import { cpuSeconds, postgresCpuSeconds, postmasterPid } from '../lib/cpu.js';
import { ratioOf, type Measure, type Scenario } from '../lib/scenario.js';
import { chunkUploader, openRelayPair, openTandemPair, sessionFixture } from '../lib/session-load.js';
import { signallingTraffic, uploadTraffic, type SignalPair } from '../lib/session-traffic.js';

const chunkBytes = 256 * 1024;
/** a recorded shared screen: about 0.2 MB/s per session */
const bytesPerSession = 0.2 * 2 ** 20;
const MB = 2 ** 20;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** CPU seconds per second of each reader over `seconds`. */
async function cpuOver(seconds: number, readers: Record<string, () => number>): Promise<Record<string, number>> {
  const before = Object.fromEntries(Object.entries(readers).map(([k, read]) => [k, read()]));
  const started = performance.now();
  await sleep(seconds * 1000);
  const elapsed = (performance.now() - started) / 1000;
  return Object.fromEntries(Object.entries(readers).map(([k, read]) => [k, (read() - before[k]!) / elapsed]));
}

/** CPU seconds per second for `sessions` → % of one core per 100 sessions (= 10 × ms of CPU per second per session). */
const perHundred = (cpuPerSecond: number, sessions: number) => (cpuPerSecond / sessions) * 100 * 100;

/**
 * P13 — Tandem's CPU per active session, without browsers. Each session is what the two pages do:
 * the technician's console live socket watching it and the customer's session socket, negotiating
 * (offer, answer, ten candidates a side and their end; again every 30 s, as an ICE restart) and
 * pinging; then the technician's page also uploading the recording (256 KiB chunk PUTs at
 * 0.2 MB/s per session). Tandem's process and its embedded PostgreSQL are measured apart over a
 * steady window, their idle CPU (no session open) taken off, per session. The upload's share is
 * its CPU per byte the server took, times the rate offered (when the server cannot take it all,
 * the row says what the sessions would cost, and the last row how much was taken). Baselines in
 * the same run: a bare `ws` relay carrying the same frames, and raw single-row INSERTs of the same
 * bytes at the same rate (the inserting process, and PostgreSQL meanwhile), per byte likewise.
 */
export const sessionsCpuScenario: Scenario = {
  id: 'P13',
  title: 'CPU per active session: signalling, then signalling + recording upload; ÷ a bare ws relay and raw INSERTs',
  async run(ctx) {
    const sizes = ctx.smoke ? [5] : [50, 200];
    const seconds = ctx.smoke ? ctx.seconds : 30;
    const settleMs = ctx.smoke ? 500 : 5000;
    const fixture = await sessionFixture(ctx, Math.max(...sizes));
    const relay = await startBaselineServer('bench/baselines/ws-relay.ts');
    const sockets: WebSocket[] = [];
    try {
      const postmaster = ctx.databaseUrl ? null : postmasterPid(fixture.tandem.dataDir);
      const readers = {
        tandem: () => cpuSeconds(fixture.tandem.pid),
        postgres: () => (postmaster ? postgresCpuSeconds(postmaster) : NaN),
      };
      await sleep(settleMs); // what follows the start (the chats' acceptance) done
      const idle = await cpuOver(seconds, readers);
      ctx.log(
        `  idle (no session open): Tandem ${(idle.tandem! * 100).toFixed(1)} %, PostgreSQL ${(idle.postgres! * 100).toFixed(1)} % of a core; load average ${os
          .loadavg()
          .map((l) => l.toFixed(1))
          .join(' ')}`,
      );
      const bodies = Array.from({ length: 8 }, () => randomBytes(chunkBytes));
      const uploaders = fixture.sessions.map((s) => chunkUploader(fixture, s));
      const errors: string[] = [];
      const tandemPairs: SignalPair[] = [];
      const relayPairs: SignalPair[] = [];
      const measures: Measure[] = [];

      for (const n of sizes) {
        const opening = fixture.sessions.slice(tandemPairs.length, n);
        tandemPairs.push(...(await inBatches(opening, 10, (s) => openTandemPair(fixture, s, sockets, errors))));
        relayPairs.push(
          ...(await inBatches(
            opening.map((_, i) => relayPairs.length + i),
            10,
            (i) => openRelayPair(relay.port, i, sockets, errors),
          )),
        );
        const offered = n * bytesPerSession;

        // Tandem: signalling, then signalling and uploads
        const signalling = signallingTraffic(tandemPairs.slice(0, n));
        await sleep(settleMs);
        const a = await cpuOver(seconds, readers);
        const uploads = uploadTraffic(uploaders.slice(0, n), { bytesPerSecond: bytesPerSession, chunkBytes, bodies });
        await sleep(settleMs);
        const uploadedBefore = uploads.totals.bytes;
        const b = await cpuOver(seconds, readers);
        const taken = (uploads.totals.bytes - uploadedBefore) / seconds;
        const { backlogChunks } = await uploads.stop();
        const signals = await signalling.stop();
        if (uploads.totals.errors.length)
          throw new Error(`uploads failed: ${uploads.totals.errors.slice(0, 3).join('; ')}`);
        if (errors.length) throw new Error(`refused frames: ${errors.slice(0, 3).join('; ')}`);

        // baselines: the same frames through a bare relay; the same bytes inserted raw
        const bare = signallingTraffic(relayPairs.slice(0, n));
        await sleep(settleMs);
        const r = await cpuOver(seconds, { relay: () => cpuSeconds(relay.pid) });
        const bareSignals = await bare.stop();
        const raw = await runOnServerCore<{
          seconds: number;
          bytes: number;
          cpuSeconds: number;
          postgresCpuSeconds: number | null;
        }>('bench/baselines/chunk-insert-rate.ts', [
          fixture.tandem.databaseUrl,
          String(seconds),
          String(offered),
          String(chunkBytes),
          ...(postmaster ? [String(postmaster)] : []),
        ]);
        const rawApp = raw.cpuSeconds / raw.seconds;
        const rawPostgres =
          raw.postgresCpuSeconds === null ? NaN : raw.postgresCpuSeconds / raw.seconds - idle.postgres!;

        const sig = { tandem: a.tandem! - idle.tandem!, postgres: a.postgres! - idle.postgres! };
        const all = { tandem: b.tandem! - idle.tandem!, postgres: b.postgres! - idle.postgres! };
        const up = { tandem: b.tandem! - a.tandem!, postgres: b.postgres! - a.postgres! };
        const ms = (cpu: number) => ((cpu / n) * 1000).toFixed(3);
        const perMB = (cpu: number, rate: number) => ((cpu / (rate / MB)) * 1000).toFixed(0);
        ctx.log(
          `  ${n} sessions, signalling (${signals.negotiations} negotiations, ${signals.heard}/${signals.sent} signals heard): ` +
            `Tandem ${ms(sig.tandem)} ms/s per session, PostgreSQL ${ms(sig.postgres)}; bare relay ${ms(r.relay!)} ` +
            `(${bareSignals.heard}/${bareSignals.sent} heard)`,
        );
        ctx.log(
          `  ${n} sessions, + upload: offered ${(offered / MB).toFixed(1)} MB/s, taken ${(taken / MB).toFixed(1)} MB/s, backlog ${backlogChunks} chunks, ${uploads.totals.retried} PUTs answered busy and sent again; ` +
            `Tandem ${ms(all.tandem)} ms/s per session, PostgreSQL ${ms(all.postgres)}; ` +
            `the upload alone ${perMB(up.tandem, taken)} + ${perMB(up.postgres, taken)} ms per MB; ` +
            `raw INSERTs ${(raw.bytes / raw.seconds / MB).toFixed(1)} MB/s: ${perMB(rawApp, raw.bytes / raw.seconds)} + ${perMB(rawPostgres, raw.bytes / raw.seconds)} ms per MB`,
        );
        // the upload's cost per byte taken, at the rate offered: the same figure as measured when
        // the server keeps up, and what the sessions would cost when it does not
        const rawRate = raw.bytes / raw.seconds;
        const atOffered = (cpu: number, rate: number) => (cpu / rate) * offered;
        const row = (metric: string, figure: number, baseline: number | null): Measure => ({
          metric,
          figure: perHundred(figure, n),
          unit: '% core/100 sessions',
          baseline: baseline === null ? null : perHundred(baseline, n),
          ratio: baseline === null ? null : ratioOf(figure, baseline),
          judged: 'none',
          target: { op: '<=', value: 100 },
        });
        measures.push(
          row(`${n} sessions, signalling: Tandem CPU ÷ bare ws relay`, sig.tandem, r.relay!),
          row(`${n} sessions, signalling: PostgreSQL CPU (reported)`, sig.postgres, null),
          row(
            `${n} sessions, signalling + upload 0.2 MB/s: Tandem CPU ÷ relay + raw inserter`,
            sig.tandem + atOffered(up.tandem, taken),
            r.relay! + atOffered(rawApp, rawRate),
          ),
          row(
            `${n} sessions, signalling + upload 0.2 MB/s: PostgreSQL CPU ÷ during raw INSERTs`,
            sig.postgres + atOffered(up.postgres, taken),
            atOffered(rawPostgres, rawRate),
          ),
          {
            metric: `${n} sessions, recording upload MB/s taken ÷ offered`,
            figure: taken / MB,
            unit: 'MB/s',
            baseline: offered / MB,
            ratio: ratioOf(taken, offered),
            judged: 'none',
            target: { op: '>=', value: 0 },
          },
        );
      }
      return measures;
    } finally {
      sockets.forEach((s) => s.terminate());
      await relay.stop();
      await fixture.close();
    }
  },
};
