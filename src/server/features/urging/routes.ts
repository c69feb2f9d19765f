import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { principalOf } from '../../http/auth-hook.js';
import { IsoDateString } from '../tasks/schema.js';
import { urging } from './service.js';

const IdParams = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) });
const text = (max: number) => z.string().trim().min(1).max(max);
const LetterEdit = z.object({
  version: z.number().int().positive(),
  numberSymbol: text(100),
  place: text(100),
  letterDate: IsoDateString,
  subject: text(500),
  recipients: text(3000),
  opening: text(10_000),
  closing: text(5000),
  signerTitle: z.string().trim().max(300),
  signerName: z.string().trim().max(200),
  signerId: z.number().int().positive().max(2_147_483_647).nullish(),
  copiesTo: text(2000),
  taskIds: z.array(z.number().int().positive()).max(500).optional(),
});

export function urgingRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['monitoring'];
    app.get(
      '/api/urging-letters',
      { schema: { tags, summary: 'Urging letters the caller drafted or may see' } },
      async (request) => ({ items: await urging.list(ctx, principalOf(request)) }),
    );
    app.post(
      '/api/urging-letters',
      {
        schema: {
          tags,
          summary:
            'Draft an urging letter for one unit (and its divisions) or, without unitId, for every unit with overdue tasks',
          body: z.object({ unitId: z.number().int().positive().max(2_147_483_647).nullish() }),
        },
      },
      async (request, reply) => reply.status(201).send(await urging.draft(ctx, principalOf(request), request.body)),
    );
    app.get(
      '/api/urging-letters/:id',
      { schema: { tags, summary: 'A letter with its listed tasks', params: IdParams } },
      async (request) => urging.get(ctx, principalOf(request), request.params.id),
    );
    app.put(
      '/api/urging-letters/:id',
      {
        schema: {
          tags,
          summary: 'Edit a draft (text fields; keep a subset of the tasks)',
          params: IdParams,
          body: LetterEdit,
        },
      },
      async (request) => urging.edit(ctx, principalOf(request), request.params.id, request.body),
    );
    app.post(
      '/api/urging-letters/:id/issue',
      {
        schema: {
          tags,
          summary: 'Issue the letter: logs an urging on every listed task, in one transaction',
          params: IdParams,
          body: z.object({ version: z.number().int().positive() }),
        },
      },
      async (request) => urging.issue(ctx, principalOf(request), request.params.id, request.body.version),
    );
    app.get(
      '/api/urging-letters/:id/docx',
      { schema: { tags, summary: 'The letter as DOCX', params: IdParams } },
      async (request, reply) => {
        const buf = await urging.docx(ctx, principalOf(request), request.params.id);
        return reply
          .header('content-type', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')
          .header('content-disposition', `attachment; filename="van-ban-don-doc-${request.params.id}.docx"`)
          .send(buf);
      },
    );
    app.get(
      '/api/urging-letters/:id/pdf',
      { schema: { tags, summary: 'The letter as PDF', params: IdParams } },
      async (request, reply) => {
        const buf = await urging.pdf(ctx, principalOf(request), request.params.id);
        return reply
          .header('content-type', 'application/pdf')
          .header('content-disposition', `attachment; filename="van-ban-don-doc-${request.params.id}.pdf"`)
          .send(buf);
      },
    );
  };
}
