import type { Transaction } from 'kysely';
import type { AppContext } from '../../context.js';
import type { Database } from '../../db/schema.js';
import type { WorkingCalendar } from '../../domain/calendar.js';
import type { Principal } from '../../domain/access.js';
import { foldForSearch } from '../../domain/text.js';
import { Conflict, Invalid, notAllowed, notFound, staleVersion } from '../../errors.js';
import { appendAudit } from '../audit/service.js';
import { loadWorkingCalendar } from '../calendar/service.js';
import { insertTasks } from '../tasks/create.js';
import { mayManage } from './policy.js';
import { bumpPublicGeneration, bumpRecord, insertConclusionDocument, lockRecord, type RecordRow } from './queries.js';
import { getRecord, notifyPublicationChange, RECORD, visibleRecord } from './records.js';
import type { ConcludeInput, RecommendationInput } from './schema.js';

/**
 * Issuing a conclusion (one transaction): the conclusion is registered as a directive document
 * ("Kết luận kiểm tra") issued by Sở Nội vụ or the City People's Committee, and each
 * recommendation becomes a task of that document, led by the inspected unit, created through
 * the same code path as any other task (tasks/create.ts), so it is followed, urged and counted
 * like any other.
 */
export async function concludeRecord(ctx: AppContext, p: Principal, id: number, input: ConcludeInput) {
  const before = await visibleRecord(ctx, p, id);
  if (!mayManage(p, before.unit_path)) throw notAllowed();
  const today = ctx.clock.today();
  if (input.concludedOn > today)
    throw new Invalid(
      { vi: 'Ngày kết luận không được sau hôm nay.', en: 'The conclusion date cannot be in the future.' },
      'concludedOn',
    );
  const assignerUnitId = await assignerUnit(ctx, p, input.assigner);
  const calendar = await loadWorkingCalendar(ctx.db);
  await ctx.db.transaction().execute(async (trx) => {
    const r = await lockRecord(trx, id);
    if (!r) throw notFound(RECORD, id);
    if (r.version !== input.version) throw staleVersion();
    if (r.status !== 'draft')
      throw new Conflict({ vi: 'Kết luận đã được ban hành.', en: 'The conclusion was already issued.' });
    checkReady(r, input.concludedOn);
    const leader = await trx
      .selectFrom('inspection_team_members as m')
      .innerJoin('users as u', 'u.id', 'm.user_id')
      .select('u.full_name')
      .where('m.plan_id', '=', r.plan_id)
      .where('m.is_leader', '=', true)
      .executeTakeFirst();
    const summary = `Kết luận kiểm tra công vụ tại ${r.unit_name} (${r.plan_title})`;
    const documentId = await insertConclusionDocument(trx, {
      numberSymbol: input.conclusionNumber,
      issuerUnitId: assignerUnitId,
      issuedOn: input.concludedOn,
      signer: leader ? `Trưởng đoàn kiểm tra ${leader.full_name}` : null,
      summary,
      searchText: foldForSearch(`${input.conclusionNumber} ${summary}`),
      createdBy: p.userId,
    });
    await bumpRecord(trx, id, input.version, {
      status: 'concluded',
      conclusion_number: input.conclusionNumber,
      concluded_on: input.concludedOn,
      assigner_unit_id: assignerUnitId,
      document_id: documentId,
      search_text: foldForSearch(
        `${r.unit_name} ${r.plan_title} ${input.conclusionNumber} ${r.findings} ${r.conclusion}`,
      ),
    });
    const open = await trx
      .selectFrom('inspection_recommendations')
      .selectAll()
      .where('inspection_id', '=', id)
      .where('task_id', 'is', null)
      .orderBy('sort')
      .orderBy('id')
      .execute();
    const taskIds: number[] = [];
    for (const [i, rec] of open.entries()) {
      const origin = {
        documentId,
        documentDate: input.concludedOn,
        assignerUnitId,
        actorUserId: p.userId,
        onDate: today,
      };
      taskIds.push(
        await recommendationTask(
          trx,
          origin,
          r.unit_id,
          rec,
          calendar,
          `Kiến nghị ${i + 1} / recommendation ${i + 1}: `,
        ),
      );
    }
    await appendAudit(trx, {
      actorUserId: p.userId,
      action: 'inspection_concluded',
      entity: 'inspection',
      entityId: id,
      data: { conclusionNumber: input.conclusionNumber, documentId, taskIds },
    });
  });
  return getRecord(ctx, p, id);
}

/** A recommendation added after the conclusion becomes a task of the conclusion at once. */
export async function addRecommendation(ctx: AppContext, p: Principal, id: number, input: RecommendationInput) {
  const before = await visibleRecord(ctx, p, id);
  if (!mayManage(p, before.unit_path)) throw notAllowed();
  const calendar = await loadWorkingCalendar(ctx.db);
  await ctx.db.transaction().execute(async (trx) => {
    const r = await lockRecord(trx, id);
    if (!r) throw notFound(RECORD, id);
    const { n } = await trx
      .selectFrom('inspection_recommendations')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('inspection_id', '=', id)
      .executeTakeFirstOrThrow();
    const rec = await trx
      .insertInto('inspection_recommendations')
      .values({
        inspection_id: id,
        content: input.content,
        deadline: input.deadline,
        field_code: input.fieldCode ?? null,
        sort: Number(n),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    let taskId: number | null = null;
    if (r.status === 'concluded') {
      const origin = {
        documentId: r.document_id,
        documentDate: r.concluded_on!,
        assignerUnitId: r.assigner_unit_id!,
        actorUserId: p.userId,
        onDate: ctx.clock.today(),
      };
      taskId = await recommendationTask(trx, origin, r.unit_id, rec, calendar, '');
    }
    await bumpRecord(trx, id, r.version, {});
    if (r.published_at) await bumpPublicGeneration(trx);
    await appendAudit(trx, {
      actorUserId: p.userId,
      action: 'inspection_recommendation_added',
      entity: 'inspection',
      entityId: id,
      data: { recommendationId: rec.id, taskId },
    });
  });
  if (before.published_at) notifyPublicationChange();
  return getRecord(ctx, p, id);
}

async function recommendationTask(
  trx: Transaction<Database>,
  origin: {
    documentId: number | null;
    documentDate: string;
    assignerUnitId: number;
    actorUserId: number;
    onDate: string;
  },
  unitId: number,
  rec: { id: number; content: string; deadline: string; field_code: string | null },
  calendar: WorkingCalendar,
  label: string,
): Promise<number> {
  const [taskId] = await insertTasks(
    trx,
    origin,
    {
      content: rec.content,
      leadUnitId: unitId,
      coordinatingUnitIds: [],
      fieldCode: rec.field_code,
      isKey: false,
      paragraph: `KN ${rec.id}`,
      deadline: { kind: 'fixed', date: rec.deadline },
    },
    calendar,
    label,
  );
  await trx.updateTable('inspection_recommendations').set({ task_id: taskId! }).where('id', '=', rec.id).execute();
  return taskId!;
}

function checkReady(r: RecordRow, concludedOn: string): void {
  if (!r.findings.trim() || !r.conclusion.trim()) {
    throw new Invalid(
      {
        vi: 'Cần ghi kết quả kiểm tra và kết luận trước khi ban hành.',
        en: 'Record the findings and the conclusion before issuing it.',
      },
      'conclusion',
    );
  }
  if (r.inspected_on && concludedOn < r.inspected_on) {
    throw new Invalid(
      { vi: 'Ngày kết luận không được trước ngày kiểm tra.', en: 'The conclusion cannot predate the inspection.' },
      'concludedOn',
    );
  }
}

/** Sở Nội vụ is the inspector's own unit; the city is its parent authority (UBND). */
async function assignerUnit(ctx: AppContext, p: Principal, who: ConcludeInput['assigner']): Promise<number> {
  const own = await ctx.db
    .selectFrom('units')
    .select(['id', 'parent_id', 'kind'])
    .where('id', '=', p.unitId)
    .executeTakeFirstOrThrow();
  if (who === 'home_affairs' || own.parent_id === null) return own.id;
  return own.parent_id;
}
