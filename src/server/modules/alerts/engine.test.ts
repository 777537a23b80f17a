import { describe, expect, it } from 'vitest';
import { domainEventTypes } from '../../../shared/events.js';
import { concernsAlerts } from './engine.js';

describe('concernsAlerts', () => {
  it('wakes the rules for the events they act on, and not for the others', () => {
    const waking = domainEventTypes.filter(concernsAlerts);
    expect(waking).toEqual([
      'device.enrolled',
      'device.online',
      'device.offline',
      'licence.device_limit_reached',
      'licence.seat_limit_reached',
      'request.created',
      'request.accepted',
      'request.closed',
      'question.created',
      'session.started',
      'session.ended',
      'auth.signin_throttled',
    ]);
    expect(concernsAlerts('script.result')).toBe(false);
    expect(concernsAlerts('question.answered')).toBe(false);
  });
});
