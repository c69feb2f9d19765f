import { z } from 'zod';
import { Day, Id, PersonRef, Timestamp, UnitRef, page } from './common.js';
import { DEADLINE_KINDS, EXTENSION_STATES, STATUS_CATEGORIES, TASK_ACTIONS, TASK_STATES } from './enums.js';

/** Answers of the task routes (features/tasks/routes.ts), read by the web app (web/api/tasks.ts). */

export const TaskSummary = z.object({
  id: Id,
  content: z.string(),
  documentId: Id.nullable(),
  documentNumber: z.string().nullable(),
  assignerUnit: UnitRef,
  leadUnit: UnitRef,
  coordinatingUnits: z.array(UnitRef),
  fieldCode: z.string().nullable(),
  isKey: z.boolean(),
  deadlineKind: z.enum(DEADLINE_KINDS),
  /** The deadline as it stood on the list's as-of date. */
  deadline: Day.nullable(),
  /** The deadline today, after every approved extension. */
  currentDeadline: Day.nullable(),
  originalDeadline: Day.nullable(),
  assignedOn: Day,
  state: z.enum(TASK_STATES),
  progress: z.number(),
  status: z.enum(STATUS_CATEGORIES).nullable(),
  daysOverdue: z.number().int(),
  extensionCount: z.number().int(),
  urgeCount: z.number().int(),
  lastProgressOn: Day.nullable(),
  assigneeUserId: Id.nullable(),
  completedOn: Day.nullable(),
  version: z.number().int(),
  parentId: Id.nullable(),
  periodLabel: z.string().nullable(),
});
export type TaskSummary = z.infer<typeof TaskSummary>;

export const TaskPage = page(TaskSummary).extend({ asOf: Day });
export type TaskPage = z.infer<typeof TaskPage>;

export const TimelineEvent = z.object({
  id: Id,
  kind: z.string(),
  at: Timestamp,
  onDate: Day,
  actor: PersonRef.nullable(),
  reason: z.string().nullable(),
  data: z.record(z.string(), z.unknown()),
});
export type TimelineEvent = z.infer<typeof TimelineEvent>;

export const ExtensionRequest = z.object({
  id: Id,
  requestedOn: Day,
  currentDeadline: Day.nullable(),
  requestedDeadline: Day,
  reason: z.string(),
  status: z.enum(EXTENSION_STATES),
  decidedOn: Day.nullable(),
  decisionReason: z.string().nullable(),
});
export type ExtensionRequest = z.infer<typeof ExtensionRequest>;

/** The directive document a task comes from, as the task screen shows it. */
export const TaskDocument = z.object({
  id: Id,
  numberSymbol: z.string(),
  kind: z.string(),
  issuedOn: Day,
  summary: z.string().nullable(),
  fileId: Id.nullable(),
});

export const TaskDetail = TaskSummary.extend({
  expectedProduct: z.string().nullable(),
  paragraph: z.string().nullable(),
  workingDays: z.number().int().nullable(),
  document: TaskDocument.nullable(),
  leader: PersonRef.nullable(),
  assignee: PersonRef.nullable(),
  deadlineHistory: z.array(z.object({ effectiveOn: Day, deadline: Day.nullable() })),
  extensionRequests: z.array(ExtensionRequest),
  subtasks: z.array(TaskSummary),
  timeline: z.array(TimelineEvent),
  allowedActions: z.array(z.enum(TASK_ACTIONS)),
});
export type TaskDetail = z.infer<typeof TaskDetail>;

export const WorkBucket = z.object({ count: z.number().int(), items: z.array(TaskSummary) });
export type WorkBucket = z.infer<typeof WorkBucket>;

/** The home screen's buckets. */
export const MyWork = z.object({
  today: Day,
  toReceive: WorkBucket,
  dueThisWeek: WorkBucket,
  overdue: WorkBucket,
  extensionsToDecide: WorkBucket,
  completionsToConfirm: WorkBucket,
});
export type MyWork = z.infer<typeof MyWork>;
