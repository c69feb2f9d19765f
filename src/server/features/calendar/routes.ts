import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { principalOf } from '../../http/auth-hook.js';
import { IsoDateString } from '../tasks/schema.js';
import * as calendar from './service.js';

// The lunar holidays are computed for this range (domain/lunar.ts).
const Year = z.coerce.number().int().min(1900).max(2199);
const DateParams = z.object({ date: IsoDateString });
const DayBody = z.object({ kind: z.enum(['holiday', 'makeup_workday']), name: z.string().trim().min(2).max(200) });
const WorkingDaysQuery = z.object({ from: IsoDateString, days: z.coerce.number().int().min(1).max(3650) });

export function calendarRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['calendar'];
    app.get(
      '/api/calendar',
      {
        schema: {
          tags,
          summary: "A year's holidays and make-up working days",
          querystring: z.object({ year: Year.optional() }),
        },
      },
      async (request) => {
        principalOf(request);
        return calendar.listCalendarDays(ctx, request.query.year ?? Number(ctx.clock.today().slice(0, 4)));
      },
    );

    app.get(
      '/api/calendar/working-days',
      { schema: { tags, summary: 'The date n working days after a date', querystring: WorkingDaysQuery } },
      async (request) => {
        principalOf(request);
        return calendar.workingDaysDeadline(ctx, request.query.from, request.query.days);
      },
    );

    app.put(
      '/api/calendar/:date',
      {
        schema: {
          tags,
          summary: 'Set a date as a holiday or a make-up working day (admin)',
          params: DateParams,
          body: DayBody,
        },
      },
      async (request) => calendar.putCalendarDay(ctx, principalOf(request), request.params.date, request.body),
    );

    app.delete(
      '/api/calendar/:date',
      { schema: { tags, summary: 'Remove a date from the holiday table (admin)', params: DateParams } },
      async (request) => {
        await calendar.deleteCalendarDay(ctx, principalOf(request), request.params.date);
        return { ok: true };
      },
    );

    app.post(
      '/api/calendar/fill',
      {
        schema: {
          tags,
          summary: "Add the year's missing statutory holidays (admin)",
          querystring: z.object({ year: Year }),
        },
      },
      async (request) => calendar.fillStatutoryHolidays(ctx, principalOf(request), request.query.year),
    );
  };
}
