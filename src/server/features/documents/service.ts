import type { Transaction } from 'kysely';
import type { AppContext } from '../../context.js';
import type { Database } from '../../db/schema.js';
import type { WorkingCalendar } from '../../domain/calendar.js';
import { coversAssigner, hasRole, type Principal } from '../../domain/access.js';
import { foldForSearch, likePattern } from '../../domain/text.js';
import { Invalid, notAllowed, notFound } from '../../errors.js';
import { appendAudit } from '../audit/service.js';
import { loadWorkingCalendar } from '../calendar/service.js';
import { insertTasks } from '../tasks/create.js';
import type { TaskInput } from '../tasks/schema.js';

export interface DocumentInput {
  numberSymbol: string;
  kind: string;
  issuerUnitId: number;
  issuedOn: string;
  signer?: string | null;
  summary: string;
  tasks: TaskInput[];
}

const DOCUMENT = { vi: 'văn bản', en: 'Document' };

/** Registers a directive and all its tasks in one transaction: all rows or none. */
export async function createDocument(ctx: AppContext, p: Principal, input: DocumentInput) {
  const calendar = await loadWorkingCalendar(ctx.db);
  return ctx.db
    .transaction()
    .execute((trx) => insertDocument(trx, ctx, p, input, calendar, (i) => `Dòng ${i + 1} / row ${i + 1}: `));
}

/**
 * Writes one document and its tasks inside the caller's transaction (an import writes many in
 * one). `rowLabel` names a task row in error messages: its place on the form or its file line.
 */
export async function insertDocument(
  trx: Transaction<Database>,
  ctx: AppContext,
  p: Principal,
  input: DocumentInput,
  calendar: WorkingCalendar,
  rowLabel: (taskIndex: number) => string,
) {
  const issuer = await trx
    .selectFrom('units')
    .select(['id', 'path', 'kind'])
    .where('id', '=', input.issuerUnitId)
    .executeTakeFirst();
  if (!issuer)
    throw new Invalid(
      {
        vi: `Cơ quan ban hành #${input.issuerUnitId} không tồn tại.`,
        en: `Issuing unit #${input.issuerUnitId} does not exist.`,
      },
      'issuerUnitId',
    );
  assertMayAssignFor(p, issuer.path);
  const doc = await trx
    .insertInto('documents')
    .values({
      number_symbol: input.numberSymbol,
      kind: input.kind,
      issuer_unit_id: input.issuerUnitId,
      issued_on: input.issuedOn,
      signer: input.signer ?? null,
      summary: input.summary,
      search_text: foldForSearch(`${input.numberSymbol} ${input.summary}`),
      created_by: p.userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const taskIds: number[] = [];
  for (const [i, t] of input.tasks.entries()) {
    const origin = {
      documentId: doc.id,
      documentDate: input.issuedOn,
      assignerUnitId: input.issuerUnitId,
      actorUserId: p.userId,
      onDate: ctx.clock.today(),
    };
    taskIds.push(...(await insertTasks(trx, origin, t, calendar, rowLabel(i))));
  }
  await appendAudit(trx, {
    actorUserId: p.userId,
    action: 'document_created',
    entity: 'document',
    entityId: doc.id,
    data: { numberSymbol: input.numberSymbol, taskIds },
  });
  return { id: doc.id, taskIds };
}

/** Tracking officers register documents for the authorities in their scope. */
function assertMayAssignFor(p: Principal, issuerPath: string): void {
  const ok = p.grants.some((g) => g.role === 'admin' || (g.role === 'officer' && coversAssigner(g, issuerPath)));
  if (!ok) throw notAllowed();
}

export async function getDocument(ctx: AppContext, p: Principal, id: number) {
  const doc = await ctx.db
    .selectFrom('documents as d')
    .innerJoin('units as u', 'u.id', 'd.issuer_unit_id')
    .select([
      'd.id',
      'd.number_symbol',
      'd.kind',
      'd.issued_on',
      'd.signer',
      'd.summary',
      'd.file_id',
      'd.version',
      'd.created_at',
      'u.id as issuer_id',
      'u.code as issuer_code',
      'u.name as issuer_name',
    ])
    .where('d.id', '=', id)
    .executeTakeFirst();
  if (!doc) throw notFound(DOCUMENT, id);
  if (!hasRole(p, 'officer', 'admin')) {
    // Units, leaders and inspectors see a document when they see at least one of its tasks.
    const { listTasks } = await import('../tasks/list.js');
    const some = await listTasks(ctx, p, { documentId: id, limit: 1, sort: '-id', subtree: true, role: 'any' });
    if (some.items.length === 0) throw notFound(DOCUMENT, id);
  }
  return presentDocument(doc);
}

function presentDocument(d: {
  id: number;
  number_symbol: string;
  kind: string;
  issued_on: string;
  signer: string | null;
  summary: string;
  file_id: number | null;
  version: number;
  issuer_id: number;
  issuer_code: string;
  issuer_name: string;
}) {
  return {
    id: d.id,
    numberSymbol: d.number_symbol,
    kind: d.kind,
    issuedOn: d.issued_on,
    signer: d.signer,
    summary: d.summary,
    fileId: d.file_id,
    version: d.version,
    issuer: { id: d.issuer_id, code: d.issuer_code, name: d.issuer_name },
  };
}

export async function listDocuments(
  ctx: AppContext,
  p: Principal,
  f: { q?: string; issuerUnitId?: number; limit: number; cursor?: number },
) {
  if (!hasRole(p, 'officer', 'admin', 'leader', 'inspector')) throw notAllowed();
  // Leaders and inspectors list the documents of tasks they see (their fields), counted so.
  const { visibleTo } = await import('../tasks/queries.js');
  const wide = hasRole(p, 'officer', 'admin');
  let qb = ctx.db
    .selectFrom('documents as d')
    .innerJoin('units as u', 'u.id', 'd.issuer_unit_id')
    .select([
      'd.id',
      'd.number_symbol',
      'd.kind',
      'd.issued_on',
      'd.signer',
      'd.summary',
      'd.file_id',
      'd.version',
      'u.id as issuer_id',
      'u.code as issuer_code',
      'u.name as issuer_name',
    ])
    .select((eb) =>
      eb
        .selectFrom('tasks')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('tasks.document_id', '=', 'd.id')
        .$if(!wide, (sq) => sq.where(visibleTo(p)))
        .as('task_count'),
    );
  if (!wide)
    qb = qb.where((eb) =>
      eb.exists(
        eb.selectFrom('tasks').select('tasks.id').whereRef('tasks.document_id', '=', 'd.id').where(visibleTo(p)),
      ),
    );
  if (f.q) qb = qb.where('d.search_text', 'like', likePattern(f.q));
  if (f.issuerUnitId) qb = qb.where('d.issuer_unit_id', '=', f.issuerUnitId);
  if (f.cursor) qb = qb.where('d.id', '<', f.cursor);
  const rows = await qb
    .orderBy('d.id', 'desc')
    .limit(f.limit + 1)
    .execute();
  const page = rows.slice(0, f.limit);
  return {
    items: page.map((r) => ({ ...presentDocument(r), taskCount: Number(r.task_count) })),
    nextCursor: rows.length > f.limit ? String(page[page.length - 1]!.id) : null,
  };
}

export async function attachDocumentFile(
  ctx: AppContext,
  p: Principal,
  documentId: number,
  fileId: number,
): Promise<void> {
  if (!hasRole(p, 'officer', 'admin')) throw notAllowed();
  await ctx.db.transaction().execute(async (trx) => {
    const res = await trx
      .updateTable('documents')
      .set((eb) => ({ file_id: fileId, version: eb('version', '+', 1) }))
      .where('id', '=', documentId)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) === 0) throw notFound(DOCUMENT, documentId);
    await appendAudit(trx, {
      actorUserId: p.userId,
      action: 'document_file_attached',
      entity: 'document',
      entityId: documentId,
      data: { fileId },
    });
  });
}
