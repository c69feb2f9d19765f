import { z } from 'zod';

/** Response shapes of the holiday-schedule routes (features/calendar/schedule-routes.ts), shared with the web app. */
export const ScheduleDay = z.object({
  date: z.string(),
  kind: z.enum(['holiday', 'makeup_workday']),
  name: z.string(),
  source: z.string(),
});

export const CalendarYear = z.object({
  year: z.number().int(),
  status: z.enum(['provisional', 'decided']),
  source: z.string(),
  decidedAt: z.string().nullable(),
  days: z.number().int(),
  officialAvailable: z.boolean(),
});

export const Recomputation = z.object({
  taskId: z.number().int(),
  version: z.number().int(),
  content: z.string(),
  leadUnitId: z.number().int(),
  leadUnitName: z.string(),
  from: z.string(),
  workingDays: z.number().int(),
  deadline: z.string(),
  computed: z.string(),
});

export const ReplaceResult = z.object({
  year: z.number().int(),
  dryRun: z.boolean(),
  added: z.array(ScheduleDay),
  removed: z.array(ScheduleDay),
  changed: z.array(z.object({ before: ScheduleDay, after: ScheduleDay })),
  recomputations: z.array(Recomputation),
});

export const RecomputationOutcome = z.object({ applied: z.array(z.number().int()), kept: z.array(z.number().int()) });

export type ScheduleDay = z.infer<typeof ScheduleDay>;
export type CalendarYear = z.infer<typeof CalendarYear>;
export type Recomputation = z.infer<typeof Recomputation>;
export type ReplaceResult = z.infer<typeof ReplaceResult>;
