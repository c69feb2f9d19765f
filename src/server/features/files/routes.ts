import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { principalOf } from '../../http/auth-hook.js';
import { BadRequest, TooLarge, type AppError } from '../../errors.js';
import { storeFile, readFile } from './service.js';

/** Reads the single uploaded file of a multipart request, with a clear error when there is none or it is too big. */
export async function uploadedFile(request: FastifyRequest) {
  if (!request.isMultipart())
    throw new BadRequest(
      { vi: 'Cần gửi tệp dạng multipart/form-data.', en: 'Send the file as multipart/form-data.' },
      'file',
    );
  // A broken body (no boundary, cut short) is the sender's error, not the server's.
  const part = await request.file().catch((err: unknown) => {
    throw uploadError(err);
  });
  if (!part) throw new BadRequest({ vi: 'Không có tệp đính kèm.', en: 'No file was sent.' }, 'file');
  const content = await part.toBuffer().catch((err: unknown) => {
    throw uploadError(err);
  });
  // Never keep a file cut short at the limit as if it were whole.
  if (part.file.truncated) throw tooLarge();
  return { name: part.filename || 'file', mime: part.mimetype, content };
}

const tooLarge = () =>
  new TooLarge({ vi: 'Tệp quá lớn (tối đa 20 MB).', en: 'The file is too large (20 MB at most).' }, 'file');

function uploadError(err: unknown): AppError {
  if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') return tooLarge();
  return new BadRequest(
    {
      vi: 'Dữ liệu gửi lên (multipart/form-data) không hợp lệ hoặc bị cắt ngang.',
      en: 'The multipart/form-data body is malformed or cut short.',
    },
    'file',
  );
}

export function fileRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/api/files',
      { schema: { tags: ['files'], summary: 'Upload a file (multipart field "file"), to reference in fileIds' } },
      async (request, reply) => {
        const p = principalOf(request);
        return reply.status(201).send(await storeFile(ctx, p, await uploadedFile(request)));
      },
    );

    app.get(
      '/api/files/:id',
      {
        schema: {
          tags: ['files'],
          summary: 'Download a file',
          params: z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) }),
        },
      },
      async (request, reply) => {
        const file = await readFile(ctx, principalOf(request), request.params.id);
        reply
          .header('content-type', file.mime)
          .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`);
        return reply.send(Buffer.from(file.content));
      },
    );
  };
}
