import type {
  ChatMessage,
  SupportRequest,
  SupportRequestDetail,
  VisitorRequest,
  QueueState,
} from '../../../shared/contracts/support-requests.js';
import type { Module } from '../../../shared/licence.js';
import type { Language } from '../../../shared/locales.js';
import { roleCan } from '../../../shared/permissions.js';
import type { Actor } from '../../platform/authz.js';
import type { AttachmentRow, MessageRow, RequestListRow, RequestRow } from './repository.js';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** Where an attachment is read: the console's route, or the customer's (which adds ?token=). */
export function attachmentUrl(
  side: 'console' | 'visitor',
  request: { id: string },
  attachmentId: string,
  slug?: string,
): string {
  return side === 'console'
    ? `/api/v1/support-requests/${request.id}/attachments/${attachmentId}`
    : `/api/portal/${slug}/requests/${request.id}/attachments/${attachmentId}`;
}

export function presentMessage(
  row: MessageRow,
  attachment: AttachmentRow | undefined,
  url: (attachmentId: string) => string,
): ChatMessage {
  return {
    id: row.id,
    requestId: row.requestId,
    seq: row.seq,
    clientId: row.clientId,
    author: { type: row.authorType, name: row.authorName },
    body: row.body,
    attachment: attachment
      ? {
          id: attachment.id,
          name: attachment.name,
          contentType: attachment.contentType,
          size: attachment.size,
          url: url(attachment.id),
        }
      : null,
    createdAt: row.createdAt.toISOString(),
  };
}

/** What an actor may do with a request, given the seats they hold. */
export function requestAbilities(
  actor: Actor,
  seats: ReadonlySet<Module>,
  r: Pick<RequestRow, 'status' | 'assigneeId'>,
) {
  const works = roleCan(actor.role, 'requests.answer');
  const chat = works && seats.has('remoteSupport');
  const desk = works && seats.has('serviceDesk');
  const holds = r.assigneeId === actor.userId;
  const lead = holds || actor.role === 'administrator';
  const question = r.status === 'offline' || r.status === 'answered';
  return {
    accept: chat && r.status === 'waiting',
    transfer: chat && r.status === 'active' && lead,
    chat: chat && r.status === 'active' && holds,
    assign: desk && question,
    answer: desk && question,
    close: (chat && r.status === 'active' && lead) || (desk && question),
  };
}

export function presentRequest(row: RequestListRow, actor: Actor, seats: ReadonlySet<Module>): SupportRequest {
  return {
    id: row.id,
    number: row.number,
    companyId: row.companyId,
    companyName: row.companyName,
    status: row.status,
    kind: row.kind,
    customer: {
      name: row.customerName,
      email: row.customerEmail,
      emailConfirmed: row.emailConfirmedAt !== null,
      phone: row.customerPhone,
    },
    question: row.question,
    language: row.language as Language,
    assignee: row.assigneeId && row.assigneeName !== null ? { id: row.assigneeId, name: row.assigneeName } : null,
    offlineReason: row.offlineReason,
    outcome: row.outcome,
    unread: row.unreadCount,
    createdAt: row.createdAt.toISOString(),
    acceptedAt: iso(row.acceptedAt),
    answeredAt: iso(row.answeredAt),
    closedAt: iso(row.closedAt),
    lastMessageAt: iso(row.lastMessageAt),
    abilities: requestAbilities(actor, seats, row),
  };
}

export function presentRequestDetail(
  row: RequestListRow,
  actor: Actor,
  seats: ReadonlySet<Module>,
  fieldLabels: Record<string, string>,
  queue: QueueState | null,
): SupportRequestDetail {
  return {
    ...presentRequest(row, actor, seats),
    fields: row.fields,
    fieldLabels,
    closeNotes: row.closeNotes,
    closedBy: row.closedBy && row.closedByName !== null ? { id: row.closedBy, name: row.closedByName } : null,
    customerReadSeq: row.customerReadSeq,
    technicianReadSeq: row.technicianReadSeq,
    lastSeq: row.lastSeq,
    queue,
  };
}

/** The first word of a technician's name: what customers are told. */
export const firstName = (name: string | null) => (name ? (name.trim().split(/\s+/)[0] ?? name) : null);

export function presentVisitorRequest(
  row: RequestRow,
  technicianName: string | null,
  queue: QueueState | null,
  offlineMessage: string,
): VisitorRequest {
  const offline =
    row.status === 'offline' || row.status === 'answered' || (row.status === 'closed' && row.kind === 'question');
  return {
    id: row.id,
    number: row.number,
    status: row.status,
    kind: row.kind,
    name: row.customerName,
    email: row.customerEmail,
    question: row.question,
    fields: row.fields,
    language: row.language as Language,
    queue,
    technicianName: firstName(technicianName),
    offlineMessage: offline ? offlineMessage : null,
    technicianReadSeq: row.technicianReadSeq,
    lastSeq: row.lastSeq,
    emailConfirmed: row.emailConfirmedAt !== null,
    followLinkEmailed: row.followTokenHash !== null,
    createdAt: row.createdAt.toISOString(),
    closedAt: iso(row.closedAt),
  };
}
