import { visibleTaskIds } from '../tasks/queries.js';
import { sql } from 'kysely';
import type { AppContext } from '../../context.js';
import type { Principal } from '../../domain/access.js';
import { addDays, daysBetween } from '../../domain/dates.js';
import { Conflict, Invalid, notFound, staleVersion } from '../../errors.js';
import { appendAudit } from '../audit/service.js';
import { getOrganisation } from '../settings/organisation.js';
import { signatureFor } from '../settings/signers.js';
import { vnDate, type LetterLayout } from './documents.js';
import { canSeeLetter, urgeableBy, urgingGrants } from './scope.js';
import { answersForTasks } from '../explanations/service.js';

export const LETTER = { vi: 'văn bản đôn đốc', en: 'Urging letter' };
const OVERDUE_STATES = ['assigned', 'received', 'in_progress'] as const;
const MAX_TASKS = 500;

export interface LetterEdit {
  version: number;
  numberSymbol: string;
  place: string;
  letterDate: string;
  subject: string;
  recipients: string;
  opening: string;
  closing: string;
  signerTitle: string;
  signerName: string;
  /** A configured signer of urging letters: its lines and name replace signerTitle and signerName. */
  signerId?: number | null;
  copiesTo: string;
  /** The tasks to keep listed (a subset of the draft's); omitted keeps them all. */
  taskIds?: number[];
}

/**
 * Drafts an urging letter (DESIGN.md §6) to one unit (its subtree) or to every unit with
 * overdue tasks that the caller assigned, listing those tasks, with the official wording
 * filled in for the officer to edit.
 */
export async function draftLetter(ctx: AppContext, p: Principal, input: { unitId?: number | null }) {
  const grants = urgingGrants(p);
  const today = ctx.clock.today();
  let qb = ctx.db
    .selectFrom('tasks')
    .innerJoin('units as lu', 'lu.id', 'tasks.lead_unit_id')
    .leftJoin('documents as d', 'd.id', 'tasks.document_id')
    .select([
      'tasks.id',
      'tasks.content',
      'tasks.deadline',
      'tasks.lead_unit_id',
      'lu.name as lead_name',
      'd.number_symbol',
    ])
    .where('tasks.state', 'in', [...OVERDUE_STATES])
    .where('tasks.deadline', '<', today)
    .where(urgeableBy(grants));
  let target: { id: number; name: string } | null = null;
  if (input.unitId) {
    target =
      (await ctx.db.selectFrom('units').select(['id', 'name']).where('id', '=', input.unitId).executeTakeFirst()) ??
      null;
    if (!target)
      throw new Invalid(
        { vi: `Đơn vị #${input.unitId} không tồn tại.`, en: `Unit #${input.unitId} does not exist.` },
        'unitId',
      );
    qb = qb.where(
      'tasks.lead_unit_id',
      'in',
      sql<number>`(select id from units where path like (select path from units where id = ${input.unitId}) || '%')`,
    );
  }
  const tasks = await qb
    .orderBy('lu.name')
    .orderBy('tasks.deadline')
    .orderBy('tasks.id')
    .limit(MAX_TASKS + 1)
    .execute();
  if (tasks.length === 0) {
    throw new Invalid(
      {
        vi: `${target ? target.name : 'Không đơn vị nào'} không có nhiệm vụ quá hạn để đôn đốc.`,
        en: `${target ? target.name : 'No unit'} has no overdue task to urge.`,
      },
      'unitId',
    );
  }
  if (tasks.length > MAX_TASKS) {
    throw new Invalid(
      {
        vi: `Quá nhiều nhiệm vụ quá hạn (trên ${MAX_TASKS}); hãy lập văn bản cho từng đơn vị.`,
        en: `Too many overdue tasks (over ${MAX_TASKS}); draft one letter per unit.`,
      },
      'unitId',
    );
  }
  const me = await ctx.db
    .selectFrom('users as u')
    .innerJoin('units as un', 'un.id', 'u.unit_id')
    .select(['u.full_name', 'un.id as unit_id', 'un.code', 'un.name'])
    .where('u.id', '=', p.userId)
    .executeTakeFirstOrThrow();
  const unitNames = [...new Set(tasks.map((t) => t.lead_name))];
  const recipients = target ? target.name : unitNames.join('; ');
  const addressee = target ? target.name : 'các đơn vị có tên trong danh sách';
  const reportBy = vnDate(addDays(today, 7));
  const org = await getOrganisation(ctx.db);
  // The signer is the configured default for urging letters, never simply the drafting officer.
  const signer = await signatureFor(ctx.db, 'urging_letter');
  return ctx.db.transaction().execute(async (trx) => {
    const letter = await trx
      .insertInto('urging_letters')
      .values({
        target_unit_id: target?.id ?? null,
        issuer_unit_id: me.unit_id,
        number_symbol: `      /${me.code}-ĐĐ`,
        place: org.place,
        letter_date: today,
        subject: 'đôn đốc thực hiện các nhiệm vụ quá hạn',
        recipients,
        opening:
          `Qua theo dõi tình hình thực hiện các nhiệm vụ được giao, đến ngày ${vnDate(today)}, ${addressee} còn ${tasks.length} nhiệm vụ đã quá thời hạn nhưng chưa hoàn thành (danh sách kèm theo).\n` +
          `Để bảo đảm tiến độ, chất lượng thực hiện nhiệm vụ, ${me.name} đề nghị ${addressee} khẩn trương chỉ đạo thực hiện, hoàn thành các nhiệm vụ nêu trên và báo cáo kết quả trước ngày ${reportBy}.`,
        closing: `Quá thời hạn trên, nếu nhiệm vụ chưa hoàn thành, đề nghị đơn vị báo cáo rõ nguyên nhân, trách nhiệm của tổ chức, cá nhân liên quan để tổng hợp, báo cáo Chủ tịch ${org.shortName || org.name}./.`,
        signer_title: signer?.lines.join('\n') ?? '',
        signer_name: signer?.name ?? '',
        copies_to: `- Như trên;\n- Chủ tịch ${org.shortName || org.name} (để báo cáo);\n- Lưu: VT.`,
        created_by: p.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('urging_letter_tasks')
      .values(
        tasks.map((t, i) => ({
          letter_id: letter.id,
          task_id: t.id,
          position: i + 1,
          lead_unit_id: t.lead_unit_id,
          document_number: t.number_symbol,
          content: t.content,
          deadline: t.deadline!,
          days_overdue: daysBetween(t.deadline!, today),
        })),
      )
      .execute();
    await appendAudit(trx, {
      actorUserId: p.userId,
      action: 'urging_letter_drafted',
      entity: 'urging_letter',
      entityId: letter.id,
      data: { targetUnitId: target?.id ?? null, taskIds: tasks.map((t) => t.id) },
    });
    return letter.id;
  });
}

export async function loadLetter(ctx: AppContext, p: Principal, id: number) {
  const letter = await ctx.db
    .selectFrom('urging_letters as l')
    .innerJoin('units as iu', 'iu.id', 'l.issuer_unit_id')
    .leftJoin('units as ip', 'ip.id', 'iu.parent_id')
    .leftJoin('units as tu', 'tu.id', 'l.target_unit_id')
    .selectAll('l')
    .select([
      'iu.name as issuer_name',
      'iu.path as issuer_path',
      'ip.name as issuer_parent_name',
      'tu.name as target_name',
    ])
    .where('l.id', '=', id)
    .executeTakeFirst();
  if (!letter || !canSeeLetter(p, letter, letter.issuer_path)) throw notFound(LETTER, id);
  const rows = await ctx.db
    .selectFrom('urging_letter_tasks as lt')
    .innerJoin('units as u', 'u.id', 'lt.lead_unit_id')
    .innerJoin('tasks as t', 't.id', 'lt.task_id')
    .select([
      'lt.task_id',
      'lt.position',
      'lt.document_number',
      'lt.content',
      'lt.deadline',
      'u.id as unit_id',
      'u.name as unit_name',
      't.state',
      't.urge_count',
    ])
    .where('lt.letter_id', '=', id)
    .orderBy('lt.position')
    .execute();
  // A letter lists tasks by content: a reader who may not see one of them (a leader of other
  // fields) may not read the letter either, unless it is their own.
  if (letter.created_by !== p.userId) {
    const visible = await visibleTaskIds(
      ctx.db,
      p,
      rows.map((r) => r.task_id),
    );
    if (rows.some((r) => !visible.has(r.task_id))) throw notFound(LETTER, id);
  }
  // The units' own explanations (causes, committed date) stand beside each task they concern.
  const explanations = await answersForTasks(
    ctx.db,
    rows.map((r) => r.task_id),
  );
  return { letter, rows: rows.map((r) => ({ ...r, explanation: explanations.get(r.task_id) ?? null })) };
}

export type LoadedLetter = Awaited<ReturnType<typeof loadLetter>>;

export function presentLetter({ letter: l, rows }: LoadedLetter) {
  return {
    id: l.id,
    status: l.status,
    version: l.version,
    targetUnit: l.target_unit_id ? { id: l.target_unit_id, name: l.target_name } : null,
    issuerUnit: { id: l.issuer_unit_id, name: l.issuer_name },
    numberSymbol: l.number_symbol,
    place: l.place,
    letterDate: l.letter_date,
    subject: l.subject,
    recipients: l.recipients,
    opening: l.opening,
    closing: l.closing,
    signerTitle: l.signer_title,
    signerName: l.signer_name,
    copiesTo: l.copies_to,
    createdAt: l.created_at,
    issuedAt: l.issued_at,
    tasks: rows.map((r) => ({
      taskId: r.task_id,
      documentNumber: r.document_number,
      content: r.content,
      leadUnit: { id: r.unit_id, name: r.unit_name },
      deadline: r.deadline,
      daysOverdue: Math.max(0, daysBetween(r.deadline, l.letter_date)),
      state: r.state,
      urgeCount: r.urge_count,
      explanation: r.explanation,
    })),
  };
}

export function layoutOf({ letter: l, rows }: LoadedLetter): LetterLayout {
  return {
    issuerParent: l.issuer_parent_name,
    issuer: l.issuer_name,
    numberSymbol: l.number_symbol.trim() ? l.number_symbol : '…',
    place: l.place,
    letterDate: l.letter_date,
    subject: l.subject,
    recipients: l.recipients,
    opening: l.opening,
    closing: l.closing,
    signerTitle: l.signer_title,
    signerName: l.signer_name,
    copiesTo: l.copies_to,
    rows: rows.map((r) => ({
      documentNumber: r.document_number,
      content: r.content,
      leadUnit: r.unit_name,
      deadline: r.deadline,
      daysOverdue: Math.max(0, daysBetween(r.deadline, l.letter_date)),
      explanation: r.explanation
        ? [r.explanation.causeNames, r.explanation.committedOn ? `cam kết ${vnDate(r.explanation.committedOn)}` : '']
            .filter(Boolean)
            .join('; ')
        : '',
    })),
  };
}

export async function listLetters(ctx: AppContext, p: Principal) {
  const grants = urgingGrants(p);
  const rows = await ctx.db
    .selectFrom('urging_letters as l')
    .innerJoin('units as iu', 'iu.id', 'l.issuer_unit_id')
    .leftJoin('units as tu', 'tu.id', 'l.target_unit_id')
    .select([
      'l.id',
      'l.status',
      'l.number_symbol',
      'l.letter_date',
      'l.recipients',
      'l.created_at',
      'l.issued_at',
      'tu.name as target_name',
    ])
    .select((eb) =>
      eb
        .selectFrom('urging_letter_tasks as lt')
        .select(sql<number>`count(*)::int`.as('n'))
        .whereRef('lt.letter_id', '=', 'l.id')
        .as('task_count'),
    )
    .where((eb) =>
      eb.or([eb('l.created_by', '=', p.userId), ...grants.map((g) => eb('iu.path', 'like', `${g.scopePath}%`))]),
    )
    .orderBy('l.id', 'desc')
    .limit(200)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    status: r.status,
    numberSymbol: r.number_symbol,
    letterDate: r.letter_date,
    recipients: r.recipients,
    targetUnit: r.target_name,
    taskCount: r.task_count ?? 0,
    createdAt: r.created_at,
    issuedAt: r.issued_at,
  }));
}

/** The officer's edits to a draft; an issued letter is final. */
export async function editLetter(ctx: AppContext, p: Principal, id: number, e: LetterEdit): Promise<void> {
  urgingGrants(p);
  await loadLetter(ctx, p, id);
  await ctx.db.transaction().execute(async (trx) => {
    const current = await trx
      .selectFrom('urging_letters')
      .select(['status', 'version'])
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirstOrThrow();
    if (current.status !== 'draft') throw alreadyIssued();
    if (current.version !== e.version) throw staleVersion();
    const chosen = e.signerId ? await signatureFor(trx, 'urging_letter', e.signerId) : null;
    if (e.taskIds) {
      const listed = (
        await trx.selectFrom('urging_letter_tasks').select('task_id').where('letter_id', '=', id).execute()
      ).map((r) => r.task_id);
      const unknown = e.taskIds.filter((t) => !listed.includes(t));
      if (unknown.length)
        throw new Invalid(
          {
            vi: `Nhiệm vụ không có trong dự thảo: ${unknown.join(', ')}.`,
            en: `Tasks not in the draft: ${unknown.join(', ')}.`,
          },
          'taskIds',
        );
      if (e.taskIds.length === 0)
        throw new Invalid(
          { vi: 'Văn bản phải còn ít nhất một nhiệm vụ.', en: 'The letter must list at least one task.' },
          'taskIds',
        );
      await trx
        .deleteFrom('urging_letter_tasks')
        .where('letter_id', '=', id)
        .where('task_id', 'not in', e.taskIds)
        .execute();
    }
    await trx
      .updateTable('urging_letters')
      .set({
        number_symbol: e.numberSymbol,
        place: e.place,
        letter_date: e.letterDate,
        subject: e.subject,
        recipients: e.recipients,
        opening: e.opening,
        closing: e.closing,
        signer_title: chosen ? chosen.lines.join('\n') : e.signerTitle,
        signer_name: chosen ? chosen.name : e.signerName,
        copies_to: e.copiesTo,
        version: current.version + 1,
      })
      .where('id', '=', id)
      .execute();
    await appendAudit(trx, {
      actorUserId: p.userId,
      action: 'urging_letter_edited',
      entity: 'urging_letter',
      entityId: id,
      data: { numberSymbol: e.numberSymbol, letterDate: e.letterDate, taskIds: e.taskIds ?? null },
    });
  });
}

export const alreadyIssued = () =>
  new Conflict({
    vi: 'Văn bản đã ban hành, không thể sửa hay ban hành lại.',
    en: 'The letter was already issued; it cannot be edited or issued again.',
  });
