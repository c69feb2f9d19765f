/**
 * The reasons a single sign-on came back without a session (`/login?sso=…`). Kept apart from
 * sso.ts so the login screen reads them without loading zod.
 */
export const SSO_FAILURES = [
  'unknown_user',
  'administrator',
  'inactive',
  'username_taken',
  'expired',
  'denied',
  'failed',
  'unavailable',
] as const;
export type SsoFailureCode = (typeof SSO_FAILURES)[number];
