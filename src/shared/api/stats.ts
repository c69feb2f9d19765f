import { z } from 'zod';
import { BilingualText, Day } from './common.js';

/** The answer of GET /api/stats (features/stats/), read by the web app (web/api/stats.ts). */

export const STATS_GROUP_BY = ['lead_unit', 'authority', 'field', 'leader'] as const;

export const StatsCounts = z.object({
  assigned: z.number().int(),
  completed: z.number().int(),
  onTime: z.number().int(),
  late: z.number().int(),
  inProgress: z.number().int(),
  overdue: z.number().int(),
  /** Tasks due by the cut-off, and the completed ones among them. */
  dueByCutoff: z.number().int(),
  completedOfDue: z.number().int(),
  /** completed ÷ (completed + overdue) */
  completionRate: z.number().nullable(),
  /** completed ÷ due by the cut-off */
  completionOfDueRate: z.number().nullable(),
  /** overdue ÷ all assigned */
  overdueRate: z.number().nullable(),
  /** on time ÷ completed */
  onTimeRate: z.number().nullable(),
});
export type StatsCounts = z.infer<typeof StatsCounts>;

export const StatsRow = StatsCounts.extend({
  key: z.union([z.string(), z.number()]).nullable(),
  code: z.string().nullable(),
  label: z.string(),
});
export type StatsRow = z.infer<typeof StatsRow>;

export const Statistics = z.object({
  asOf: Day,
  groupBy: z.enum(STATS_GROUP_BY),
  filter: z.object({
    asOf: Day,
    assignedFrom: Day.optional(),
    assignedTo: Day.optional(),
    dueFrom: Day.optional(),
    dueTo: Day.optional(),
    unitId: z.number().int().optional(),
    fieldCode: z.string().optional(),
    topLevel: z.boolean(),
  }),
  rules: z.object({
    extensionCountsAsOnTime: z.boolean(),
    deadlineOnNonWorkingDay: z.enum(['stays', 'next_working_day']).optional(),
  }),
  /** How the figures are counted, in both languages. */
  method: z.object({
    asOf: BilingualText,
    completion: BilingualText,
    extension: BilingualText,
    deadline: BilingualText,
    businessDate: BilingualText,
    rates: z.record(z.string(), BilingualText),
  }),
  rows: z.array(StatsRow),
  totals: StatsCounts,
});
export type Statistics = z.infer<typeof Statistics>;
