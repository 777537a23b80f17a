import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { Jobs } from '../../src/server/platform/jobs/jobs.js';
import { NotifyHub } from '../../src/server/platform/realtime/notify-hub.js';
import { workers, type RunningWorker } from '../../src/server/workers.js';
import { createTestApp } from '../support/test-app.js';

const { database, config } = await createTestApp();

describe('the background workers', () => {
  it('are one list of named workers of one shape: each starts on the process context and stops', async () => {
    expect(workers.map((w) => w.name)).toEqual([
      'delivery',
      'alerts',
      'reports',
      'support sweeps',
      'offline sweep',
      'device status sampler',
      'remote sessions',
      'device sessions',
      'script runs',
      'session sweep',
    ]);
    const log = pino({ level: 'silent' });
    const hub = new NotifyHub({ url: database.url, log });
    await hub.start();
    const jobs = new Jobs({ url: database.url, log, max: 3 });
    await jobs.start();
    const transports = { email: null, sms: null, from: 'Tandem <tandem@example.test>' };
    const running: RunningWorker[] = [];
    for (const worker of workers) running.push(await worker.start({ config, database, jobs, hub, transports, log }));
    // stopped in reverse, each waiting for its work under way
    const started = Date.now();
    for (const worker of running.reverse()) await worker.stop();
    expect(Date.now() - started).toBeLessThan(10_000);
    await jobs.stop();
    await hub.stop();
  }, 30_000);
});
