import { z } from 'zod';
import type { AppContext } from '../../context.js';
import type { Principal } from '../../domain/access.js';
import { foldForSearch } from '../../domain/text.js';
import { Invalid } from '../../errors.js';
import { appendAudit } from '../audit/service.js';
import { runTaskCommand } from './commands.js';
import { IsoDateString } from './schema.js';

const Id = z.number().int().positive().max(2_147_483_647);

/** A correction of a task's record by the assigning side: the fields to change and why. */
export const TaskCorrectionBody = z.object({
  version: z.number().int().positive(),
  reason: z.string().trim().min(3).max(2000),
  content: z.string().trim().min(3).max(5000).optional(),
  fieldCode: z.string().max(50).nullish(),
  expectedProduct: z.string().trim().max(500).nullish(),
  paragraph: z.string().trim().max(100).nullish(),
  isKey: z.boolean().optional(),
  leaderUserId: Id.nullish(),
  coordinatingUnitIds: z.array(Id).max(100).optional(),
  /**
   * The deadline set directly by the assigning side: an adjustment, not an extension. Back-dated
   * when the deadline was entered wrong (every cut-off reads the new one); otherwise it holds
   * from today and reports as of earlier days keep the deadline as it stood.
   */
  deadline: z.object({ date: IsoDateString, backdated: z.boolean().default(false) }).optional(),
});
export type TaskCorrectionBody = z.infer<typeof TaskCorrectionBody>;

type Plain = string | number | boolean | null | number[];

/**
 * Corrects a task's record in one transaction: the changed fields as a `record_corrected`
 * event with before and after, a deadline as a `deadline_adjusted` event, an audit row.
 */
export function correctTask(ctx: AppContext, p: Principal, id: number, b: TaskCorrectionBody) {
  return runTaskCommand(ctx, p, id, b.version, 'correct_record', async (c) => {
    const t = c.task;
    const coordinators = (
      await c.trx.selectFrom('task_coordinators').select('unit_id').where('task_id', '=', id).execute()
    )
      .map((r) => r.unit_id)
      .sort((x, y) => x - y);
    const current: Record<string, Plain> = {
      content: t.content,
      fieldCode: t.field_code,
      expectedProduct: t.expected_product,
      paragraph: t.paragraph,
      isKey: t.is_key,
      leaderUserId: t.leader_user_id,
      coordinatingUnitIds: coordinators,
    };
    const wanted: Record<string, Plain | undefined> = {
      content: b.content,
      fieldCode: b.fieldCode,
      expectedProduct: b.expectedProduct,
      paragraph: b.paragraph,
      isKey: b.isKey,
      leaderUserId: b.leaderUserId,
      coordinatingUnitIds: b.coordinatingUnitIds
        ? [...new Set(b.coordinatingUnitIds)].filter((u) => u !== t.lead_unit_id).sort((x, y) => x - y)
        : undefined,
    };
    const before: Record<string, Plain> = {};
    const after: Record<string, Plain> = {};
    for (const [key, value] of Object.entries(wanted)) {
      if (value === undefined || JSON.stringify(value) === JSON.stringify(current[key])) continue;
      before[key] = current[key] ?? null;
      after[key] = value;
    }
    const deadlineChanged = b.deadline && b.deadline.date !== t.deadline;
    if (Object.keys(after).length === 0 && !deadlineChanged)
      throw new Invalid({ vi: 'Không có thay đổi nào để ghi.', en: 'Nothing differs from the record.' });
    await checkCorrectionReferences(c.trx, after);
    if (Object.keys(after).length) {
      await c.trx
        .updateTable('tasks')
        .set({
          ...('content' in after ? { content: b.content!, search_text: foldForSearch(b.content!) } : {}),
          ...('fieldCode' in after ? { field_code: b.fieldCode ?? null } : {}),
          ...('expectedProduct' in after ? { expected_product: b.expectedProduct ?? null } : {}),
          ...('paragraph' in after ? { paragraph: b.paragraph ?? null } : {}),
          ...('isKey' in after ? { is_key: b.isKey! } : {}),
          ...('leaderUserId' in after ? { leader_user_id: b.leaderUserId ?? null } : {}),
        })
        .where('id', '=', id)
        .execute();
      if ('coordinatingUnitIds' in after) {
        await c.trx.deleteFrom('task_coordinators').where('task_id', '=', id).execute();
        const ids = after.coordinatingUnitIds as number[];
        if (ids.length)
          await c.trx
            .insertInto('task_coordinators')
            .values(ids.map((unit_id) => ({ task_id: id, unit_id })))
            .execute();
      }
      await c.record('record_corrected', { before, after }, b.reason);
    }
    if (deadlineChanged && b.deadline) {
      if (b.deadline.date < t.assigned_on)
        throw new Invalid(
          {
            vi: `Hạn mới không được trước ngày giao (${t.assigned_on}).`,
            en: `The new deadline cannot be before the assignment date (${t.assigned_on}).`,
          },
          'deadline.date',
        );
      const previous = b.deadline.backdated ? t.original_deadline : t.deadline;
      if (!b.deadline.backdated)
        await c.trx
          .insertInto('task_deadline_changes')
          .values({ task_id: id, effective_on: c.today, deadline: b.deadline.date })
          .execute();
      await c.record(
        'deadline_adjusted',
        { deadline: b.deadline.date, previousDeadline: previous, backdated: b.deadline.backdated },
        b.reason,
      );
      before.deadline = previous;
      after.deadline = b.deadline.date;
    }
    await appendAudit(c.trx, {
      actorUserId: p.userId,
      action: 'task_record_corrected',
      entity: 'task',
      entityId: id,
      data: { before, after, reason: b.reason, backdated: b.deadline?.backdated ?? null },
    });
    return { before, after };
  });
}

async function checkCorrectionReferences(
  trx: Parameters<Parameters<typeof runTaskCommand>[5]>[0]['trx'],
  after: Record<string, Plain>,
) {
  const units = (after.coordinatingUnitIds as number[] | undefined) ?? [];
  if (units.length) {
    const found = await trx
      .selectFrom('units')
      .select('id')
      .where('id', 'in', units)
      .where('active', '=', true)
      .execute();
    const missing = units.filter((u) => !found.some((f) => f.id === u));
    if (missing.length)
      throw new Invalid(
        {
          vi: `Đơn vị phối hợp không tồn tại: ${missing.join(', ')}.`,
          en: `Unknown coordinating units: ${missing.join(', ')}.`,
        },
        'coordinatingUnitIds',
      );
  }
  if (typeof after.fieldCode === 'string') {
    const field = await trx.selectFrom('fields').select('code').where('code', '=', after.fieldCode).executeTakeFirst();
    if (!field)
      throw new Invalid(
        { vi: `Lĩnh vực "${after.fieldCode}" không tồn tại.`, en: `Unknown field "${after.fieldCode}".` },
        'fieldCode',
      );
  }
  if (typeof after.leaderUserId === 'number') {
    const leader = await trx.selectFrom('users').select('id').where('id', '=', after.leaderUserId).executeTakeFirst();
    if (!leader)
      throw new Invalid(
        { vi: `Lãnh đạo #${after.leaderUserId} không tồn tại.`, en: `Leader #${after.leaderUserId} does not exist.` },
        'leaderUserId',
      );
  }
}
