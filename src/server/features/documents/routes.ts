import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { principalOf } from '../../http/auth-hook.js';
import { uploadedFile } from '../files/routes.js';
import { storeFile } from '../files/service.js';
import { IsoDateString, TaskInput } from '../tasks/schema.js';
import { attachDocumentFile, createDocument, getDocument, listDocuments } from './service.js';

export const DOCUMENT_KINDS = ['Nghị quyết', 'Quyết định', 'Chỉ thị', 'Kế hoạch', 'Thông báo kết luận', 'Công văn', 'Thông báo', 'Văn bản khác'] as const;

const DocumentBody = z.object({
  numberSymbol: z.string().trim().min(1).max(100),
  kind: z.enum(DOCUMENT_KINDS),
  issuerUnitId: z.number().int().positive().max(2_147_483_647),
  issuedOn: IsoDateString,
  signer: z.string().trim().max(200).nullish(),
  summary: z.string().trim().min(3).max(5000),
  tasks: z.array(TaskInput).max(500).default([]),
});
const IdParams = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) });

export function documentRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['documents'];
    app.get('/api/documents', { schema: { tags, summary: 'List directive documents', querystring: z.object({ q: z.string().max(200).optional(), issuerUnitId: z.coerce.number().int().positive().optional(), limit: z.coerce.number().int().min(1).max(200).default(50), cursor: z.coerce.number().int().positive().optional() }) } }, async (request) =>
      listDocuments(ctx, principalOf(request), request.query),
    );

    app.post('/api/documents', { schema: { tags, summary: 'Register a document and the tasks it gives (all or nothing)', body: DocumentBody } }, async (request, reply) => {
      const p = principalOf(request);
      const { id } = await createDocument(ctx, p, request.body);
      return reply.status(201).send(await documentWithTasks(ctx, p, id));
    });

    app.get('/api/documents/:id', { schema: { tags, summary: 'A document with its tasks', params: IdParams } }, async (request) => documentWithTasks(ctx, principalOf(request), request.params.id));

    app.post('/api/documents/:id/file', { schema: { tags, summary: 'Attach the PDF of the document (multipart field "file")', params: IdParams } }, async (request) => {
      const p = principalOf(request);
      await getDocument(ctx, p, request.params.id);
      const file = await storeFile(ctx, p, await uploadedFile(request), { pdfOnly: true });
      await attachDocumentFile(ctx, p, request.params.id, file.id);
      return { fileId: file.id };
    });
  };
}

async function documentWithTasks(ctx: AppContext, p: ReturnType<typeof principalOf>, id: number) {
  const doc = await getDocument(ctx, p, id);
  const { listTasks } = await import('../tasks/list.js');
  const tasks = await listTasks(ctx, p, { documentId: id, limit: 200, sort: 'id', subtree: true, role: 'any' });
  return { ...doc, tasks: tasks.items };
}
