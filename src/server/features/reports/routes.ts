import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.js';
import { todayInVietnam } from '../../domain/dates.js';
import { principalOf } from '../../http/auth-hook.js';
import { diffSnapshot } from './diff.js';
import { dossierRoutes } from './dossier-routes.js';
import { documentIssue } from '../settings/document-issue.js';
import { exportReview } from './export.js';
import { buildReview, inReviewTransaction, resolveReview } from './review.js';
import { Behind, ExportFormat, IdParams, IssueBody, ReportSettingsBody, ReviewQuery, TrendQuery } from './schema.js';
import { selfInspectionRoutes } from './self-inspection-routes.js';
import { getReportSettings, updateReportSettings } from './settings.js';
import { getSnapshot, issueReport, listSnapshots, reviewTasks, snapshotTasksBehind, tasksBehind } from './snapshots.js';
import { overdueTrend } from './trend.js';

/** Review reports (DESIGN.md §7): the review, the tasks behind each number, snapshots, exports. */
export function reportRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['reports'];
    app.get(
      '/api/reports/review',
      {
        schema: {
          tags,
          summary: 'Periodic review as of a cut-off, per unit, authority, field or leader',
          querystring: ReviewQuery,
        },
      },
      async (request) => {
        const p = principalOf(request);
        return inReviewTransaction(ctx, async (c) => buildReview(c, p, await resolveReview(c, p, request.query)));
      },
    );

    app.get(
      '/api/reports/review/tasks',
      {
        schema: {
          tags,
          summary: 'The tasks behind one number of the review (row key or "total", and measure)',
          querystring: ReviewQuery.extend(Behind.shape),
        },
      },
      async (request) => {
        const p = principalOf(request);
        const { key, measure, ...q } = request.query;
        return inReviewTransaction(ctx, async (c) => {
          const { rows, asOf } = await reviewTasks(c, p, await resolveReview(c, p, q));
          return tasksBehind(c.db, rows, key, measure, asOf);
        });
      },
    );

    app.get(
      '/api/reports/review/export',
      {
        schema: {
          tags,
          summary: 'The review in the official layout, as Excel or PDF',
          querystring: ReviewQuery.extend(ExportFormat.shape),
        },
      },
      async (request, reply) => {
        const p = principalOf(request);
        const { format, signerId, numberSymbol, ...q } = request.query;
        const review = await inReviewTransaction(ctx, async (c) => buildReview(c, p, await resolveReview(c, p, q)));
        const issue = await documentIssue(ctx, p, 'review', { signerId, numberSymbol });
        return exportReview(reply, review, format, ctx.clock.today(), null, issue);
      },
    );

    app.get(
      '/api/reports/trend',
      { schema: { tags, summary: 'Overdue tasks at the end of each recent month', querystring: TrendQuery } },
      async (request) => inReviewTransaction(ctx, (c) => overdueTrend(c, principalOf(request), request.query)),
    );

    app.get(
      '/api/reports',
      { schema: { tags, summary: 'Issued reports (snapshots) the caller may read' } },
      async (request) => listSnapshots(ctx, principalOf(request)),
    );

    app.post(
      '/api/reports',
      { schema: { tags, summary: 'Issue a review: freeze its numbers and the task ids behind them', body: IssueBody } },
      async (request, reply) => {
        const { title, ...q } = request.body;
        const issued = await issueReport(ctx, principalOf(request), q, title);
        return reply.status(201).send(issued);
      },
    );

    app.get(
      '/api/reports/:id',
      { schema: { tags, summary: 'An issued report, as frozen', params: IdParams } },
      async (request) => getSnapshot(ctx, principalOf(request), request.params.id),
    );

    app.get(
      '/api/reports/:id/tasks',
      {
        schema: {
          tags,
          summary: 'The frozen task ids behind one number of an issued report',
          params: IdParams,
          querystring: Behind,
        },
      },
      async (request) =>
        snapshotTasksBehind(ctx, principalOf(request), request.params.id, request.query.key, request.query.measure),
    );

    app.get(
      '/api/reports/:id/diff',
      {
        schema: {
          tags,
          summary: 'Recompute an issued report and name the tasks whose records changed since, and who changed them',
          params: IdParams,
        },
      },
      async (request) => inReviewTransaction(ctx, (c) => diffSnapshot(c, principalOf(request), request.params.id)),
    );

    app.get(
      '/api/reports/:id/export',
      {
        schema: {
          tags,
          summary: 'An issued report in the official layout, as Excel or PDF',
          params: IdParams,
          querystring: ExportFormat,
        },
      },
      async (request, reply) => {
        const p = principalOf(request);
        const snap = await getSnapshot(ctx, p, request.params.id);
        const { format, signerId, numberSymbol } = request.query;
        const issue = await documentIssue(ctx, p, 'review', { signerId, numberSymbol });
        return exportReview(reply, snap.review, format, todayInVietnam(new Date(snap.issuedAt)), snap.id, issue);
      },
    );

    app.get(
      '/api/reports/settings',
      { schema: { tags, summary: 'How review periods are cut and when overdue tasks go to the briefing' } },
      async (request) => {
        principalOf(request);
        return getReportSettings(ctx.db);
      },
    );
    app.put(
      '/api/reports/settings',
      { schema: { tags, summary: 'Change the review settings (admin)', body: ReportSettingsBody } },
      async (request) => updateReportSettings(ctx, principalOf(request), request.body),
    );

    await app.register(selfInspectionRoutes(ctx));
    await app.register(dossierRoutes(ctx));
  };
}
