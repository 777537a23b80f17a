import { runCaptureLoop } from '../../src/agent/remote/capture-loop.js';

/**
 * `DISPLAY=:N node --import tsx bench/pages/agent-loop-child.ts <seconds>`: tandem-agent's own
 * capture-and-encode loop (src/agent/remote/capture-loop.ts) alone, no network, on the primary
 * screen at the first quality step a viewer gets, for `seconds`. Its last line is the JSON of what
 * it did.
 */
const seconds = Number(process.argv[2] ?? 10);
const result = await runCaptureLoop({ durationMs: seconds * 1000 });
console.log(JSON.stringify(result));
