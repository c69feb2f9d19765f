import { sql, type Transaction } from 'kysely';
import type { AppContext } from '../../context.js';
import type { Database } from '../../db/schema.js';
import type { Principal } from '../../domain/access.js';
import { Conflict, Invalid, staleVersion } from '../../errors.js';
import { appendAudit } from '../audit/service.js';
import { announceNotifications } from '../notifications/service.js';
import { alreadyIssued, loadLetter } from './letters.js';
import { urgeableBy, urgingGrants } from './scope.js';

/**
 * Issues a draft: in one transaction, every listed task gets an 'urged' event and its urge
 * count goes up (the same record as POST /api/tasks/:id/urge), each task change and the letter
 * are audited, and the urged units' clerks and heads are notified. A listed task that is no
 * longer open and overdue stops the issue, naming it, so the letter never urges finished work.
 */
export async function issueLetter(ctx: AppContext, p: Principal, id: number, version: number): Promise<void> {
  const grants = urgingGrants(p);
  const { letter } = await loadLetter(ctx, p, id);
  const today = ctx.clock.today();
  if (!letter.number_symbol.replace(/[\s/]/g, '').match(/\d/)) {
    throw new Invalid(
      { vi: 'Hãy ghi số văn bản trước khi ban hành.', en: 'Fill in the letter number before issuing.' },
      'numberSymbol',
    );
  }
  if (!letter.signer_name.trim() || !letter.signer_title.trim()) {
    throw new Invalid(
      {
        vi: 'Hãy chọn người ký (thẩm quyền, chức vụ, họ tên) trước khi ban hành.',
        en: 'Choose the signer (authority, title, name) before issuing.',
      },
      'signerId',
    );
  }
  await ctx.db.transaction().execute(async (trx) => {
    const current = await trx
      .selectFrom('urging_letters')
      .select(['status', 'version', 'number_symbol'])
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirstOrThrow();
    if (current.status !== 'draft') throw alreadyIssued();
    if (current.version !== version) throw staleVersion();
    const listed = await trx
      .selectFrom('urging_letter_tasks')
      .select(['task_id', 'lead_unit_id'])
      .where('letter_id', '=', id)
      .orderBy('task_id')
      .execute();
    const ids = listed.map((r) => r.task_id);
    // Lock the tasks in id order (as every writer does), then check they are still ours to urge.
    const tasks = await trx
      .selectFrom('tasks')
      .select(['id', 'state', 'deadline', 'urge_count', 'version'])
      .where('id', 'in', ids)
      .orderBy('id')
      .forUpdate()
      .execute();
    const urgeable = new Set(
      (await trx.selectFrom('tasks').select('id').where('id', 'in', ids).where(urgeableBy(grants)).execute()).map(
        (t) => t.id,
      ),
    );
    const stale = tasks
      .filter(
        (t) =>
          !['assigned', 'received', 'in_progress'].includes(t.state) ||
          !t.deadline ||
          t.deadline >= today ||
          !urgeable.has(t.id),
      )
      .map((t) => t.id);
    if (stale.length) {
      throw new Conflict({
        vi: `Các nhiệm vụ ${stale.map((i) => `#${i}`).join(', ')} không còn quá hạn hoặc không còn thuộc quyền đôn đốc của bạn; hãy bỏ khỏi văn bản rồi ban hành.`,
        en: `Tasks ${stale.map((i) => `#${i}`).join(', ')} are no longer overdue or no longer yours to urge; remove them from the letter, then issue.`,
      });
    }
    const data = JSON.stringify({
      note: `Văn bản đôn đốc số ${current.number_symbol}`,
      letterId: id,
      numberSymbol: current.number_symbol,
    });
    await sql`insert into task_events (task_id, kind, actor_user_id, on_date, reason, data)
      select unnest(${ids}::int[]), 'urged', ${p.userId}::int, ${today}::date, null, ${data}::jsonb`.execute(trx);
    await trx
      .updateTable('tasks')
      .set((eb) => ({ urge_count: eb('urge_count', '+', 1), version: eb('version', '+', 1), updated_at: new Date() }))
      .where('id', 'in', ids)
      .execute();
    for (const taskId of ids)
      await appendAudit(trx, {
        actorUserId: p.userId,
        action: 'task_urge',
        entity: 'task',
        entityId: taskId,
        data: { letterId: id },
      });
    await trx
      .updateTable('urging_letters')
      .set({ status: 'issued', issued_by: p.userId, issued_at: new Date(), version: current.version + 1 })
      .where('id', '=', id)
      .execute();
    await appendAudit(trx, {
      actorUserId: p.userId,
      action: 'urging_letter_issued',
      entity: 'urging_letter',
      entityId: id,
      data: { numberSymbol: current.number_symbol, taskIds: ids },
    });
    await notifyUrgedUnits(trx, id, current.number_symbol, today, listed);
  });
  announceNotifications();
}

/** One notification per clerk or head of each urged unit, naming the letter and how many of their tasks it lists. */
async function notifyUrgedUnits(
  trx: Transaction<Database>,
  letterId: number,
  numberSymbol: string,
  today: string,
  listed: { task_id: number; lead_unit_id: number }[],
) {
  const byUnit = new Map<number, number[]>();
  for (const r of listed) byUnit.set(r.lead_unit_id, [...(byUnit.get(r.lead_unit_id) ?? []), r.task_id]);
  const units = [...byUnit.keys()];
  await sql`
    insert into notifications (user_id, kind, task_id, on_date, data)
    select distinct on (r.user_id, u.id) r.user_id, 'urging_letter', null::int, ${today}::date,
      jsonb_build_object('rule', 'urging_letter', 'letterId', ${letterId}::int, 'numberSymbol', ${numberSymbol}::text, 'unitId', u.id,
        'taskCount', (select count(*) from unnest(${listed.map((l) => l.lead_unit_id)}::int[]) x(unit) where x.unit = u.id),
        'link', '/tasks?status=in_progress_overdue&unitId=' || u.id)
    from units u
    cross join lateral unnest(string_to_array(trim(both '/' from u.path), '/')::int[]) as a(scope_id)
    join user_roles r on r.scope_unit_id = a.scope_id and r.role in ('clerk', 'unit_head')
    join users us on us.id = r.user_id and us.active
    where u.id = any(${units}::int[])`.execute(trx);
}
