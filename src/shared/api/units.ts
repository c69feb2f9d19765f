import { z } from 'zod';
import { Day, Id } from './common.js';
import { UNIT_KINDS } from './enums.js';

/** Answers of the unit routes (features/units/routes.ts), read by the web app (web/api/reference.ts). */

export const Unit = z.object({
  id: Id,
  code: z.string(),
  name: z.string(),
  kind: z.enum(UNIT_KINDS),
  parentId: Id.nullable(),
  path: z.string(),
  active: z.boolean(),
  successorId: Id.nullable(),
  /** First day the unit existed (null: before the product's history). */
  validFrom: Day.nullable(),
  /** Exclusive: the day the act that ended it took effect (null: it still exists). */
  validTo: Day.nullable(),
  version: z.number().int(),
});
export type Unit = z.infer<typeof Unit>;

export const MergeResult = z.object({
  unit: Unit,
  successor: Unit,
  movedTaskIds: z.array(Id),
  coordinatingTaskIds: z.array(Id),
  /** Open sub-tasks it had handed down, whose decisions pass to the successor. */
  handedDownTaskIds: z.array(Id),
  movedUnitIds: z.array(Id),
});
export type MergeResult = z.infer<typeof MergeResult>;

/** A field (lĩnh vực) tasks are classified by. */
export const Field = z.object({ code: z.string(), nameVi: z.string(), nameEn: z.string(), isPriority: z.boolean() });
export type Field = z.infer<typeof Field>;
