import { sql } from 'kysely';
import type { AppContext } from '../../context.js';
import { hasRole, type Principal } from '../../domain/access.js';
import { parseDateCell } from '../files/table-file.js';
import type { Message } from '../../errors.js';
import { appendAudit } from '../audit/service.js';
import type { DossierColumn, RawRow } from './dossier-parse.js';

/**
 * Administrative-procedure dossier statistics (DESIGN.md §7), imported per unit, field and
 * period: a dry run reports every row's problems and changes nothing; an apply writes every
 * row or, if any row is wrong, none.
 */
export interface DossierRow {
  line: number;
  unitId: number;
  unitCode: string;
  fieldCode: string;
  periodStart: string;
  periodEnd: string;
  received: number;
  resolvedOnTime: number;
  resolvedLate: number;
  pendingOnTime: number;
  pendingOverdue: number;
}

export interface RowError {
  line: number;
  field: DossierColumn | 'row';
  message: Message;
}

const COUNTS = ['received', 'resolvedOnTime', 'resolvedLate', 'pendingOnTime', 'pendingOverdue'] as const;
const LABEL: Record<DossierColumn, string> = {
  unitCode: 'mã đơn vị',
  fieldCode: 'mã lĩnh vực',
  periodStart: 'từ ngày',
  periodEnd: 'đến ngày',
  received: 'tiếp nhận',
  resolvedOnTime: 'giải quyết đúng hạn',
  resolvedLate: 'giải quyết quá hạn',
  pendingOnTime: 'đang giải quyết trong hạn',
  pendingOverdue: 'đang giải quyết quá hạn',
};

interface Refs {
  units: Map<string, { id: number; path: string }>;
  fields: Set<string>;
  /** The unit paths the caller may import for; null means any. */
  scopes: string[] | null;
}

async function loadRefs(ctx: AppContext, p: Principal): Promise<Refs> {
  const units = await ctx.db.selectFrom('units').select(['id', 'code', 'path']).execute();
  const fields = await ctx.db.selectFrom('fields').select('code').execute();
  const scopes = hasRole(p, 'admin', 'officer')
    ? null
    : p.grants.filter((g) => g.role === 'unit_head' || g.role === 'clerk').map((g) => g.scopePath);
  return {
    units: new Map(units.map((u) => [u.code.toUpperCase(), { id: u.id, path: u.path }])),
    fields: new Set(fields.map((f) => f.code)),
    scopes,
  };
}

function checkRow(raw: RawRow, refs: Refs, errors: RowError[]): DossierRow | null {
  const before = errors.length;
  const err = (field: RowError['field'], vi: string, en: string) =>
    errors.push({ line: raw.line, field, message: { vi: `Dòng ${raw.line}: ${vi}`, en: `Line ${raw.line}: ${en}` } });
  const unit = refs.units.get((raw.unitCode ?? '').toUpperCase());
  if (!unit)
    err('unitCode', `không có đơn vị mã "${raw.unitCode ?? ''}".`, `no unit with code "${raw.unitCode ?? ''}".`);
  else if (refs.scopes && !refs.scopes.some((s) => unit.path.startsWith(s)))
    err('unitCode', `đơn vị "${raw.unitCode}" ngoài phạm vi của bạn.`, `unit "${raw.unitCode}" is outside your scope.`);
  if (!refs.fields.has(raw.fieldCode ?? ''))
    err('fieldCode', `không có lĩnh vực mã "${raw.fieldCode ?? ''}".`, `no field with code "${raw.fieldCode ?? ''}".`);
  const start = parseDateCell(raw.periodStart);
  const end = parseDateCell(raw.periodEnd);
  if (!start)
    err(
      'periodStart',
      `"${LABEL.periodStart}" không phải ngày hợp lệ (YYYY-MM-DD hoặc dd/mm/yyyy).`,
      'period start is not a valid date (YYYY-MM-DD or dd/mm/yyyy).',
    );
  if (!end)
    err(
      'periodEnd',
      `"${LABEL.periodEnd}" không phải ngày hợp lệ (YYYY-MM-DD hoặc dd/mm/yyyy).`,
      'period end is not a valid date (YYYY-MM-DD or dd/mm/yyyy).',
    );
  if (start && end && end < start) err('periodEnd', 'đến ngày trước từ ngày.', 'the period ends before it starts.');
  const n = {} as Record<(typeof COUNTS)[number], number>;
  for (const c of COUNTS) {
    const text = raw[c] ?? '';
    if (text === '' && c !== 'received') n[c] = 0;
    else if (!/^\d{1,9}$/.test(text))
      err(
        c,
        `"${LABEL[c]}" phải là số nguyên không âm (đang là "${text}").`,
        `${c} must be a non-negative whole number (got "${text}").`,
      );
    else n[c] = Number(text);
  }
  if (errors.length === before && n.resolvedOnTime + n.resolvedLate + n.pendingOnTime + n.pendingOverdue > n.received) {
    err('received', 'tổng số đã và đang giải quyết lớn hơn số tiếp nhận.', 'resolved plus pending exceeds received.');
  }
  if (errors.length > before) return null;
  return {
    line: raw.line,
    unitId: unit!.id,
    unitCode: raw.unitCode!.toUpperCase(),
    fieldCode: raw.fieldCode!,
    periodStart: start!,
    periodEnd: end!,
    ...n,
  };
}

/** Checks every row; duplicates of one unit, field and period in the same file are errors too. */
export async function validateDossierRows(ctx: AppContext, p: Principal, raws: RawRow[]) {
  const refs = await loadRefs(ctx, p);
  const errors: RowError[] = [];
  const rows: DossierRow[] = [];
  const seen = new Map<string, number>();
  for (const raw of raws) {
    const row = checkRow(raw, refs, errors);
    if (!row) continue;
    const key = `${row.unitId}|${row.fieldCode}|${row.periodStart}|${row.periodEnd}`;
    const first = seen.get(key);
    if (first !== undefined) {
      errors.push({
        line: raw.line,
        field: 'row',
        message: {
          vi: `Dòng ${raw.line}: trùng đơn vị, lĩnh vực và kỳ với dòng ${first}.`,
          en: `Line ${raw.line}: same unit, field and period as line ${first}.`,
        },
      });
      continue;
    }
    seen.set(key, raw.line);
    rows.push(row);
  }
  return { rows, errors };
}

/** Writes all rows in one transaction (a row already there for the same unit, field and period is replaced). */
export async function applyDossierRows(
  ctx: AppContext,
  p: Principal,
  rows: DossierRow[],
  source: 'import' | 'api',
  fileName: string | null,
) {
  return ctx.db.transaction().execute(async (trx) => {
    let inserted = 0;
    for (const r of rows) {
      const values = {
        received: r.received,
        resolved_on_time: r.resolvedOnTime,
        resolved_late: r.resolvedLate,
        pending_on_time: r.pendingOnTime,
        pending_overdue: r.pendingOverdue,
        source,
        created_by: p.userId,
      };
      const res = await trx
        .insertInto('dossier_stats')
        .values({
          unit_id: r.unitId,
          field_code: r.fieldCode,
          period_start: r.periodStart,
          period_end: r.periodEnd,
          ...values,
        })
        .onConflict((oc) =>
          oc
            .columns(['unit_id', 'field_code', 'period_start', 'period_end'])
            .doUpdateSet({ ...values, created_at: new Date() }),
        )
        .returning(sql<boolean>`(xmax = 0)`.as('inserted'))
        .executeTakeFirstOrThrow();
      if (res.inserted) inserted++;
    }
    await appendAudit(trx, {
      actorUserId: p.userId,
      action: 'dossier_stats_imported',
      entity: 'dossier_stats',
      entityId: fileName ?? source,
      data: { rows: rows.length, inserted, replaced: rows.length - inserted, source },
    });
    return { inserted, replaced: rows.length - inserted };
  });
}

export async function listDossierStats(
  ctx: AppContext,
  q: { unitId?: number; fieldCode?: string; from?: string; to?: string },
) {
  let qb = ctx.db
    .selectFrom('dossier_stats as d')
    .innerJoin('units as u', 'u.id', 'd.unit_id')
    .select([
      'd.id',
      'd.unit_id',
      'u.code as unit_code',
      'u.name as unit_name',
      'd.field_code',
      'd.period_start',
      'd.period_end',
      'd.received',
      'd.resolved_on_time',
      'd.resolved_late',
      'd.pending_on_time',
      'd.pending_overdue',
      'd.source',
      'd.created_at',
    ])
    .orderBy('d.period_end', 'desc')
    .orderBy('u.code')
    .orderBy('d.field_code')
    .limit(1000);
  if (q.unitId)
    qb = qb.where(
      'd.unit_id',
      'in',
      sql<number>`(select id from units where path like (select path from units where id = ${q.unitId}) || '%')`,
    );
  if (q.fieldCode) qb = qb.where('d.field_code', '=', q.fieldCode);
  if (q.from) qb = qb.where('d.period_end', '>=', q.from);
  if (q.to) qb = qb.where('d.period_end', '<=', q.to);
  return { items: await qb.execute() };
}
