/**
 * The device-scripts module: saved scripts run on one or many enrolled devices (PRODUCT.md §10's
 * device actions), each device's exit code and output kept.
 *
 * - **Scripts** (`service.ts`): name, shell (`sh`, `bash`; `powershell`, `cmd`), text (64 KiB),
 *   timeout (1 s to 1 h); account-wide or for one company; seen and run by who may control devices
 *   (`devices.control`) of its company, an account-wide one changed only by who sees every company;
 *   audited (`script.create`, `script.update`, `script.delete`).
 * - **Runs** (`run-service.ts`): a run of a script on 1–1,000 devices is checked as control is
 *   (permission, seat, every device in the caller's companies, control's consent setting per device:
 *   `ask` refuses that device's part) and audited (`script.run`); one `script_runs` row (the script as
 *   it ran) and one `script_run_results` row per device: queued → sent → running →
 *   succeeded/failed/timed_out, or unreachable/refused.
 * - **Delivery** (`delivery.ts`): NOTIFY `channels.scriptRuns`; the process holding a device's control
 *   socket (the remote module's `AgentAccess`) signs a script grant (`signForAgent`, the grant key:
 *   result, device, shell, timeout, the text's sha-256, 60 s, a nonce) and sends `script.run`; an agent
 *   connecting later gets its waiting parts after its hello. The agent takes the text once
 *   (`POST /api/agent/script-results/{id}/start`, 409 when taken) and reports once
 *   (`POST /api/agent/script-results/{id}`, the same report again changes nothing).
 * - **The sweep** (`sweep.ts`, worker `script runs`): parts past their run's wait, or running past
 *   their timeout + 2 min without a report → unreachable. Finished parts are `script.result` events.
 *
 * Its public surface: other code imports this module only from here (or its tables.ts).
 */
export { deviceScriptModuleRoutes } from './module.js';
export { startScriptSweep, sweepScriptRuns } from './sweep.js';
