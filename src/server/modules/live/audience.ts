import type { DomainEvent, DomainEventType } from '../../../shared/events.js';
import type { Permission } from '../../../shared/permissions.js';
import { roleCan } from '../../../shared/permissions.js';
import { type Actor, hasCompanyAccess } from '../../platform/authz.js';

/** The permission a user needs to be told of each kind of event. */
const neededPermission: Record<DomainEventType, Permission> = {
  'device.enrolled': 'devices.read',
  'device.online': 'devices.read',
  'device.offline': 'devices.read',
  'licence.device_limit_reached': 'seats.update',
  'licence.seat_limit_reached': 'seats.update',
  'request.created': 'requests.read',
  'request.accepted': 'requests.read',
  'request.closed': 'requests.read',
  'question.created': 'requests.read',
  'question.answered': 'requests.read',
  'session.started': 'sessions.read',
  'session.ended': 'sessions.read',
  'script.result': 'devices.control',
  'auth.signin_throttled': 'audit.read',
};

/**
 * Whether a connected user may see an event: same account, the permission its kind needs, and
 * access to its company. Account-wide events (no company) go to those who see every company.
 */
export function mayReceive(actor: Actor, event: Pick<DomainEvent, 'accountId' | 'companyId' | 'type'>): boolean {
  if (actor.accountId !== event.accountId) return false;
  const permission = neededPermission[event.type];
  if (!permission || !roleCan(actor.role, permission)) return false;
  return event.companyId === null ? actor.allCompanies : hasCompanyAccess(actor, event.companyId);
}
