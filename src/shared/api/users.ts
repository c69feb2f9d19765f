import { z } from 'zod';
import { Id, UnitRef } from './common.js';

/** Answers of the user routes (features/users/routes.ts), read by the web app (web/api/reference.ts). */

/** GET /api/leaders: a leader who directs tasks. */
export const LeaderSummary = z.object({
  id: Id,
  fullName: z.string(),
  title: z.string().nullable(),
  unit: UnitRef,
  /** The fields the leader directs; empty: all. */
  fieldCodes: z.array(z.string()),
});
export type LeaderSummary = z.infer<typeof LeaderSummary>;
