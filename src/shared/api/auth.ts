import { z } from 'zod';
import { Id, Timestamp, UnitRef } from './common.js';
import { ROLES } from './enums.js';

/** Answers of the sign-in routes (features/auth/routes.ts), read by the web app (web/api/auth.ts). */

export const RoleGrant = z.object({ role: z.enum(ROLES), scopeUnitId: Id, fieldCodes: z.array(z.string()) });
export type RoleGrant = z.infer<typeof RoleGrant>;

/** The signed-in user, as login and /me give it. */
export const SessionUser = z.object({
  id: Id,
  username: z.string(),
  fullName: z.string(),
  email: z.string().nullable(),
  title: z.string().nullable(),
  locale: z.string().nullable(),
  active: z.boolean(),
  digestMail: z.boolean(),
  unit: UnitRef,
  roles: z.array(RoleGrant),
});
export type SessionUser = z.infer<typeof SessionUser>;

/** POST /api/auth/login and GET /api/auth/me: the user and the CSRF token every write sends. */
export const Session = z.object({ user: SessionUser, csrfToken: z.string().nullable() });
export type Session = z.infer<typeof Session>;

export const ApiToken = z.object({ id: Id, name: z.string(), createdAt: Timestamp, lastUsedAt: Timestamp.nullable() });
export type ApiToken = z.infer<typeof ApiToken>;

/** A new API token: `token` is shown this once. */
export const NewApiToken = z.object({ id: Id, name: z.string(), createdAt: Timestamp, token: z.string() });
export type NewApiToken = z.infer<typeof NewApiToken>;
