import { z } from 'zod';

/**
 * Building blocks of the API contract shared by the server (response schemas of the routes) and
 * the web app (`z.infer` types). The server answers what these schemas give out; the web app reads
 * exactly that. Dates are `YYYY-MM-DD` strings, moments ISO 8601 strings.
 */

/** A day, `YYYY-MM-DD`. */
export const Day = z.string();

/**
 * What a server function hands to the route for schema `T` (a moment may still be a `Date`);
 * `z.infer<T>` is what the answer carries and the web app reads.
 */
export type Answer<T extends z.ZodType> = z.input<T>;

/** A moment: the server hands a `Date` (or an ISO string), the answer carries its ISO 8601 string. */
export const Timestamp = z
  .union([z.date(), z.string()])
  .transform((v) => (typeof v === 'string' ? v : v.toISOString()))
  .pipe(z.string());

export const Id = z.number().int();

export const BilingualText = z.object({ vi: z.string(), en: z.string() });
export type BilingualText = z.infer<typeof BilingualText>;

export const UnitRef = z.object({ id: Id, code: z.string(), name: z.string() });
export type UnitRef = z.infer<typeof UnitRef>;

export const PersonRef = z.object({ id: Id, fullName: z.string() });
export type PersonRef = z.infer<typeof PersonRef>;

/** A keyset page: `nextCursor` asks for the next one. */
export const page = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });

/** `{ok: true}`: a change that answers nothing else. */
export const Ok = z.object({ ok: z.literal(true) });

/** An error answer, as http/error-handler.ts writes it. */
export const ErrorAnswer = z.object({
  error: z.object({
    code: z.string(),
    message: BilingualText,
    field: z.string().optional(),
    issues: z.array(z.object({ field: z.string(), message: BilingualText })).optional(),
  }),
});
