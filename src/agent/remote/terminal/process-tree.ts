import { execFile } from 'node:child_process';

/** The processes below `root` (children, their children…), read from `ps`; empty when `ps` fails. */
export function descendants(root: number): Promise<number[]> {
  return new Promise((resolve) => {
    execFile('ps', ['-A', '-o', 'pid=,ppid='], { timeout: 5000, windowsHide: true }, (error, stdout) => {
      if (error) return resolve([]);
      const children = new Map<number, number[]>();
      for (const line of stdout.split('\n')) {
        const [pid, ppid] = line.trim().split(/\s+/).map(Number);
        if (!pid || ppid === undefined || Number.isNaN(ppid)) continue;
        children.set(ppid, [...(children.get(ppid) ?? []), pid]);
      }
      const found: number[] = [];
      const queue = [root];
      while (queue.length > 0) {
        for (const child of children.get(queue.shift()!) ?? []) {
          if (found.includes(child)) continue;
          found.push(child);
          queue.push(child);
        }
      }
      resolve(found);
    });
  });
}

const signal = (pid: number, name: NodeJS.Signals) => {
  try {
    process.kill(pid, name);
  } catch {
    // gone already
  }
};

/**
 * Ends a process and everything it started: on Windows `taskkill /T /F`; elsewhere the tree read
 * first (a killed parent's children are re-parented and lost from view), SIGHUP to all as a closed
 * terminal would, then SIGKILL to whatever is still there a second later.
 */
export async function killTree(root: number, platform: NodeJS.Platform = process.platform): Promise<void> {
  if (platform === 'win32') {
    await new Promise((resolve) =>
      execFile('taskkill', ['/pid', String(root), '/T', '/F'], { windowsHide: true }, resolve),
    );
    return;
  }
  const all = [root, ...(await descendants(root))];
  for (const pid of all) signal(pid, 'SIGHUP');
  await new Promise((resolve) => setTimeout(resolve, 1000));
  for (const pid of all) signal(pid, 'SIGKILL');
}
