import { execFile } from 'node:child_process';
import { repoRoot } from '../lib/tandem-process.js';

export interface AgentLoopFigures {
  captures: number;
  /** captures that changed something and were encoded */
  frames: number;
  tiles: number;
  /** JPEG bytes encoded */
  bytes: number;
  seconds: number;
}

/**
 * The agent's capture-and-encode loop alone on an X display for `seconds`, in a process of its own
 * as the agent is (bench/pages/agent-loop-child.ts).
 */
export function measureAgentLoop(display: string, seconds: number): Promise<AgentLoopFigures> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'bench/pages/agent-loop-child.ts', String(seconds)],
      { cwd: repoRoot, env: { ...process.env, DISPLAY: display }, timeout: (seconds + 60) * 1000 },
      (error, stdout, stderr) => {
        if (error) return reject(new Error(`the agent loop failed: ${stderr || error.message}`));
        resolve(JSON.parse(stdout.trim().split('\n').pop() ?? '') as AgentLoopFigures);
      },
    );
  });
}
