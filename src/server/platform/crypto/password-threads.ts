import { Worker } from 'node:worker_threads';
import { projectPath } from '../project-root.js';

type Operation =
  | { op: 'hash'; args: [password: string, options: object] }
  | { op: 'verify'; args: [stored: string, password: string] };
interface Task {
  id: number;
  operation: Operation;
  resolve(value: unknown): void;
  reject(err: Error): void;
}

// named from the project folder: the server may run from its bundle (dist/server/main.js)
const workerFile = projectPath('src', 'server', 'platform', 'crypto', 'password-worker.mjs');

/**
 * Argon2id on a few dedicated threads of low scheduling priority (each lowers its own nice
 * value), at most `size` hashes at once. Left on the default thread pool at normal priority, a
 * sign-in flood would take every core it can and the event loop — health checks, live sockets,
 * every other request — would wait behind it. Threads start on first use and never keep the
 * process alive.
 */
export class PasswordThreads {
  private readonly idle: Worker[] = [];
  private readonly busy = new Map<Worker, Task>();
  private readonly queue: Task[] = [];
  private started = 0;
  private nextId = 1;

  constructor(readonly size: number) {}

  run<T>(operation: Operation): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ id: this.nextId++, operation, resolve: resolve as (value: unknown) => void, reject });
      this.dispatch();
    });
  }

  get queued(): number {
    return this.queue.length;
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      const worker = this.idle.pop() ?? (this.started < this.size ? this.spawn() : undefined);
      if (!worker) return;
      const task = this.queue.shift()!;
      this.busy.set(worker, task);
      worker.ref();
      worker.postMessage({ id: task.id, ...task.operation });
    }
  }

  private spawn(): Worker {
    this.started++;
    const worker = new Worker(workerFile);
    worker.on('message', (message: { id: number; result?: unknown; error?: string }) => {
      const task = this.busy.get(worker);
      this.busy.delete(worker);
      worker.unref();
      this.idle.push(worker);
      if (task) {
        if (message.error !== undefined) task.reject(new Error(message.error));
        else task.resolve(message.result);
      }
      this.dispatch();
    });
    worker.on('error', (err) => this.lose(worker, err));
    worker.on('exit', (code) => this.lose(worker, new Error(`password thread exited with ${code}`)));
    return worker;
  }

  /** A thread that died fails its task; another starts for the next one. */
  private lose(worker: Worker, err: Error): void {
    const task = this.busy.get(worker);
    this.busy.delete(worker);
    const at = this.idle.indexOf(worker);
    if (at >= 0) this.idle.splice(at, 1);
    else if (!task) return;
    this.started--;
    task?.reject(err);
    this.dispatch();
  }
}
