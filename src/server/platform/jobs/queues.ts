/** The schema pg-boss keeps its tables in, apart from Tandem's own. */
export const jobSchema = 'tandem_jobs';

/** Every queue Tandem uses; created with the schema, at migration time. */
export const queues = {
  /** deliver one outgoing message (e-mail, SMS, voice call) */
  deliver: 'deliver',
  /** deliveries whose job itself failed for good (crashes, timeouts): their message is marked failed */
  deliverDead: 'deliver-dead',
  /** re-sends jobs of messages left behind by a crash, once a minute */
  deliverSweep: 'deliver-sweep',
  /** alert rules: delays, recoveries and missed events, once a minute */
  alertsTick: 'alerts-tick',
  /** scheduled reports that are due, once a minute */
  reportsTick: 'reports-tick',
  /** one report run (send now, or a schedule that is due) */
  reportRun: 'report-run',
} as const;
export type QueueName = (typeof queues)[keyof typeof queues];
