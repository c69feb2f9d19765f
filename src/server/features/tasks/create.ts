import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { WorkingCalendar } from '../../domain/calendar.js';
import { expandDeadline } from '../../domain/deadlines.js';
import { foldForSearch } from '../../domain/text.js';
import { Invalid } from '../../errors.js';
import { appendAudit } from '../audit/service.js';
import { insertEvent } from './queries.js';
import type { TaskInput } from './schema.js';

export interface TaskOrigin {
  documentId: number | null;
  documentDate: string;
  assignerUnitId: number;
  parentId?: number | null;
  actorUserId: number;
  /** The business date of the assignment event (today, or the document date for imports). */
  onDate: string;
}

/**
 * Inserts the tasks one input gives (several for a periodic deadline), each with its
 * coordinating units, its `assigned` event and an audit row, in the caller's transaction.
 */
export async function insertTasks(
  trx: Transaction<Database>,
  origin: TaskOrigin,
  input: TaskInput,
  calendar: WorkingCalendar,
  rowLabel = '',
): Promise<number[]> {
  await checkReferences(trx, input, rowLabel);
  if (input.deadline.kind === 'fixed' && input.deadline.date < origin.documentDate) {
    throw new Invalid(
      {
        vi: `${rowLabel}Hạn xử lý không được trước ngày văn bản (${origin.documentDate}).`,
        en: `${rowLabel}The deadline cannot be before the document date (${origin.documentDate}).`,
      },
      'deadline.date',
    );
  }
  const instances = expandDeadline(input.deadline, origin.documentDate, calendar);
  if (instances.length === 0) {
    throw new Invalid(
      {
        vi: `${rowLabel}Khoảng thời gian định kỳ không có kỳ nào.`,
        en: `${rowLabel}The periodic range contains no period.`,
      },
      'deadline',
    );
  }
  const seriesKey = instances.length > 1 || input.deadline.kind === 'periodic' ? randomUUID() : null;
  const ids: number[] = [];
  for (const instance of instances) {
    const { id } = await trx
      .insertInto('tasks')
      .values({
        document_id: origin.documentId,
        parent_id: origin.parentId ?? null,
        series_key: seriesKey,
        period_label: instance.periodLabel,
        paragraph: input.paragraph ?? null,
        content: input.content,
        search_text: foldForSearch(input.content),
        assigner_unit_id: origin.assignerUnitId,
        lead_unit_id: input.leadUnitId,
        lead_since: instance.assignedOn,
        field_code: input.fieldCode ?? null,
        is_key: input.isKey,
        leader_user_id: input.leaderUserId ?? null,
        expected_product: input.expectedProduct ?? null,
        deadline_kind: input.deadline.kind,
        working_days: input.deadline.kind === 'working_days' ? input.deadline.days : null,
        deadline_from: input.deadline.kind === 'working_days' ? input.deadline.from : 'document',
        assigned_on: instance.assignedOn,
        original_deadline: instance.deadline,
        deadline: instance.deadline,
        state: 'assigned',
        created_by: origin.actorUserId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const coordinators = [...new Set(input.coordinatingUnitIds)].filter((u) => u !== input.leadUnitId);
    if (coordinators.length)
      await trx
        .insertInto('task_coordinators')
        .values(coordinators.map((unit_id) => ({ task_id: id, unit_id })))
        .execute();
    await insertEvent(trx, {
      taskId: id,
      kind: 'assigned',
      actorUserId: origin.actorUserId,
      onDate: instance.assignedOn > origin.onDate ? instance.assignedOn : origin.onDate,
      data: {
        deadline: instance.deadline,
        leadUnitId: input.leadUnitId,
        coordinatingUnitIds: coordinators,
        periodLabel: instance.periodLabel,
      },
    });
    await appendAudit(trx, {
      actorUserId: origin.actorUserId,
      action: 'task_created',
      entity: 'task',
      entityId: id,
      data: { documentId: origin.documentId, parentId: origin.parentId ?? null },
    });
    ids.push(id);
  }
  return ids;
}

async function checkReferences(trx: Transaction<Database>, input: TaskInput, rowLabel: string): Promise<void> {
  const unitIds = [input.leadUnitId, ...input.coordinatingUnitIds];
  const units = await trx.selectFrom('units').select(['id', 'active']).where('id', 'in', unitIds).execute();
  const known = new Map(units.map((u) => [u.id, u.active]));
  if (!known.get(input.leadUnitId)) {
    throw new Invalid(
      {
        vi: `${rowLabel}Đơn vị chủ trì #${input.leadUnitId} không tồn tại hoặc đã ngừng hoạt động.`,
        en: `${rowLabel}Lead unit #${input.leadUnitId} does not exist or is inactive.`,
      },
      'leadUnitId',
    );
  }
  const missing = input.coordinatingUnitIds.filter((u) => !known.get(u));
  if (missing.length) {
    throw new Invalid(
      {
        vi: `${rowLabel}Đơn vị phối hợp không tồn tại: ${missing.join(', ')}.`,
        en: `${rowLabel}Unknown coordinating units: ${missing.join(', ')}.`,
      },
      'coordinatingUnitIds',
    );
  }
  if (input.fieldCode) {
    const field = await trx.selectFrom('fields').select('code').where('code', '=', input.fieldCode).executeTakeFirst();
    if (!field)
      throw new Invalid(
        {
          vi: `${rowLabel}Lĩnh vực "${input.fieldCode}" không tồn tại.`,
          en: `${rowLabel}Unknown field "${input.fieldCode}".`,
        },
        'fieldCode',
      );
  }
  if (input.leaderUserId) {
    const leader = await trx.selectFrom('users').select('id').where('id', '=', input.leaderUserId).executeTakeFirst();
    if (!leader)
      throw new Invalid(
        {
          vi: `${rowLabel}Lãnh đạo #${input.leaderUserId} không tồn tại.`,
          en: `${rowLabel}Unknown leader #${input.leaderUserId}.`,
        },
        'leaderUserId',
      );
  }
}
