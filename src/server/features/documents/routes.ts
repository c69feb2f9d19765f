import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AttachedFile, DocumentDetail, DocumentPage } from '../../../shared/api/documents.js';
import type { AppContext } from '../../context.js';
import { hasRole } from '../../domain/access.js';
import { Invalid, notAllowed } from '../../errors.js';
import { principalOf } from '../../http/auth-hook.js';
import { uploadedFile } from '../files/routes.js';
import { storeFile } from '../files/service.js';
import { documentsOfRows, importDocuments, importTemplateCsv, readImportFile } from './import.js';
import { DocumentBody } from './schema.js';
import { attachDocumentFile, createDocument, getDocument, listDocuments } from './service.js';

const ImportQuery = z.object({
  dryRun: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
});
const IdParams = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) });

export function documentRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['documents'];
    app.get(
      '/api/documents',
      {
        schema: {
          tags,
          summary: 'List directive documents',
          querystring: z.object({
            q: z.string().max(200).optional(),
            issuerUnitId: z.coerce.number().int().positive().optional(),
            limit: z.coerce.number().int().min(1).max(200).default(50),
            cursor: z.coerce.number().int().positive().optional(),
          }),
          response: { 200: DocumentPage },
        },
      },
      async (request) => listDocuments(ctx, principalOf(request), request.query),
    );

    app.post(
      '/api/documents',
      {
        schema: {
          tags,
          summary: 'Register a document and the tasks it gives (all or nothing)',
          body: DocumentBody,
          response: { 201: DocumentDetail },
        },
      },
      async (request, reply) => {
        const p = principalOf(request);
        const { id } = await createDocument(ctx, p, request.body);
        return reply.status(201).send(await documentWithTasks(ctx, p, id));
      },
    );

    app.get(
      '/api/documents/import/template.csv',
      { schema: { tags, summary: 'The import template: headers and two example rows (CSV, ";"-separated, UTF-8)' } },
      async (request, reply) => {
        principalOf(request);
        return reply
          .header('content-type', 'text/csv; charset=utf-8')
          .header('content-disposition', 'attachment; filename="mau-nhap-van-ban.csv"')
          .send(importTemplateCsv());
      },
    );

    app.post(
      '/api/documents/import',
      {
        schema: {
          tags,
          summary:
            'Import documents and their tasks from CSV or Excel (multipart "file", one row per task); ?dryRun=true checks only, false writes all or nothing',
          querystring: ImportQuery,
        },
      },
      async (request, reply) => {
        const p = principalOf(request);
        if (!hasRole(p, 'officer', 'admin')) throw notAllowed();
        const file = await uploadedFile(request);
        const { rows, missing, unknown } = await readImportFile(file.name, file.content);
        if (missing.length) {
          throw new Invalid(
            {
              vi: `Tệp thiếu cột: ${missing.join(', ')}${unknown.length ? ` (cột không nhận ra: ${unknown.join(', ')})` : ''}. Tải tệp mẫu để xem các cột.`,
              en: `Missing columns: ${missing.join(', ')}${unknown.length ? ` (unrecognised: ${unknown.join(', ')})` : ''}. Download the template to see the columns.`,
            },
            'file',
          );
        }
        if (rows.length === 0)
          throw new Invalid({ vi: 'Tệp không có dòng nhiệm vụ nào.', en: 'The file has no task rows.' }, 'file');
        const dryRun = request.query.dryRun;
        const { documents, errors } = await documentsOfRows(ctx, rows);
        const result = { dryRun, total: rows.length, documents: documents.map((d) => d.summary), errors };
        if (errors.length && dryRun) return result;
        if (errors.length) {
          const message = {
            vi: `Có ${errors.length} lỗi; chưa ghi văn bản nào. Sửa tệp rồi nhập lại.`,
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
        return { ...result, documents: await importDocuments(ctx, p, documents, dryRun) };
      },
    );

    app.get(
      '/api/documents/:id',
      { schema: { tags, summary: 'A document with its tasks', params: IdParams, response: { 200: DocumentDetail } } },
      async (request) => documentWithTasks(ctx, principalOf(request), request.params.id),
    );

    app.post(
      '/api/documents/:id/file',
      {
        schema: {
          tags,
          summary: 'Attach the PDF of the document (multipart field "file")',
          params: IdParams,
          response: { 200: AttachedFile },
        },
      },
      async (request) => {
        const p = principalOf(request);
        await getDocument(ctx, p, request.params.id);
        const file = await storeFile(ctx, p, await uploadedFile(request), { pdfOnly: true });
        await attachDocumentFile(ctx, p, request.params.id, file.id);
        return { fileId: file.id };
      },
    );
  };
}

async function documentWithTasks(ctx: AppContext, p: ReturnType<typeof principalOf>, id: number) {
  const doc = await getDocument(ctx, p, id);
  const { listTasks } = await import('../tasks/list.js');
  const tasks = await listTasks(ctx, p, { documentId: id, limit: 200, sort: 'id', subtree: true, role: 'any' });
  return { ...doc, tasks: tasks.items };
}
