/**
 * Domain events: what happened, recorded in the same transaction as the change that caused it
 * (`recordEvent` in src/server/platform/events). Alert rules read them; open consoles receive
 * them live. The set is closed: add a type here before emitting it.
 */
export const domainEventTypes = [
  /** an agent enrolled with a company's data key */
  'device.enrolled',
  /** a device that was offline sent a heartbeat */
  'device.online',
  /** a device missed `devices.offlineAfterMissedHeartbeats` heartbeats */
  'device.offline',
  /** an enrolment was refused because the account's device limit is reached */
  'licence.device_limit_reached',
  /** a seat assignment was refused because every seat of the module is taken */
  'licence.seat_limit_reached',
  /** a customer's request joined the live queue */
  'request.created',
  /** a technician accepted a live request */
  'request.accepted',
  /** a live request or offline question was closed */
  'request.closed',
  /** a request became an offline question (nobody available, outside hours, wait timeout) */
  'question.created',
  /** a technician answered an offline question */
  'question.answered',
  /** a customer consented and a remote-support session began */
  'session.started',
  /** a remote-support session ended (by a technician, the customer, or expiry), with its outcome */
  'session.ended',
  /** a device's part of a script run finished (succeeded, failed, timed out, unreachable) */
  'script.result',
  /** sign-ins were throttled after repeated failures */
  'auth.signin_throttled',
] as const;

export type DomainEventType = (typeof domainEventTypes)[number];

/** A recorded event as consumers receive it. `payload` is small: ids and labels, not documents. */
export interface DomainEvent {
  id: string;
  accountId: string;
  companyId: string | null;
  type: DomainEventType;
  subjectId: string | null;
  payload: Record<string, unknown>;
  occurredAt: string;
}
