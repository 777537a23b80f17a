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
}

export const resultsDir = path.resolve(import.meta.dirname, '../../test-results');
export const stateFile = path.join(resultsDir, 'e2e-server.json');

export function writeState(state: E2eServerState) {
  fs.mkdirSync(resultsDir, { recursive: true });
  fs.writeFileSync(stateFile, JSON.stringify(state, null, 2));
}

export function readState(): E2eServerState {
  const fromEnv = process.env.TANDEM_E2E_BASE_URL && process.env.TANDEM_E2E_SETUP_TOKEN;
  if (fromEnv) return { baseURL: process.env.TANDEM_E2E_BASE_URL!, setupToken: process.env.TANDEM_E2E_SETUP_TOKEN! };
  return JSON.parse(fs.readFileSync(stateFile, 'utf8')) as E2eServerState;
}
