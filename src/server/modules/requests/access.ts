import type { Module } from '../../../shared/licence.js';
import { canSee } from '../../platform/access.js';
import type { Actor } from '../../platform/authz.js';

/** The kinds of request an actor may read: chats with a Remote Support seat; questions with a Service Desk seat, or as a viewer. */
export function readableKinds(actor: Actor, seats: ReadonlySet<Module>): ('chat' | 'question')[] {
  const kinds: ('chat' | 'question')[] = [];
  if (seats.has('remoteSupport')) kinds.push('chat');
  if (seats.has('serviceDesk') || actor.role === 'viewer') kinds.push('question');
  return kinds;
}

/**
 * The one rule of who may see a request, used by every REST route (through `visibleRequest`) and
 * by every live delivery: outside the actor's account or companies it is `hidden` (404, as if
 * missing); visible but of a kind the actor has no seat for, `no_seat` (403); else `visible`.
 * Pure and in memory: the live fan-out calls it for every frame it pushes.
 */
export function requestAccess(
  actor: Actor,
  seats: ReadonlySet<Module>,
  request: { accountId: string; companyId: string; kind: 'chat' | 'question' | null },
): 'visible' | 'hidden' | 'no_seat' {
  if (!canSee(actor, request)) return 'hidden';
  return readableKinds(actor, seats).includes(request.kind ?? 'chat') ? 'visible' : 'no_seat';
}
