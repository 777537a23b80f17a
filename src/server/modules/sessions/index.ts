/**
 * The sessions module: remote-support sessions (PRODUCT.md §10). A technician with a Remote Support
 * seat creates one for a company (a nine-digit code), or escalates a live chat; a customer enters the
 * code on a portal or the account's join page, consents, and shares their screen from the browser.
 * `signalling.ts` relays WebRTC signals between the customer's session socket and the technicians'
 * live sockets, across processes by NOTIFY; recordings arrive in numbered chunks and are made
 * seekable at the end; `jobs.ts` expires codes and applies retention.
 *
 * Its public surface: other code imports this module only from here (or its tables.ts).
 */
export { startSessionJobs } from './jobs.js';
export { sessionModuleRoutes } from './module.js';
export { insertSession, type SessionRow } from './repository.js';
export { hashSessionCode } from './codes.js';
export { assertUnderLimit, createSession, getSession, requireSeat, seatsOf } from './service.js';
// what device sessions (the remote module) build on: the same rows, timeline, notices and events
export { openStatuses, updateSession } from './repository.js';
export { recordSessionEnded, recordSessionStarted } from './session-events.js';
export { iceServersOf } from './ice-servers.js';
export { expireWaitingSessions, removeStaleSessionRows } from './sweeps.js';
export { finishAbandonedRecordings, finishRecording } from './recording-service.js';
export { applyRecordingRetention } from './recording-retention.js';
export { SharingPeerSocket } from './customer-socket.js';
export type { SignalRelay } from './signal-relay.js';
export { watchableSession } from './access.js';
export { recordSessionEvent } from './timeline.js';
export { announceSession } from './announce.js';
export { findSessionById } from './repository.js';
