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
} as const;
