import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { principalOf } from '../../http/auth-hook.js';
import { CalendarYear, Recomputation, RecomputationOutcome, ReplaceResult } from '../../../shared/api/holidays.js';
import { uploadedFile } from '../files/routes.js';
import { decideRecomputations, pendingRecomputations } from './recompute.js';
import {
  applyOfficial,
  assertAdmin,
  confirmYear,
  listYears,
  readScheduleFile,
  replaceYear,
  yearCsv,
} from './schedules.js';

const YearParams = z.object({ year: z.coerce.number().int().min(1900).max(2199) });
const Source = z.string().trim().min(3).max(500);
const boolish = z
  .union([z.boolean(), z.enum(['true', 'false', '1', '0'])])
  .transform((v) => v === true || v === 'true' || v === '1');
const Id = z.number().int().positive().max(2_147_483_647);

/** The holiday table year by year: decided or provisional, import of a decided schedule, recomputed deadlines. */
export function scheduleRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['calendar'];
    app.get(
      '/api/calendar/years',
      {
        schema: {
          tags,
          summary: 'The years of the holiday table, each decided or provisional, with its source',
          response: { 200: z.array(CalendarYear) },
        },
      },
      async (request) => {
        principalOf(request);
        return listYears(ctx);
      },
    );

    app.post(
      '/api/calendar/years/:year/confirm',
      {
        schema: {
          tags,
          summary: "Confirm a provisional year's holidays as decided (admin)",
          params: YearParams,
          body: z.object({ source: Source }),
          response: { 200: CalendarYear },
        },
      },
      async (request) => confirmYear(ctx, principalOf(request), request.params.year, request.body.source),
    );

    app.post(
      '/api/calendar/years/:year/official',
      {
        schema: {
          tags,
          summary:
            'Apply the decided schedule shipped with the product to a year (admin); ?dryRun=true shows what changes',
          params: YearParams,
          querystring: z.object({ dryRun: boolish.default(true) }),
          response: { 200: ReplaceResult },
        },
      },
      async (request) => applyOfficial(ctx, principalOf(request), request.params.year, request.query.dryRun),
    );

    app.post(
      '/api/calendar/years/:year/import',
      {
        schema: {
          tags,
          summary:
            'Import a year\'s decided schedule from CSV or Excel (multipart "file": ngày, loại, tên, căn cứ) (admin)',
          params: YearParams,
          querystring: z.object({ dryRun: boolish.default(true), source: Source }),
          response: { 200: ReplaceResult },
        },
      },
      async (request) => {
        const p = principalOf(request);
        assertAdmin(p);
        const file = await uploadedFile(request);
        const days = await readScheduleFile(file.name, file.content, request.query.source);
        return replaceYear(ctx, p, request.params.year, days, {
          dryRun: request.query.dryRun,
          source: request.query.source,
          origin: 'import',
        });
      },
    );

    app.get(
      '/api/calendar/years/:year/csv',
      { schema: { tags, summary: "A year's holidays as CSV, in the import's format", params: YearParams } },
      async (request, reply) => {
        principalOf(request);
        reply
          .header('content-type', 'text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="lich-nghi-${request.params.year}.csv"`);
        return reply.send(await yearCsv(ctx, request.params.year));
      },
    );

    app.get(
      '/api/calendar/recomputations',
      {
        schema: {
          tags,
          summary: 'Open tasks whose working-day deadline the holiday table now gives differently',
          response: { 200: z.array(Recomputation) },
        },
      },
      async (request) => pendingRecomputations(ctx.db, principalOf(request)),
    );

    app.post(
      '/api/calendar/recomputations',
      {
        schema: {
          tags,
          summary: 'Apply or keep the recomputed deadlines of listed tasks (an event on each, all or nothing)',
          body: z.object({
            decisions: z
              .array(z.object({ taskId: Id, version: z.number().int().positive(), apply: z.boolean() }))
              .min(1)
              .max(500),
            reason: z.string().trim().min(3).max(2000),
          }),
          response: { 200: RecomputationOutcome },
        },
      },
      async (request) => decideRecomputations(ctx, principalOf(request), request.body.decisions, request.body.reason),
    );
  };
}
