import { sql } from 'kysely';
import type { AppContext } from '../context.js';
import { daysInMonth, formatIsoDate } from '../domain/dates.js';
import { mulberry32 } from './history.js';

const DOSSIER_FIELDS = [
  'dat_dai',
  'xay_dung',
  'dau_tu',
  'lao_dong_tbxh',
  'giao_thong',
  'moi_truong',
  'y_te',
  'giao_duc',
  'cai_cach_hanh_chinh',
];

/**
 * Demo administrative-procedure dossier statistics: for the 24 calendar months before today,
 * each department and district reports three fields, as the one-stop-shop system would export
 * them. Deterministic; some units resolve late more often, as in the task history.
 */
export async function seedDossiers(ctx: AppContext, createdBy: number | null): Promise<number> {
  const rnd = mulberry32(1904);
  const units = await ctx.db
    .selectFrom('units')
    .select('id')
    .where('kind', 'in', ['department', 'district'])
    .orderBy('id')
    .execute();
  const today = ctx.clock.today();
  let y = Number(today.slice(0, 4));
  let m = Number(today.slice(5, 7));
  const months: { start: string; end: string }[] = [];
  for (let i = 0; i < 24; i++) {
    m -= 1;
    if (m === 0) [y, m] = [y - 1, 12];
    months.push({ start: formatIsoDate(y, m, 1), end: formatIsoDate(y, m, daysInMonth(y, m)) });
  }
  const rows: {
    unit: number;
    field: string;
    start: string;
    end: string;
    received: number;
    onTime: number;
    late: number;
    pendingOnTime: number;
    pendingOverdue: number;
  }[] = [];
  for (const u of units) {
    const lateShare = rnd() < 0.2 ? 0.1 + rnd() * 0.15 : rnd() * 0.05;
    const fields = [...DOSSIER_FIELDS].sort(() => rnd() - 0.5).slice(0, 3);
    const size = 20 + Math.floor(rnd() * 200);
    for (const field of fields) {
      for (const p of months) {
        const received = Math.floor(size * (0.6 + rnd() * 0.8));
        const pending = Math.floor(received * rnd() * 0.15);
        const pendingOverdue = Math.floor(pending * lateShare * 2);
        const resolved = received - pending;
        const late = Math.floor(resolved * lateShare);
        rows.push({
          unit: u.id,
          field,
          ...p,
          received,
          onTime: resolved - late,
          late,
          pendingOnTime: pending - pendingOverdue,
          pendingOverdue,
        });
      }
    }
  }
  if (rows.length === 0) return 0;
  const col = <T>(f: (r: (typeof rows)[number]) => T) => rows.map(f);
  await sql`insert into dossier_stats (unit_id, field_code, period_start, period_end, received, resolved_on_time, resolved_late, pending_on_time, pending_overdue, source, created_by)
    select u, f, s, e, r, ot, l, po, pd, 'demo', ${createdBy}::int from unnest(${col((r) => r.unit)}::int[], ${col((r) => r.field)}::text[], ${col((r) => r.start)}::date[], ${col((r) => r.end)}::date[],
      ${col((r) => r.received)}::int[], ${col((r) => r.onTime)}::int[], ${col((r) => r.late)}::int[], ${col((r) => r.pendingOnTime)}::int[], ${col((r) => r.pendingOverdue)}::int[]) as t(u, f, s, e, r, ot, l, po, pd)
    on conflict do nothing`.execute(ctx.db);
  return rows.length;
}
