import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { AppContext } from '../../context.js';
import { hasRole, type Principal } from '../../domain/access.js';
import { Invalid, notFound } from '../../errors.js';
import { getDocument } from '../documents/service.js';
import { getTaskDetail } from '../tasks/detail.js';

const FILE = { vi: 'tệp', en: 'File' };
const ALLOWED_MIME = new Set([
  'application/pdf',
  'image/png',
  'image/jpeg',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/msword',
  'application/vnd.ms-excel',
]);

export async function storeFile(
  ctx: AppContext,
  p: Principal,
  file: { name: string; mime: string; content: Buffer },
  options: { pdfOnly?: boolean } = {},
) {
  if (file.content.length === 0) throw new Invalid({ vi: 'Tệp rỗng.', en: 'The file is empty.' }, 'file');
  const isPdf = file.content.subarray(0, 5).toString('latin1') === '%PDF-';
  if (options.pdfOnly && !isPdf)
    throw new Invalid({ vi: 'Chỉ nhận tệp PDF.', en: 'Only PDF files are accepted.' }, 'file');
  if (!ALLOWED_MIME.has(file.mime) && !isPdf)
    throw new Invalid(
      { vi: `Loại tệp ${file.mime} không được chấp nhận.`, en: `File type ${file.mime} is not accepted.` },
      'file',
    );
  const row = await ctx.db
    .insertInto('files')
    .values({
      name: file.name.slice(0, 255),
      mime: isPdf ? 'application/pdf' : file.mime,
      size: file.content.length,
      sha256: createHash('sha256').update(file.content).digest('hex'),
      content: file.content,
      uploaded_by: p.userId,
    })
    .returning(['id', 'name', 'size'])
    .executeTakeFirstOrThrow();
  return row;
}

/** A file is readable by its uploader, city-wide roles, and whoever sees what it is attached to. */
export async function readFile(ctx: AppContext, p: Principal, id: number) {
  const file = await ctx.db.selectFrom('files').selectAll().where('id', '=', id).executeTakeFirst();
  if (!file) throw notFound(FILE, id);
  if (
    file.uploaded_by === p.userId ||
    hasRole(p, 'admin', 'officer', 'leader', 'inspector') ||
    (await seesSomethingAttached(ctx, p, id))
  )
    return file;
  throw notFound(FILE, id);
}

async function seesSomethingAttached(ctx: AppContext, p: Principal, fileId: number): Promise<boolean> {
  const docs = await ctx.db.selectFrom('documents').select('id').where('file_id', '=', fileId).execute();
  const events = await ctx.db
    .selectFrom('task_events')
    .select('task_id')
    .where(sql<boolean>`data->'fileIds' @> ${JSON.stringify([fileId])}::jsonb`)
    .execute();
  const attempts = [
    ...docs.map((d) => () => getDocument(ctx, p, d.id)),
    ...events.map((e) => () => getTaskDetail(ctx, p, e.task_id)),
  ];
  for (const attempt of attempts) {
    if (
      await attempt().then(
        () => true,
        () => false,
      )
    )
      return true;
  }
  return false;
}
