import { z } from 'zod';

/** Request shapes of the task routes: validation lives beside the routes that use it. */
export const IsoDateString = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD')
  .refine(
    (s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s),
    'not a calendar date',
  )
  // Records of this system fall within these years; beyond them date arithmetic is meaningless.
  .refine((s) => s >= '1900-01-01' && s <= '2100-12-31', 'the year must be between 1900 and 2100');

export const DeadlineInput = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('fixed'), date: IsoDateString }),
  z.object({
    kind: z.literal('working_days'),
    days: z.number().int().min(1).max(365),
    /** Counted from the document's date (default) or from the day the lead unit receives the task. */
    from: z.enum(['document', 'receipt']).default('document'),
  }),
  z.object({
    kind: z.literal('periodic'),
    period: z.enum(['monthly', 'quarterly', 'half_yearly', 'yearly']),
    from: IsoDateString,
    until: IsoDateString,
    dueDay: z.number().int().min(1).max(31).optional(),
  }),
  z.object({ kind: z.literal('none') }),
]);

const Id = z.number().int().positive().max(2_147_483_647);

export const TaskInput = z.object({
  content: z.string().trim().min(3).max(5000),
  leadUnitId: Id,
  coordinatingUnitIds: z.array(Id).max(100).default([]),
  fieldCode: z.string().max(50).nullish(),
  isKey: z.boolean().default(false),
  leaderUserId: Id.nullish(),
  expectedProduct: z.string().trim().max(500).nullish(),
  paragraph: z.string().trim().max(100).nullish(),
  deadline: DeadlineInput,
});
export type TaskInput = z.infer<typeof TaskInput>;

export const TaskIdParams = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) });
export const Versioned = z.object({ version: z.number().int().positive() });
const Reason = z.string().trim().min(3).max(2000);

/** The unit's own letter behind an action: its number, its date (the business date that counts), its file. */
export const UnitDocument = z.object({
  number: z.string().trim().min(1).max(100),
  date: IsoDateString,
  fileId: Id.optional(),
});

export const ActionBodies = {
  receive: Versioned.extend({
    note: z.string().trim().max(2000).optional(),
    /** The day the unit received the task (its incoming register), if not today. */
    receivedOn: IsoDateString.optional(),
  }),
  progress: Versioned.extend({
    note: z.string().trim().min(1).max(5000),
    percent: z.number().int().min(0).max(100),
    fileIds: z.array(Id).max(20).default([]),
    document: UnitDocument.optional(),
  }),
  extension: Versioned.extend({ newDeadline: IsoDateString, reason: Reason, document: UnitDocument.optional() }),
  decide: Versioned.extend({
    reason: z.string().trim().max(2000).optional(),
    /** Accepts a request dated further back than the limit, so its date counts. */
    acceptDated: z.boolean().optional(),
  }),
  refuse: Versioned.extend({ reason: Reason }),
  completion: Versioned.extend({
    note: z.string().trim().min(1).max(5000),
    resultDocument: z.string().trim().max(200).optional(),
    fileIds: z.array(Id).max(20).default([]),
    document: UnitDocument.optional(),
  }),
  confirm: Versioned.extend({
    note: z.string().trim().max(2000).optional(),
    /** Accepts a report dated further back than the limit, so its date is the completion date. */
    acceptDated: z.boolean().optional(),
  }),
  undo: Versioned.extend({ reason: Reason }),
  causes: z.object({
    causeCodes: z.array(z.string().trim().min(1).max(50)).min(1).max(20),
    note: z.string().trim().max(2000).optional(),
  }),
  reason: Versioned.extend({ reason: Reason }),
  reassign: Versioned.extend({ leadUnitId: Id, reason: Reason }),
  comment: z.object({ text: z.string().trim().min(1).max(5000) }),
  urge: z.object({ note: z.string().trim().max(2000).optional() }),
  subtask: Versioned.extend({
    content: z.string().trim().min(3).max(5000),
    leadUnitId: Id.optional(),
    assigneeUserId: Id.optional(),
    deadline: IsoDateString.nullable(),
  }),
};

export const StatusFilter = z.enum([
  'completed_on_time',
  'completed_late',
  'in_progress_on_time',
  'in_progress_overdue',
]);

const boolish = z
  .union([z.boolean(), z.enum(['true', 'false', '1', '0'])])
  .transform((v) => v === true || v === 'true' || v === '1');

export const TaskListQuery = z.object({
  unitId: z.coerce.number().int().positive().optional(),
  subtree: boolish.default(true),
  role: z.enum(['lead', 'coordinating', 'any']).default('any'),
  fieldCode: z.string().max(50).optional(),
  authorityId: z.coerce.number().int().positive().optional(),
  documentId: z.coerce.number().int().positive().optional(),
  parentId: z.coerce.number().int().positive().optional(),
  status: StatusFilter.optional(),
  state: z
    .enum(['assigned', 'received', 'in_progress', 'completion_reported', 'completed', 'withdrawn', 'cancelled'])
    .optional(),
  asOf: IsoDateString.optional(),
  deadlineFrom: IsoDateString.optional(),
  deadlineTo: IsoDateString.optional(),
  assignedFrom: IsoDateString.optional(),
  assignedTo: IsoDateString.optional(),
  topLevel: boolish.optional(),
  /** Only tasks that count on the cut-off (assigned by then, not withdrawn or cancelled): the 'assigned' number of a report. */
  counted: boolish.optional(),
  q: z.string().trim().max(200).optional(),
  sort: z.enum(['deadline', '-deadline', 'id', '-id']).default('-id'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
});
export type TaskListQuery = z.infer<typeof TaskListQuery>;
