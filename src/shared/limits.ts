/** Input bounds shared by the API schemas and the console forms. */
export const limits = {
  name: 120,
  accountName: 120,
  email: 254,
  passwordMin: 10,
  passwordMax: 256,
  tokenName: 80,
  setupToken: 128,
  language: 8,
  timeZone: 64,
  search: 200,
  cursor: 200,
  pageSizeDefault: 50,
  pageSizeMax: 200,
  auditAction: 80,
  objectType: 40,
  objectId: 64,
  // --- companies
  companyName: 120,
  /** logo upload, in bytes */
  companyLogoBytes: 512 * 1024,
  // --- end companies
  // --- users & permissions
  invitationToken: 128,
  inviteBatch: 100,
  userCompanyIds: 1000,
  /** 1 MB: its JSON-quoted form still fits the API's 1 MiB body limit */
  csvImportBytes: 1_000_000,
  csvImportRows: 1000,
  // --- end users & permissions
  // --- portals & support requests
  portalSlugMin: 3,
  portalSlugMax: 48,
  portalTitle: 120,
  portalWelcome: 2000,
  portalFieldKey: 40,
  portalFieldLabel: 120,
  portalFieldValue: 1000,
  portalFieldOptions: 20,
  portalCustomFields: 20,
  portalHolidays: 100,
  requestQuestion: 4000,
  chatMessage: 4000,
  cannedReplyTitle: 120,
  cannedReplyShortcut: 32,
  ratingComment: 2000,
  clientMessageId: 64,
  closeNotes: 4000,
  visitorToken: 128,
  transcriptPageMax: 500,
  chatCapacityMax: 20,
  /** one WebSocket frame of the chat, in bytes */
  chatFrameBytes: 16 * 1024,
  /** one chat attachment, in bytes */
  attachmentBytes: 5 * 1024 * 1024,
  /** new requests one address may make in `submissionWindowMinutes` (all portals) */
  submissionsPerAddress: 10,
  submissionWindowMinutes: 10,
  /** new requests one portal accepts per minute (all addresses) */
  submissionsPerPortalMinute: 60,
  /**
   * e-mails of new offline questions one e-mail address receives in 24 hours (all portals of the
   * server): nobody proved the address is theirs, so a flood of questions cannot flood it
   */
  questionMailsPerAddressDay: 3,
  /** customer chat sockets open at once on one visitor token (tabs of one customer), per server process */
  chatSocketsPerToken: 5,
  /** customer chat sockets open at once from one address (every token), per server process */
  chatSocketsPerAddress: 50,
  // --- end portals & support requests
  // --- contacts, alerts, reports
  contactMethods: 20,
  methodLabel: 60,
  methodValue: 254,
  contactCompanyIds: 1000,
  verificationCode: 6,
  verificationToken: 128,
  /** wrong SMS/voice codes before a code is spent */
  verificationAttempts: 5,
  alertRuleName: 120,
  alertRecipients: 50,
  alertDelayMinutes: 1440,
  reportName: 120,
  reportRecipients: 50,
  reportCompanyIds: 1000,
  // --- end contacts, alerts, reports
  // --- devices
  deviceName: 120,
  deviceHostname: 253,
  deviceOsText: 100,
  deviceText: 200,
  deviceNotes: 4000,
  deviceTag: 40,
  deviceTags: 20,
  deviceAddresses: 64,
  deviceDisks: 64,
  deviceCredential: 100,
  dataKey: 100,
  /** devices one move may carry */
  deviceMoveBatch: 1000,
  // --- end devices
  // --- remote-support sessions
  /** how long a session's nine-digit code may be entered */
  sessionCodeMinutes: 10,
  /** wrong codes one address may enter in `sessionCodeWindowMinutes` (every portal and the join page) before 429 */
  sessionCodeFailuresPerAddress: 10,
  sessionCodeWindowMinutes: 10,
  /** how long a TURN credential issued for a session works */
  turnCredentialSeconds: 3600,
  /** one uploaded recording chunk, in bytes */
  recordingChunkBytes: 8 * 1024 * 1024,
  /** chunks of one recording (about 5 hours at one chunk every 2 seconds) */
  recordingChunks: 10_000,
  /** one snapshot image, in bytes */
  snapshotBytes: 5 * 1024 * 1024,
  /** snapshots kept with one session */
  snapshotsPerSession: 100,
  /** one signalling payload (an SDP offer or answer, an ICE candidate), in bytes of JSON */
  signalBytes: 16 * 1024,
  // --- end remote-support sessions
  // --- device scripts
  scriptName: 120,
  /** a saved script's text, in characters */
  scriptBody: 64 * 1024,
  /** the longest a script may run on a device before it is stopped */
  scriptTimeoutSecondsMax: 3600,
  /** devices one run may reach */
  scriptRunDevices: 1000,
  /** what a device's run keeps of its output (stdout and stderr together), in bytes */
  scriptOutputBytes: 64 * 1024,
  /** the longest a run waits for a device that is not connected, in minutes */
  scriptRunWaitMinutesMax: 1440,
  // --- end device scripts
} as const;
