import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { uploadedFile } from '../files/routes.js';
import type { AppContext } from '../../context.js';
import { hasRole, type Principal } from '../../domain/access.js';
import { Invalid, notAllowed } from '../../errors.js';
import { principalOf } from '../../http/auth-hook.js';
import { IsoDateString } from '../tasks/schema.js';
import { reviewUnitFor } from './access.js';
import { readDossierFile, type RawRow } from './dossier-parse.js';
import { applyDossierRows, listDossierStats, validateDossierRows } from './dossiers.js';

const Count = z.union([z.number().int(), z.string().max(20)]).optional();
const DossierBody = z.object({
  dryRun: z.boolean().default(false),
  rows: z
    .array(
      z.object({
        unitCode: z.string().max(50),
        fieldCode: z.string().max(50),
        periodStart: z.string().max(20),
        periodEnd: z.string().max(20),
        received: Count,
        resolvedOnTime: Count,
        resolvedLate: Count,
        pendingOnTime: Count,
        pendingOverdue: Count,
      }),
    )
    .min(1)
    .max(20_000),
});
const ImportQuery = z.object({
  dryRun: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
});
const ListQuery = z.object({
  unitId: z.coerce.number().int().positive().optional(),
  fieldCode: z.string().max(50).optional(),
  from: IsoDateString.optional(),
  to: IsoDateString.optional(),
});

function mayImport(p: Principal): void {
  if (!hasRole(p, 'admin', 'officer', 'unit_head', 'clerk')) throw notAllowed();
}

/** The one upload reader: broken bodies and files over the limit are refused the same way everywhere. */
const uploaded = uploadedFile;

/** Validates, then either reports (dry run) or writes all rows; with any bad row nothing is written (422). */
async function runImport(
  ctx: AppContext,
  p: Principal,
  raws: RawRow[],
  dryRun: boolean,
  source: 'import' | 'api',
  fileName: string | null,
  reply: FastifyReply,
) {
  if (raws.length === 0)
    throw new Invalid({ vi: 'Tệp không có dòng số liệu nào.', en: 'The file has no data rows.' }, 'file');
  const { rows, errors } = await validateDossierRows(ctx, p, raws);
  const result = { dryRun, total: raws.length, valid: rows.length, errors, preview: rows.slice(0, 100) };
  if (dryRun) return reply.send(result);
  if (errors.length) {
    const message = {
      vi: `Có ${errors.length} lỗi; chưa ghi dòng nào. Sửa tệp rồi nhập lại.`,
      en: `${errors.length} errors; nothing was written. Fix the file and import again.`,
    };
    return reply.status(422).send({
      error: {
        code: 'invalid',
        message,
        issues: errors.map((e) => ({ field: `line ${e.line}.${e.field}`, message: e.message })),
      },
      ...result,
    });
  }
  return reply.send({ ...result, ...(await applyDossierRows(ctx, p, rows, source, fileName)) });
}

/** Administrative-procedure dossier statistics: list, import from a file, or push rows by API. */
export function dossierRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['reports'];
    app.get(
      '/api/reports/dossiers',
      { schema: { tags, summary: 'Dossier statistics per unit, field and period', querystring: ListQuery } },
      async (request) => {
        const unitId = await reviewUnitFor(ctx.db, principalOf(request), request.query.unitId);
        return listDossierStats(ctx, { ...request.query, unitId });
      },
    );

    app.post(
      '/api/reports/dossiers/import',
      {
        schema: {
          tags,
          summary: 'Import dossier statistics from CSV or Excel (multipart "file"); ?dryRun=true checks only',
          querystring: ImportQuery,
        },
      },
      async (request, reply) => {
        const p = principalOf(request);
        mayImport(p);
        const file = await uploaded(request);
        const { rows, missing, unknown } = await readDossierFile(file.name, file.content);
        if (missing.length) {
          throw new Invalid(
            {
              vi: `Tệp thiếu cột: ${missing.join(', ')}${unknown.length ? ` (cột không nhận ra: ${unknown.join(', ')})` : ''}.`,
              en: `Missing columns: ${missing.join(', ')}${unknown.length ? ` (unrecognised: ${unknown.join(', ')})` : ''}.`,
            },
            'file',
          );
        }
        return runImport(ctx, p, rows, request.query.dryRun, 'import', file.name, reply);
      },
    );

    app.post(
      '/api/reports/dossiers',
      {
        schema: {
          tags,
          summary: 'Push dossier statistics rows by API (all or nothing; dryRun checks only)',
          body: DossierBody,
        },
      },
      async (request, reply) => {
        const p = principalOf(request);
        mayImport(p);
        const raws: RawRow[] = request.body.rows.map((r, i) => ({
          line: i + 1,
          unitCode: r.unitCode,
          fieldCode: r.fieldCode,
          periodStart: r.periodStart,
          periodEnd: r.periodEnd,
          received: r.received === undefined ? '' : String(r.received),
          resolvedOnTime: r.resolvedOnTime === undefined ? '' : String(r.resolvedOnTime),
          resolvedLate: r.resolvedLate === undefined ? '' : String(r.resolvedLate),
          pendingOnTime: r.pendingOnTime === undefined ? '' : String(r.pendingOnTime),
          pendingOverdue: r.pendingOverdue === undefined ? '' : String(r.pendingOverdue),
        }));
        return runImport(ctx, p, raws, request.body.dryRun, 'api', null, reply);
      },
    );
  };
}
