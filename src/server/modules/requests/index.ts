/**
 * The requests module: support requests: `submission.ts` (fields checked against the portal, rate limits per
 * address — across every portal of the server — and per portal, each counted under a transaction lock taken in
 * that order, so parallel submissions never pass them; per-account numbers from a counter row, live queue or
 * offline question), `service.ts` (views, accept by one conditional UPDATE, transfer, close, Service Desk
 * assign/answer, seats per kind), `visitor.ts` (the customer's token: visitor token or e-mailed follow token,
 * stored hashed), `messages.ts` (seq per request under the request row's lock, idempotent by client id),
 * `queue.ts` (positions and estimated waits from the database, so every process agrees; the current round of
 * accepts counts as running since the head of the queue arrived, so estimates fall as time passes), `offline.ts`
 * (e-mail with the follow link — a fixed text, nothing the customer typed, at most `questionMailsPerAddressDay`
 * a day to one address —, event), `email-proof.ts` (a follow token read proves the customer's address:
 * `email_confirmed_at`; before it, an answer's e-mail only says that an answer waits at the link), `fanout.ts`
 * (LISTEN/NOTIFY on `tandem_support` and `tandem_chat`, announced by `announce.ts`: every socket pulls messages
 * after the last seq it sent — none lost, twice or out of order; queues are pushed again on `tandem_presence`
 * notices and at every live-socket upkeep; after the LISTEN connection comes back every follower pulls,
 * customers get their status and queue again), `customer-socket.ts` (`/api/portal/{slug}/requests/{id}/socket`:
 * Origin, token and the per-token and per-address socket caps before the upgrade — counted per process; frames
 * size-, rate- and schema-checked), `access.ts` (`requestAccess`: the one rule of who may see a request, used by
 * REST's `visibleRequest` and by the fan-out before every frame it pushes to a technician — a follow that fails
 * it is dropped with `support.unfollowed`), `live-frames.ts` (`support.*` frames on the console live socket:
 * follow, typing, read state; a technician writes a message only by `POST /support-requests/{id}/messages`),
 * `sweeps.ts` (wait timeout, or nobody left to take it — no technician online, available, seated with access,
 * whatever their load — → offline question by conditional UPDATE; retention by
 * `sessions.recordingRetentionDays`; started by `start.ts`)
 *
 * Its public surface: other code imports this module only from here (or its tables.ts).
 */
export { messageChangeDelayMs } from './fanout.js';
export { queueStates } from './queue.js';
export { appendMessage } from './messages.js';
export { supportRoutes } from './module.js';
export {
  findRequest,
  insertAttachment,
  insertMessage,
  insertRequest,
  nextNumber,
  updateRequest,
} from './repository.js';
export { applyRetention, startSupportJobs, sweepWaiting } from './sweeps.js';
export { visitorSend } from './visitor.js';
