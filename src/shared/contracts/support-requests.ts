/**
 * Support requests: what a customer asks from a portal, the live chat that follows or the offline
 * question it becomes, and technicians' presence.
 *
 * Life of a request (PRODUCT.md §2):
 *   waiting → active (a technician accepted) → closed
 *   waiting → offline (nobody available, outside hours, or the wait timeout) → answered → closed
 * A customer's reply to an answered question puts it back to `offline` (awaiting an answer).
 *
 * Customers hold no account: creating a request returns a private **visitor token** (shown once,
 * stored hashed). They send it as the `X-Visitor-Token` header on the public API, and as the
 * `token` query parameter when opening their WebSocket (browsers cannot set headers there). The
 * e-mailed follow link is `/portal/{slug}/requests/{id}#t={token}`: the fragment never reaches a
 * server or a log.
 *
 * Routes (request and response schemas below; portals.ts for the portal itself):
 *   public (customers)
 *     GET  /api/portal/{slug}                                  publicPortalSchema
 *     GET  /api/portal/{slug}/logo                             the company logo
 *     POST /api/portal/{slug}/requests                         createRequestBody → 201 createRequestResponse
 *     GET  /api/portal/{slug}/requests/{id}                    visitorRequestSchema        (X-Visitor-Token)
 *     GET  /api/portal/{slug}/requests/{id}/messages           messagesQuery → messagesResponse
 *     POST /api/portal/{slug}/requests/{id}/messages           sendMessageBody → 201 chatMessageSchema (200 on resend)
 *     POST /api/portal/{slug}/requests/{id}/attachments?name=  raw body (Content-Type) → 201 attachmentSchema
 *     GET  /api/portal/{slug}/requests/{id}/attachments/{attachmentId}?token=   the file
 *     GET  /api/portal/{slug}/requests/{id}/socket?token=      WebSocket, frames in src/shared/realtime.ts
 *   console (/api/v1)
 *     GET   /companies/{id}/portal, PATCH /companies/{id}/portal     portalSchema, updatePortalBody
 *     GET   /support-requests?view=&companyId=&q=&limit=&cursor=     list of supportRequestSchema
 *     GET   /support-requests/{id}                                   supportRequestDetailSchema
 *     GET   /support-requests/{id}/messages?afterSeq=&limit=         messagesResponse (the transcript)
 *     POST  /support-requests/{id}/messages                          sendMessageBody → chatMessageSchema (active chat you hold)
 *     POST  /support-requests/{id}/attachments?name=                 raw body → 201 attachmentSchema
 *     GET   /support-requests/{id}/attachments/{attachmentId}        the file
 *     POST  /support-requests/{id}/accept                            → supportRequestDetailSchema | 409 acceptConflictDetails
 *     POST  /support-requests/{id}/transfer   transferBody           → supportRequestDetailSchema
 *     POST  /support-requests/{id}/close      closeBody              → supportRequestDetailSchema
 *     POST  /support-requests/{id}/assign     assignBody             → supportRequestDetailSchema (Service Desk)
 *     POST  /support-requests/{id}/answer     answerBody             → supportRequestDetailSchema (Service Desk)
 *     GET   /me/presence, PUT /me/presence    updatePresenceBody     → presenceSchema
 *     GET   /presence?companyId=                                     presenceListResponse
 *   technician frames: `support.*` on the console live socket (src/shared/realtime.ts)
 */
import { z } from 'zod';
import { coded } from '../field-problems.js';
import { limits } from '../limits.js';
import { languages } from '../locales.js';
import { idSchema, pageQuery, timestamp } from './common.js';
import { storable } from './storable-text.js';
import { patterns } from '../patterns.js';

export const requestStatuses = ['waiting', 'active', 'offline', 'answered', 'closed'] as const;
export type RequestStatus = (typeof requestStatuses)[number];

/** `chat`: it reached the live queue and was accepted; `question`: it became an offline question. */
export const requestKinds = ['chat', 'question'] as const;

export const closeOutcomes = ['resolved', 'unresolved', 'unknown'] as const;
export type CloseOutcome = (typeof closeOutcomes)[number];

/** Why a request went offline. */
export const offlineReasons = ['no_technician', 'outside_hours', 'wait_timeout', 'portal_closed'] as const;

export const presenceStatuses = ['available', 'busy', 'away'] as const;
export type PresenceStatus = (typeof presenceStatuses)[number];

// --- messages -------------------------------------------------------------------------------------

/** Chosen by the sender (a UUID is best): resending the same id never stores a message twice. */
export const clientMessageIdSchema = z
  .string()
  .min(1)
  .max(limits.clientMessageId)
  .regex(patterns.clientId.regex, { message: 'Use letters, digits, - and _' });

/** Also checked in WebSocket frames (they skip the HTTP validator): text PostgreSQL can store. */
export const messageBodySchema = storable(
  z
    .string()
    .trim()
    .max(limits.chatMessage, { message: `At most ${limits.chatMessage} characters` }),
);

export const attachmentSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  contentType: z.string(),
  size: z.number().int(),
  /** relative URL; the customer side adds `?token=` (the console sends its session) */
  url: z.string(),
});
export type Attachment = z.infer<typeof attachmentSchema>;

/**
 * One message of a request. `seq` numbers the request's messages 1, 2, 3… with no gap: clients
 * keep the highest they have and ask for what follows after a reconnect.
 */
export const chatMessageSchema = z.object({
  id: z.uuid(),
  requestId: z.uuid(),
  seq: z.number().int().positive(),
  clientId: z.string().nullable(),
  author: z.object({
    type: z.enum(['customer', 'technician', 'system']),
    /** the customer's or technician's display name; null for system lines */
    name: z.string().nullable(),
  }),
  /** what was typed: plain text, always shown as text (never as markup) */
  body: z.string(),
  attachment: attachmentSchema.nullable(),
  createdAt: timestamp,
});
export type ChatMessage = z.infer<typeof chatMessageSchema>;

/** A message sent over HTTP (the follow link, the Service Desk, or a fallback to the socket). */
export const sendMessageBody = z
  .object({ clientId: clientMessageIdSchema, body: messageBodySchema.default(''), attachmentId: idSchema.optional() })
  .refine((m) => m.body.length > 0 || m.attachmentId !== undefined, {
    message: 'Write a message or attach a file',
    params: coded('empty_message'),
    path: ['body'],
  });

export const messagesQuery = z.object({
  afterSeq: z.coerce.number().int().min(0).default(0).describe('only messages with a larger seq'),
  limit: z.coerce.number().int().min(1).max(limits.transcriptPageMax).default(limits.transcriptPageMax),
});
export const messagesResponse = z.object({
  items: z.array(chatMessageSchema),
  /** the request's highest seq; more follow when it is above the last item's */
  lastSeq: z.number().int(),
});

// --- the public portal API (customers) ------------------------------------------------------------

/**
 * `POST /api/portal/{slug}/requests` — exactly PRODUCT.md §7: `{"name","email","question","fields"?}`.
 * `fields` holds the answers to the portal's fields by key: `phone` (string) and each custom
 * field (`text`: string, `choice`: one of its options, `checkbox`: boolean). Checked against
 * the portal's configuration: a required one missing, an unknown key or a wrong type is a 400
 * naming the field (`fields.<key>`). Rate-limited per address and per portal (429).
 */
export const createRequestBody = z.object({
  name: z
    .string()
    .trim()
    .min(1, { message: 'Required' })
    .max(limits.name)
    // a name goes into e-mails: no line breaks or other control characters, ever
    .regex(patterns.singleLine.regex, { message: 'A name cannot contain line breaks or control characters' }),
  email: z
    .string()
    .trim()
    .max(limits.email)
    .pipe(z.email({ message: 'Enter a valid e-mail address' }))
    .transform((e) => e.toLowerCase()),
  question: z.string().trim().min(1, { message: 'Required' }).max(limits.requestQuestion),
  fields: z
    .record(z.string().max(limits.portalFieldKey), z.union([z.string().max(limits.portalFieldValue), z.boolean()]))
    .optional(),
});
export type CreateRequestBody = z.infer<typeof createRequestBody>;

/**
 * 201: the request and the visitor token (shown once). `status` is `waiting` when it joined the
 * live queue, `offline` when it became an offline question at once (the e-mail with the private
 * link is on its way); `offlineReason` says why.
 */
export const createRequestResponse = z.object({
  id: z.uuid(),
  number: z.number().int(),
  status: z.enum(requestStatuses),
  visitorToken: z.string().describe('send as X-Visitor-Token, or ?token= on the WebSocket; shown once'),
  offlineReason: z.enum(offlineReasons).nullable(),
  /** an offline question whose private link was e-mailed (an address gets a few such e-mails a day at most) */
  followLinkEmailed: z.boolean(),
});

export const visitorRequestParams = z.object({ slug: z.string().max(limits.portalSlugMax + 16), id: idSchema });
export const visitorHeaders = z.object({ 'x-visitor-token': z.string().max(limits.visitorToken).optional() });

export const queueStateSchema = z.object({
  /** 1 = next to be taken */
  position: z.number().int().positive(),
  estimatedWaitSeconds: z.number().int().nonnegative(),
});
export type QueueState = z.infer<typeof queueStateSchema>;

/** `GET /api/portal/{slug}/requests/{id}` with the visitor token: the customer's own view. */
export const visitorRequestSchema = z.object({
  id: z.uuid(),
  number: z.number().int(),
  status: z.enum(requestStatuses),
  kind: z.enum(requestKinds).nullable().describe('null while waiting'),
  name: z.string(),
  email: z.string(),
  question: z.string(),
  fields: z.record(z.string(), z.union([z.string(), z.boolean()])),
  language: z.enum(languages),
  /** while waiting in the live queue */
  queue: queueStateSchema.nullable(),
  /** who took the chat or answers the question (first name shown to the customer) */
  technicianName: z.string().nullable(),
  /** offline or answered: the portal's offline message, in its language */
  offlineMessage: z.string().nullable(),
  /** the highest seq the technician side has read */
  technicianReadSeq: z.number().int(),
  lastSeq: z.number().int(),
  /** a follow link e-mailed to the customer was opened: answers are e-mailed in full */
  emailConfirmed: z.boolean(),
  /** a private follow link was e-mailed to the customer */
  followLinkEmailed: z.boolean(),
  createdAt: timestamp,
  closedAt: timestamp.nullable(),
});
export type VisitorRequest = z.infer<typeof visitorRequestSchema>;

// --- the console API: /api/v1/support-requests ------------------------------------------------------

/**
 * Views of `GET /api/v1/support-requests`:
 * - `new`: waiting in the live queue (Remote Support seat), oldest first;
 * - `active`: chats in progress (Remote Support seat);
 * - `mine`: open requests and questions assigned to you;
 * - `inbox`: offline questions awaiting an answer or answered (Service Desk seat; viewers read);
 * - `completed`: closed, newest first (chats need Remote Support, questions Service Desk or viewer).
 * `companyId` narrows to one company (one outside your access answers 404).
 */
export const requestViews = ['new', 'active', 'mine', 'inbox', 'completed'] as const;
export type RequestView = (typeof requestViews)[number];

export const requestListQuery = pageQuery.extend({
  view: z.enum(requestViews).default('new'),
  companyId: idSchema.optional(),
  q: z
    .string()
    .trim()
    .max(limits.search)
    .optional()
    .describe('part of the customer name, e-mail or question; or #number'),
});

export const requestAbilitiesSchema = z.object({
  accept: z.boolean(),
  transfer: z.boolean(),
  chat: z.boolean().describe('send messages in a live chat'),
  assign: z.boolean(),
  answer: z.boolean().describe('answer an offline question'),
  close: z.boolean(),
});

export const technicianRefSchema = z.object({ id: z.uuid(), name: z.string() });

/** A request in lists. Customer-typed text is plain text: show it as text. */
export const supportRequestSchema = z.object({
  id: z.uuid(),
  number: z.number().int(),
  companyId: z.uuid(),
  companyName: z.string(),
  status: z.enum(requestStatuses),
  kind: z.enum(requestKinds).nullable(),
  customer: z.object({
    name: z.string(),
    email: z.string(),
    /** the customer opened a link e-mailed to this address: answers are e-mailed in full */
    emailConfirmed: z.boolean(),
    phone: z.string().nullable(),
  }),
  question: z.string(),
  language: z.enum(languages),
  assignee: technicianRefSchema.nullable(),
  offlineReason: z.enum(offlineReasons).nullable(),
  outcome: z.enum(closeOutcomes).nullable(),
  unread: z.number().int().describe('customer messages after the technician side last read'),
  createdAt: timestamp,
  acceptedAt: timestamp.nullable(),
  answeredAt: timestamp.nullable(),
  closedAt: timestamp.nullable(),
  lastMessageAt: timestamp.nullable(),
  abilities: requestAbilitiesSchema,
});
export type SupportRequest = z.infer<typeof supportRequestSchema>;

/** `GET /api/v1/support-requests/{id}`: the request with its answers, notes and read state. */
export const supportRequestDetailSchema = supportRequestSchema.extend({
  fields: z.record(z.string(), z.union([z.string(), z.boolean()])),
  /** labels of the portal's custom fields, to show the answers */
  fieldLabels: z.record(z.string(), z.string()),
  closeNotes: z.string().nullable(),
  closedBy: technicianRefSchema.nullable(),
  customerReadSeq: z.number().int(),
  technicianReadSeq: z.number().int(),
  lastSeq: z.number().int(),
  /** while waiting */
  queue: queueStateSchema.nullable(),
});
export type SupportRequestDetail = z.infer<typeof supportRequestDetailSchema>;

/**
 * `POST /api/v1/support-requests/{id}/accept` (Remote Support seat, under capacity): the first
 * technician wins; any other gets 409 with details `{reason:'taken', by:{id,name}}`, or
 * `{reason:'not_waiting', status}` when it went offline or was closed meanwhile.
 */
export const acceptConflictDetails = z.discriminatedUnion('reason', [
  z.object({ reason: z.literal('taken'), by: technicianRefSchema.nullable() }),
  z.object({ reason: z.literal('not_waiting'), status: z.enum(requestStatuses) }),
  z.object({ reason: z.literal('over_capacity'), capacity: z.number().int() }),
]);

/** `POST …/transfer`: hand an active chat (or an open question) to another technician with access and the seat. */
export const transferBody = z.object({ userId: idSchema });

/** `POST …/close`: an active chat or an offline/answered question. */
export const closeBody = z.object({
  outcome: z.enum(closeOutcomes),
  notes: z.string().trim().max(limits.closeNotes).default(''),
});

/** `POST …/assign` (Service Desk seat): an offline question to a technician (null: unassigned). */
export const assignBody = z.object({ userId: idSchema.nullable() });

/**
 * `POST …/answer` (Service Desk seat): answers an offline question. Stored as a message, e-mailed
 * to the customer in the portal's language with the follow link; status → `answered`.
 * Idempotent by `clientId` (a resend answers with the stored message, and no second e-mail).
 */
export const answerBody = z.object({
  clientId: clientMessageIdSchema,
  body: z.string().trim().min(1, { message: 'Required' }).max(limits.chatMessage),
});

// --- presence: GET/PUT /api/v1/me/presence, GET /api/v1/presence -------------------------------------

/**
 * A technician's presence. `online`: a console live socket is open (or closed less than the
 * grace period ago). `available`: online, status `available`, a Remote Support seat, and fewer
 * active chats than `capacity` — only then do they count for the live queue.
 */
export const presenceSchema = z.object({
  userId: z.uuid(),
  name: z.string(),
  status: z.enum(presenceStatuses),
  capacity: z.number().int(),
  activeChats: z.number().int(),
  online: z.boolean(),
  available: z.boolean(),
  hasSeat: z.boolean().describe('holds a Remote Support seat'),
});
export type Presence = z.infer<typeof presenceSchema>;

export const updatePresenceBody = z
  .object({
    status: z.enum(presenceStatuses),
    capacity: z.number().int().min(1).max(limits.chatCapacityMax),
  })
  .partial()
  .refine((b) => b.status !== undefined || b.capacity !== undefined, {
    message: 'Send status or capacity',
    params: coded('empty_change'),
  });

/** `GET /api/v1/presence?companyId=`: technicians who can take that company's chats (transfer targets). */
export const presenceListQuery = z.object({ companyId: idSchema });
export const presenceListResponse = z.object({ items: z.array(presenceSchema) });

/** The attachment content types a customer or technician may send (never HTML or SVG). */
export const attachmentContentTypes = [
  'image/png',
  'image/jpeg',
  'image/webp',
  'image/gif',
  'application/pdf',
  'text/plain',
  'application/zip',
] as const;
