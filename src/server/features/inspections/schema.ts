import { z } from 'zod';
import { IsoDateString } from '../tasks/schema.js';

/** Request shapes of the inspection routes. */
const Id = z.number().int().positive().max(2_147_483_647);
export const MonthString = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'expected YYYY-MM');

export const IdParams = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) });

export const TargetsQuery = z.object({
  month: MonthString.optional(),
  weights: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const PlanInput = z
  .object({
    kind: z.enum(['monthly', 'ad_hoc']),
    title: z.string().trim().min(3).max(500),
    month: MonthString.nullish(),
    periodFrom: IsoDateString,
    periodTo: IsoDateString,
    startsOn: IsoDateString,
    endsOn: IsoDateString,
    leaderUserId: Id,
    memberUserIds: z.array(Id).max(50).default([]),
    units: z
      .array(z.object({ unitId: Id, scheduledOn: IsoDateString.nullish() }))
      .min(1)
      .max(100),
    /** The targeting list the plan came from: month and weights, so it can be recomputed. */
    targeting: z.object({ month: MonthString, weights: z.string().max(200).optional() }).nullish(),
  })
  .refine((p) => p.kind === 'ad_hoc' || !!p.month, { message: 'a monthly plan needs its month', path: ['month'] });
export type PlanInput = z.infer<typeof PlanInput>;

export const PlanUpdate = z.object({
  version: z.number().int().positive(),
  title: z.string().trim().min(3).max(500),
  periodFrom: IsoDateString,
  periodTo: IsoDateString,
  startsOn: IsoDateString,
  endsOn: IsoDateString,
  leaderUserId: Id,
  memberUserIds: z.array(Id).max(50).default([]),
  units: z
    .array(z.object({ unitId: Id, scheduledOn: IsoDateString.nullish() }))
    .min(1)
    .max(100),
});
export type PlanUpdate = z.infer<typeof PlanUpdate>;

export const ResponsibilityInput = z.object({
  personName: z.string().trim().min(2).max(200),
  position: z.string().trim().max(200).nullish(),
  fault: z.string().trim().min(3).max(5000),
  measure: z.string().trim().max(2000).nullish(),
});

export const RecommendationInput = z.object({
  content: z.string().trim().min(3).max(5000),
  deadline: IsoDateString,
  fieldCode: z.string().max(50).nullish(),
});
export type RecommendationInput = z.infer<typeof RecommendationInput>;

export const RecordUpdate = z.object({
  version: z.number().int().positive(),
  inspectedOn: IsoDateString.nullish(),
  findings: z.string().trim().max(50_000).default(''),
  conclusion: z.string().trim().max(50_000).default(''),
  responsibilities: z.array(ResponsibilityInput).max(100).default([]),
  /** Only recommendations not yet turned into tasks can be edited; the list replaces them. */
  recommendations: z.array(RecommendationInput).max(100).default([]),
});
export type RecordUpdate = z.infer<typeof RecordUpdate>;

export const ConcludeInput = z.object({
  version: z.number().int().positive(),
  conclusionNumber: z.string().trim().min(3).max(100),
  concludedOn: IsoDateString,
  /** Who assigns the follow-up tasks: Sở Nội vụ (default) or the City People's Committee. */
  assigner: z.enum(['home_affairs', 'city']).default('home_affairs'),
});
export type ConcludeInput = z.infer<typeof ConcludeInput>;

export const Versioned = z.object({ version: z.number().int().positive() });

export const RecordListQuery = z.object({
  planId: z.coerce.number().int().positive().optional(),
  unitId: z.coerce.number().int().positive().optional(),
  status: z.enum(['draft', 'concluded']).optional(),
  published: z.enum(['true', 'false']).optional(),
  month: MonthString.optional(),
  q: z.string().trim().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type RecordListQuery = z.infer<typeof RecordListQuery>;

export const BriefingQuery = z.object({
  month: MonthString.optional(),
  format: z.enum(['json', 'docx', 'pdf']).default('json'),
  /** A configured signer of briefings (default: the kind's default signer). */
  signerId: z.coerce.number().int().positive().max(2_147_483_647).optional(),
  /** The report's number and symbol, e.g. "45/BC-SNV" (default: left blank for the registry). */
  numberSymbol: z.string().trim().max(100).optional(),
});
