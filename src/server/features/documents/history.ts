import type { Transaction } from 'kysely';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import type { Database } from '../../db/schema.js';
import { hasRole, type Principal } from '../../domain/access.js';
import { foldForSearch } from '../../domain/text.js';
import { Invalid, notAllowed, notFound, staleVersion } from '../../errors.js';
import { appendAudit } from '../audit/service.js';
import { IsoDateString } from '../tasks/schema.js';
import { DOCUMENT_KINDS } from './schema.js';

const DOCUMENT = { vi: 'văn bản', en: 'Document' };

/** Appends an event on a document's record (received, corrected, revoked …) in the caller's transaction. */
export async function recordDocumentEvent(
  trx: Transaction<Database>,
  p: Principal,
  documentId: number,
  kind: string,
  data: { before?: Record<string, unknown>; after?: Record<string, unknown> },
  reason: string | null = null,
): Promise<void> {
  await trx
    .insertInto('document_events')
    .values({ document_id: documentId, kind, actor_user_id: p.userId, reason, data: JSON.stringify(data) })
    .execute();
}

export const DocumentCorrectionBody = z.object({
  version: z.number().int().positive(),
  reason: z.string().trim().min(3).max(2000),
  numberSymbol: z.string().trim().min(1).max(100).optional(),
  kind: z.enum(DOCUMENT_KINDS).optional(),
  issuedOn: IsoDateString.optional(),
  signer: z.string().trim().max(200).nullish(),
  summary: z.string().trim().min(3).max(5000).optional(),
  bodyText: z.string().max(200_000).nullish(),
});
export type DocumentCorrectionBody = z.infer<typeof DocumentCorrectionBody>;

const COLUMNS = {
  numberSymbol: 'number_symbol',
  kind: 'kind',
  issuedOn: 'issued_on',
  signer: 'signer',
  summary: 'summary',
  bodyText: 'body_text',
} as const;

/** Corrects a registered document's fields: an event with before and after, an audit row, one transaction. */
export async function correctDocument(ctx: AppContext, p: Principal, id: number, b: DocumentCorrectionBody) {
  if (!hasRole(p, 'officer', 'admin')) throw notAllowed();
  return ctx.db.transaction().execute(async (trx) => {
    const doc = await trx.selectFrom('documents').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!doc) throw notFound(DOCUMENT, id);
    if (doc.version !== b.version) throw staleVersion();
    const before: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};
    const set: Record<string, unknown> = {};
    for (const [key, column] of Object.entries(COLUMNS) as [
      keyof typeof COLUMNS,
      (typeof COLUMNS)[keyof typeof COLUMNS],
    ][]) {
      const value = b[key];
      if (value === undefined || value === doc[column]) continue;
      before[key] = doc[column];
      after[key] = value ?? null;
      set[column] = value ?? null;
    }
    if (Object.keys(after).length === 0)
      throw new Invalid({ vi: 'Không có thay đổi nào để ghi.', en: 'Nothing differs from the record.' });
    if ('issuedOn' in after) {
      const early = await trx
        .selectFrom('tasks')
        .select('id')
        .where('document_id', '=', id)
        .where('original_deadline', '<', b.issuedOn!)
        .executeTakeFirst();
      if (early)
        throw new Invalid(
          {
            vi: `Ngày văn bản mới sau hạn của nhiệm vụ #${early.id}; sửa hạn nhiệm vụ trước.`,
            en: `The new document date is after the deadline of task #${early.id}; correct that deadline first.`,
          },
          'issuedOn',
        );
    }
    const numberSymbol = b.numberSymbol ?? doc.number_symbol;
    const summary = b.summary ?? doc.summary;
    await trx
      .updateTable('documents')
      .set({ ...set, search_text: foldForSearch(`${numberSymbol} ${summary}`), version: doc.version + 1 })
      .where('id', '=', id)
      .execute();
    await recordDocumentEvent(trx, p, id, 'corrected', { before, after }, b.reason);
    await appendAudit(trx, {
      actorUserId: p.userId,
      action: 'document_corrected',
      entity: 'document',
      entityId: id,
      data: { before, after, reason: b.reason },
    });
    return { before, after };
  });
}

/** The record's history, oldest first, with who did what. */
export async function documentHistory(ctx: AppContext, id: number) {
  const rows = await ctx.db
    .selectFrom('document_events as e')
    .leftJoin('users as u', 'u.id', 'e.actor_user_id')
    .select(['e.id', 'e.kind', 'e.at', 'e.reason', 'e.data', 'u.full_name as actor_name'])
    .where('e.document_id', '=', id)
    .orderBy('e.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    at: r.at,
    reason: r.reason,
    actor: r.actor_name,
    before: (r.data as { before?: unknown }).before ?? null,
    after: (r.data as { after?: unknown }).after ?? null,
  }));
}
