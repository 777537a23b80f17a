import { createHash } from 'node:crypto';
import { limits } from '../../shared/limits.js';
import type { AgentScriptResult } from '../../shared/contracts/device-scripts.js';
import { backoffDelay } from '../../shared/backoff.js';
import { Refused, reportScript, startScript } from '../client.js';
import type { GrantVerifier } from '../remote/grant-verifier.js';
import { setTimeout as sleep } from 'node:timers/promises';
import { executeScript, type ScriptJob, type ScriptOutcome } from './execute.js';
import { ScriptGrantChecker } from './script-grants.js';

export interface ScriptRunnerOptions {
  server: string;
  credential: string;
  deviceId: string;
  log: (line: string) => void;
  /** tests and the bench: another way to run a script */
  execute?: (job: ScriptJob) => Promise<ScriptOutcome>;
  /** a report that could not be delivered is tried again this many times (with backoff) */
  reportTries?: number;
  backoff?: { baseMs: number; capMs: number };
}

/** Results remembered (ran here, reported or not), so a grant sent again never runs a part twice. */
const remembered = 1000;

/**
 * A device's parts of script runs: a `script.run` grant checked (`ScriptGrantChecker`), the text
 * taken once from the server (`/start`: 409 when already taken) and checked against the signed
 * hash, run (`executeScript`), and reported, tried again with backoff until the server has it. Each
 * result id runs at most once in this process, and the server refuses to hand out a part twice.
 */
export class ScriptRunner {
  readonly #checker: ScriptGrantChecker;
  readonly #seen = new Set<string>();

  constructor(
    private readonly options: ScriptRunnerOptions,
    verifier: GrantVerifier,
  ) {
    this.#checker = new ScriptGrantChecker(verifier, options.deviceId);
  }

  /** Handles a `script.run` frame's grant; never throws. */
  async handle(grant: string): Promise<void> {
    const { log } = this.options;
    const check = this.#checker.check(grant);
    if (!check.ok) {
      log(`script grant refused (${check.reason})`);
      return;
    }
    const { resultId, runId, shell, timeoutSeconds, bodySha256 } = check.payload;
    if (this.#seen.has(resultId)) return;
    this.#remember(resultId);
    let body: string;
    try {
      body = (await startScript(this.options.server, this.options.credential, resultId)).body;
    } catch (error) {
      // taken already, over, or the server unreachable: the server sends it again after a reconnection
      this.#seen.delete(resultId);
      log(`script ${resultId}: not taken (${(error as Error).message})`);
      return;
    }
    let outcome: ScriptOutcome;
    if (createHash('sha256').update(body, 'utf8').digest('hex') !== bodySha256) {
      outcome = {
        status: 'failed',
        exitCode: null,
        output: 'The script text does not match its signed hash: not run.\n',
        truncated: false,
      };
    } else {
      log(`script run ${runId}: running ${shell} script (result ${resultId}, timeout ${timeoutSeconds} s)`);
      const execute = this.options.execute ?? executeScript;
      outcome = await execute({ shell, body, timeoutSeconds, maxBytes: limits.scriptOutputBytes });
    }
    log(`script run ${runId}: ${outcome.status}${outcome.exitCode === null ? '' : ` (exit code ${outcome.exitCode})`}`);
    await this.#report(resultId, outcome);
  }

  async #report(resultId: string, outcome: AgentScriptResult): Promise<void> {
    const tries = this.options.reportTries ?? 10;
    const backoff = this.options.backoff ?? { baseMs: 1000, capMs: 60_000 };
    for (let attempt = 0; attempt < tries; attempt += 1) {
      try {
        await reportScript(this.options.server, this.options.credential, resultId, outcome);
        return;
      } catch (error) {
        if (error instanceof Refused) {
          this.options.log(`script ${resultId}: report refused (${error.message})`);
          return;
        }
        await sleep(backoffDelay(attempt, { ...backoff, jitter: 'full' }));
      }
    }
    this.options.log(`script ${resultId}: the report could not be delivered`);
  }

  #remember(resultId: string): void {
    this.#seen.add(resultId);
    if (this.#seen.size > remembered) {
      const oldest = this.#seen.values().next().value;
      if (oldest !== undefined) this.#seen.delete(oldest);
    }
  }
}
