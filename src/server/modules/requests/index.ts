// The requests module's public surface: other code imports this module only from here (or its tables.ts).
export { messageChangeDelayMs } from './fanout.js';
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
