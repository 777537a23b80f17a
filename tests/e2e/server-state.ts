import fs from 'node:fs';
import path from 'node:path';

/** What global setup hands to the tests and to global teardown. */
export interface E2eServerState {
  baseURL: string;
  setupToken: string;
  /** Absent when the tests run against a server started by someone else. */
  pid?: number;
  dataDir?: string;
  logFile?: string;
  /** Where the suite's SMTP server writes what Tandem sends (tests/e2e/support/mailbox.ts). */
  mailDir?: string;
}

export const resultsDir = path.resolve(import.meta.dirname, '../../test-results');
export const stateFile = path.join(resultsDir, 'e2e-server.json');

export function writeState(state: E2eServerState) {
  fs.mkdirSync(resultsDir, { recursive: true });
  fs.writeFileSync(stateFile, JSON.stringify(state, null, 2));
}

export function readState(): E2eServerState {
  // Global setup also hands the URL to the test workers through the environment; its state file,
  // when it describes that same server, knows more (the data folder that createAccount needs).
  if (fs.existsSync(stateFile)) {
    const written = JSON.parse(fs.readFileSync(stateFile, 'utf8')) as E2eServerState;
    if (!process.env.TANDEM_E2E_BASE_URL || written.baseURL === process.env.TANDEM_E2E_BASE_URL) return written;
  }
  const fromEnv = process.env.TANDEM_E2E_BASE_URL && process.env.TANDEM_E2E_SETUP_TOKEN;
  // Global setup exports the URL to the workers too: its state file, which also names the data
  // folder (createAccount needs it), wins when it describes the same server.
  if (fs.existsSync(stateFile)) {
    const saved = JSON.parse(fs.readFileSync(stateFile, 'utf8')) as E2eServerState;
    if (!fromEnv || saved.baseURL === process.env.TANDEM_E2E_BASE_URL) return saved;
  }
  if (fromEnv) return { baseURL: process.env.TANDEM_E2E_BASE_URL!, setupToken: process.env.TANDEM_E2E_SETUP_TOKEN! };
  return JSON.parse(fs.readFileSync(stateFile, 'utf8')) as E2eServerState;
}
