import { z } from 'zod';

/** GET /api/auth/providers: how one may sign in here (the login screen asks before it draws). */
export const SignInProviders = z.object({
  /** Who may log in with a password. */
  password: z.enum(['all', 'administrators']),
  /** Single sign-on through the city's OpenID provider, when configured. */
  sso: z
    .object({
      label: z.object({ vi: z.string(), en: z.string() }),
      loginUrl: z.string(),
    })
    .nullable(),
});
export type SignInProviders = z.infer<typeof SignInProviders>;

export { SSO_FAILURES, type SsoFailureCode } from './sso-failures.js';

/** POST /api/auth/logout: `logoutUrl` is the provider's, to end its session too, when SSO opened this one. */
export const LogoutAnswer = z.object({ ok: z.literal(true), logoutUrl: z.string().optional() });
export type LogoutAnswer = z.infer<typeof LogoutAnswer>;
