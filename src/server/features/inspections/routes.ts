import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { principalOf } from '../../http/auth-hook.js';
import { feedbackRoutes } from '../portal/feedback-routes.js';
import { portalRoutes } from '../portal/routes.js';
import { briefingReport } from './briefing.js';
import { addRecommendation, concludeRecord } from './conclude.js';
import { createPlan, getPlan, listPlans, teamCandidates, updatePlan } from './plans.js';
import { getRecord, listRecords, setPublished, updateRecord } from './records.js';
import {
  BriefingQuery,
  ConcludeInput,
  IdParams,
  MonthString,
  PlanInput,
  PlanUpdate,
  RecommendationInput,
  RecordListQuery,
  RecordUpdate,
  TargetsQuery,
  Versioned,
} from './schema.js';
import { inspectionTargets } from './targeting.js';

/**
 * Inspection (DESIGN.md §8) under /api/inspections, and — registered from here so the feature
 * list gains one entry — the moderation API (/api/feedback) and the public portal (/portal).
 */
export function inspectionRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['inspections'];
    app.get(
      '/api/inspections/targets',
      {
        schema: {
          tags,
          summary: 'Units ranked for this month’s inspection, with the method and weights',
          querystring: TargetsQuery,
        },
      },
      async (request) => inspectionTargets(ctx, principalOf(request), request.query),
    );

    app.get(
      '/api/inspections/plans',
      {
        schema: {
          tags,
          summary: 'Inspection plans',
          querystring: z.object({
            month: MonthString.optional(),
            limit: z.coerce.number().int().min(1).max(200).default(100),
          }),
        },
      },
      async (request) => listPlans(ctx, principalOf(request), request.query),
    );
    app.post(
      '/api/inspections/plans',
      {
        schema: {
          tags,
          summary: 'Create a plan (monthly or ad hoc) with its team, units and schedule',
          body: PlanInput,
        },
      },
      async (request, reply) => {
        const p = principalOf(request);
        const { id } = await createPlan(ctx, p, request.body);
        return reply.status(201).send(await getPlan(ctx, p, id));
      },
    );
    app.get(
      '/api/inspections/people',
      {
        schema: {
          tags,
          summary: 'People who can be put on an inspection team',
          querystring: z.object({
            q: z.string().trim().max(100).optional(),
            limit: z.coerce.number().int().min(1).max(200).default(100),
          }),
        },
      },
      async (request) => teamCandidates(ctx, principalOf(request), request.query),
    );
    app.get(
      '/api/inspections/plans/:id',
      { schema: { tags, summary: 'A plan with its team and records', params: IdParams } },
      async (request) => getPlan(ctx, principalOf(request), request.params.id),
    );
    app.put(
      '/api/inspections/plans/:id',
      { schema: { tags, summary: 'Edit a plan', params: IdParams, body: PlanUpdate } },
      async (request) => updatePlan(ctx, principalOf(request), request.params.id, request.body),
    );

    app.get(
      '/api/inspections/briefing',
      {
        schema: { tags, summary: 'Monthly briefing report (giao ban): JSON, DOCX or PDF', querystring: BriefingQuery },
      },
      async (request, reply) => {
        const q = request.query;
        const report = await briefingReport(ctx, principalOf(request), q.month, q.format, {
          signerId: q.signerId,
          numberSymbol: q.numberSymbol,
        });
        if (report.kind === 'json') return report.data;
        return reply
          .header('content-type', report.mime)
          .header('content-disposition', `attachment; filename="${report.fileName}"`)
          .send(report.buffer);
      },
    );

    app.get(
      '/api/inspections',
      { schema: { tags, summary: 'Inspection records the caller may see', querystring: RecordListQuery } },
      async (request) => listRecords(ctx, principalOf(request), request.query),
    );
    app.get(
      '/api/inspections/:id',
      { schema: { tags, summary: 'An inspection record', params: IdParams } },
      async (request) => getRecord(ctx, principalOf(request), request.params.id),
    );
    app.put(
      '/api/inspections/:id',
      {
        schema: {
          tags,
          summary: 'Save findings, conclusion, responsibility and recommendations',
          params: IdParams,
          body: RecordUpdate,
        },
      },
      async (request) => updateRecord(ctx, principalOf(request), request.params.id, request.body),
    );
    app.post(
      '/api/inspections/:id/conclude',
      {
        schema: {
          tags,
          summary: 'Issue the conclusion: recommendations become tasks',
          params: IdParams,
          body: ConcludeInput,
        },
      },
      async (request) => concludeRecord(ctx, principalOf(request), request.params.id, request.body),
    );
    app.post(
      '/api/inspections/:id/recommendations',
      {
        schema: {
          tags,
          summary: 'Add a recommendation (a task at once once concluded)',
          params: IdParams,
          body: RecommendationInput,
        },
      },
      async (request) => addRecommendation(ctx, principalOf(request), request.params.id, request.body),
    );
    app.post(
      '/api/inspections/:id/publish',
      {
        schema: { tags, summary: 'Publish the conclusion on the portal (audited)', params: IdParams, body: Versioned },
      },
      async (request) => setPublished(ctx, principalOf(request), request.params.id, request.body.version, true),
    );
    app.post(
      '/api/inspections/:id/unpublish',
      {
        schema: {
          tags,
          summary: 'Withdraw the conclusion from the portal (audited)',
          params: IdParams,
          body: Versioned,
        },
      },
      async (request) => setPublished(ctx, principalOf(request), request.params.id, request.body.version, false),
    );

    await app.register(feedbackRoutes(ctx));
    await app.register(portalRoutes(ctx));
  };
}
