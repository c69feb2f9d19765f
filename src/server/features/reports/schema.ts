import { z } from 'zod';
import { IsoDateString } from '../tasks/schema.js';
import { MEASURES } from './review-rows.js';

/** Request shapes of the report routes. */
const Id = z.coerce.number().int().positive().max(2_147_483_647);
const boolish = z.enum(['true', 'false']).transform((v) => v === 'true');

export const ReviewQuery = z.object({
  period: z.enum(['month', 'quarter', 'half', 'year']),
  year: z.coerce.number().int().min(2000).max(2100),
  index: z.coerce.number().int().min(1).max(12).default(1),
  asOf: IsoDateString.optional(),
  periodMode: z.enum(['calendar', 'official']).optional(),
  basis: z.enum(['assigned', 'due']).default('assigned'),
  groupBy: z.enum(['lead_unit', 'authority', 'field', 'leader']).default('lead_unit'),
  unitId: Id.optional(),
  fieldCode: z.string().max(50).optional(),
  rankBy: z.enum(['completionRate', 'completionOfDueRate', 'onTimeRate', 'overdueRate']).default('completionRate'),
  topLevel: boolish.default(true),
});

export const Behind = z.object({
  key: z.string().min(1).max(100),
  measure: z.enum(MEASURES),
});

export const ExportFormat = z.object({
  format: z.enum(['xlsx', 'pdf']),
  /** A configured signer of reviews (default: the kind's default signer). */
  signerId: z.coerce.number().int().positive().max(2_147_483_647).optional(),
  /** The report's number and symbol (default: left blank for the registry). */
  numberSymbol: z.string().trim().max(100).optional(),
});

export const IssueBody = ReviewQuery.extend({
  year: z.number().int().min(2000).max(2100),
  index: z.number().int().min(1).max(12).default(1),
  unitId: z.number().int().positive().optional(),
  topLevel: z.boolean().default(true),
  title: z.string().trim().min(3).max(300).optional(),
});

export const IdParams = z.object({ id: Id });

export const ReportSettingsBody = z.object({
  periodMode: z.enum(['calendar', 'official']).optional(),
  briefingUrgings: z.number().int().min(1).max(20).optional(),
});

export const TrendQuery = z.object({
  months: z.coerce.number().int().min(1).max(36).default(12),
  asOf: IsoDateString.optional(),
  unitId: Id.optional(),
  fieldCode: z.string().max(50).optional(),
});

export const SelfInspectionQuery = ReviewQuery.omit({ groupBy: true, topLevel: true }).extend({
  by: z.enum(['division', 'staff']).default('division'),
});
