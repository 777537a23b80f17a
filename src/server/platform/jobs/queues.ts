/** The schema pg-boss keeps its tables in, apart from Tandem's own. */
export const jobSchema = 'tandem_jobs';

/** Every queue Tandem uses; created with the schema, at migration time. */
export const queues = {
  /** alert rules: delays, recoveries and missed events, once a minute */
  alertsTick: 'alerts-tick',
  /** scheduled reports that are due, once a minute */
  reportsTick: 'reports-tick',
  /** one report run (send now, or a schedule that is due) */
  reportRun: 'report-run',
} as const;
export type QueueName = (typeof queues)[keyof typeof queues];

/**
 * Queues earlier versions used, deleted at migration time. Outgoing messages were delivered by a
 * job each; the outbox is its own queue now (`platform/mail/delivery-loop.ts`).
 */
export const retiredQueues = ['deliver', 'deliver-dead', 'deliver-sweep'] as const;
