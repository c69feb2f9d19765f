import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { AppContext } from '../../context.js';
import type { Principal } from '../../domain/access.js';
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

/**
 * A file follows what it is attached to: it is readable by whoever sees a document or task it
 * belongs to (with that object's own unit and field scope), and by its uploader only while it
 * is attached to nothing. No role reads files wholesale.
 */
export async function readFile(ctx: AppContext, p: Principal, id: number) {
  const file = await ctx.db.selectFrom('files').selectAll().where('id', '=', id).executeTakeFirst();
  if (!file) throw notFound(FILE, id);
  const holders = await holdersOf(ctx, id);
  if (holders.length === 0 ? file.uploaded_by === p.userId : await seesAny(holders, p, ctx)) return file;
  throw notFound(FILE, id);
}

/**
 * A request may attach only files the caller uploaded and has not attached elsewhere, or files
 * the caller can already read: naming another unit's file id is refused, never a way to read it.
 */
export async function assertAttachable(ctx: AppContext, p: Principal, ids: readonly number[]): Promise<void> {
  for (const id of new Set(ids)) {
    const file = await ctx.db.selectFrom('files').select(['uploaded_by']).where('id', '=', id).executeTakeFirst();
    const holders = file ? await holdersOf(ctx, id) : [];
    const ok = file && (holders.length === 0 ? file.uploaded_by === p.userId : await seesAny(holders, p, ctx));
    if (!ok)
      throw new Invalid(
        {
          vi: `Không thể đính kèm tệp #${id}: tệp không tồn tại hoặc bạn không có quyền với tệp này.`,
          en: `File #${id} cannot be attached: it does not exist or is not yours to attach.`,
        },
        'fileIds',
      );
  }
}

type Holder = { kind: 'document' | 'task'; id: number };

async function holdersOf(ctx: AppContext, fileId: number): Promise<Holder[]> {
  const docs = await ctx.db.selectFrom('documents').select('id').where('file_id', '=', fileId).execute();
  const events = await ctx.db
    .selectFrom('task_events')
    .select('task_id')
    .distinct()
    .where((eb) =>
      eb.or([
        sql<boolean>`data->'fileIds' @> ${JSON.stringify([fileId])}::jsonb`,
        sql<boolean>`data->'unitDocument'->'fileId' = ${JSON.stringify(fileId)}::jsonb`,
      ]),
    )
    .execute();
  return [
    ...docs.map((d) => ({ kind: 'document' as const, id: d.id })),
    ...events.map((e) => ({ kind: 'task' as const, id: e.task_id })),
  ];
}

async function seesAny(holders: readonly Holder[], p: Principal, ctx: AppContext): Promise<boolean> {
  for (const h of holders) {
    const read = h.kind === 'document' ? getDocument(ctx, p, h.id) : getTaskDetail(ctx, p, h.id);
    if (
      await read.then(
        () => true,
        () => false,
      )
    )
      return true;
  }
  return false;
}
