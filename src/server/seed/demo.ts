import type { AppContext } from '../context.js';
import type { Principal } from '../domain/access.js';
import { createDocument } from '../features/documents/service.js';
import { loadGrants } from '../features/auth/queries.js';
import { FIELDS } from './fields.js';
import { generateHistory, shiftDate } from './history.js';
import { insertHistory } from './insert-history.js';
import { seedOrganisation, type Organisation } from './organisation.js';
import { seedDossiers } from './dossiers.js';
import { loadOrganisation2025 } from './organisation-2025.js';
import { applyAct } from '../features/reorganisations/service.js';

/**
 * The demo: the organisation, the seed document 2812/UBND-TKBT with its tasks as the
 * tracking officer would enter them, and two years of generated history before today. With
 * `reorganised` (the `npm start` demo), Hanoi as it is today: the history crosses the 1 March
 * and 1 July 2025 reorganisations, which are then applied as acts; the 2020 units stay as history.
 */
export async function seedDemo(
  ctx: AppContext,
  options: { historyTasks?: number; reorganised?: boolean } = {},
): Promise<Organisation> {
  const org = await seedOrganisation(ctx.db);
  const officerId = org.userIds.get('chuyenvien')!;
  const today = ctx.clock.today();
  const unitId = (code: string) => org.unitIds.get(code)!;
  const total = options.historyTasks ?? 2500;
  const from = shiftDate(today, -730);
  const common = {
    until: today,
    authorityUnitIds: ['UBND', 'CTUBND', 'TU', 'TTG', 'HDND'].map(unitId),
    fieldCodes: FIELDS.map((f) => f.code),
    actorUserId: officerId,
  };
  const officer = { userId: officerId, unitId: unitId('VPUB'), grants: await loadGrants(ctx.db, officerId) };
  if (options.reorganised) {
    await seedReorganisedHistory(ctx, org, { total, from, common });
  } else {
    const leadUnitIds = (
      await ctx.db.selectFrom('units').select('id').where('kind', 'in', ['department', 'district']).execute()
    ).map((u) => u.id);
    const { documents, tasks } = generateHistory({ seed: 2812, tasks: total, from, leadUnitIds, ...common });
    await insertHistory(ctx.db, documents, tasks, officerId);
  }
  await createSeedDocument(ctx, officer, unitId);
  await seedDossiers(ctx, officerId);
  if (options.reorganised) await applyReorganisations(ctx, org);
  await seedSigners(ctx);
  return org;
}

/**
 * Two years of history across Hanoi's 2025 reorganisations: documents before 1 March 2025 go to
 * the 2020 departments and districts, from 1 March to the merged departments and the districts,
 * from 1 July to the departments and the 126 wards and communes (the units each day had).
 */
async function seedReorganisedHistory(
  ctx: AppContext,
  org: Organisation,
  o: {
    total: number;
    from: string;
    common: Omit<Parameters<typeof generateHistory>[0], 'seed' | 'tasks' | 'from' | 'leadUnitIds'>;
  },
): Promise<void> {
  await loadOrganisation2025(ctx.db, org.userIds.get('admin') ?? null);
  const units = await ctx.db.selectFrom('units').select(['id', 'kind', 'valid_from']).execute();
  const old = units.filter((u) => u.valid_from === null);
  const periods = [
    { from: o.from, to: '2025-02-28', lead: old.filter((u) => u.kind === 'department' || u.kind === 'district') },
    {
      from: '2025-03-01',
      to: '2025-06-30',
      lead: [
        ...units.filter((u) => u.kind === 'department' && u.valid_from === '2025-03-01'),
        ...old.filter((u) => u.kind === 'district'),
      ],
    },
    {
      from: '2025-07-01',
      to: o.common.until,
      lead: units.filter((u) => u.valid_from !== null && ['department', 'ward', 'commune'].includes(u.kind)),
    },
  ].filter((p) => p.from <= p.to && p.to >= o.from && p.from <= o.common.until);
  const spanDays = (a: string, b: string) => (Date.parse(b) - Date.parse(a)) / 86_400_000 + 1;
  const all = spanDays(o.from, o.common.until);
  for (const [i, p] of periods.entries()) {
    const start = p.from < o.from ? o.from : p.from;
    const { documents, tasks } = generateHistory({
      seed: 2812 + i,
      tasks: Math.max(1, Math.round((o.total * spanDays(start, p.to)) / all)),
      from: start,
      issuedUntil: p.to,
      leadUnitIds: p.lead.map((u) => u.id),
      ...o.common,
    });
    // Numbers restart in each period, as they do each year.
    for (const d of documents) d.numberSymbol = `${d.numberSymbol}-${start.slice(0, 7)}`;
    await insertHistory(ctx.db, documents, tasks, o.common.actorUserId);
  }
}

/** The acts of 1 March and 1 July 2025, applied through the same code an administrator uses. */
async function applyReorganisations(ctx: AppContext, org: Organisation): Promise<void> {
  const adminId = org.userIds.get('admin')!;
  const acts = await ctx.db
    .selectFrom('reorganisation_acts')
    .select('id')
    .where('status', '=', 'draft')
    .orderBy('effective_on')
    .execute();
  for (const { id } of acts) {
    const admin = { userId: adminId, unitId: org.unitIds.get('VPUB')!, grants: await loadGrants(ctx.db, adminId) };
    await applyAct(ctx, admin, id);
  }
}

/** Official Letter 2812/UBND-TKBT of 3 July 2020 (shared/seed), as tasks to departments and districts. */
async function createSeedDocument(
  ctx: AppContext,
  officer: Principal,
  unitId: (code: string) => number,
): Promise<void> {
  const districts = ['Q.BADINH', 'Q.HOANKIEM', 'Q.DONGDA', 'H.GIALAM'].map(unitId);
  await createDocument(ctx, officer, {
    numberSymbol: '2812/UBND-TKBT',
    kind: 'Công văn',
    issuerUnitId: unitId('UBND'),
    issuedOn: '2020-07-03',
    signer: 'Chủ tịch UBND Thành phố',
    summary:
      'Về kiểm điểm việc thực hiện nhiệm vụ của Chính phủ, Thủ tướng Chính phủ, Thành ủy, HĐND, UBND Thành phố giao',
    tasks: [
      {
        content:
          'Khẩn trương tổ chức triển khai thực hiện nghiêm túc, đảm bảo chất lượng, tiến độ các nhiệm vụ tồn đọng về thu ngân sách',
        leadUnitId: unitId('STC'),
        coordinatingUnitIds: [unitId('CTHN')],
        fieldCode: 'thu_ngan_sach',
        isKey: true,
        deadline: { kind: 'fixed', date: '2020-07-31' },
      },
      {
        content: 'Tháo gỡ khó khăn, cải thiện môi trường đầu tư kinh doanh cho người dân và doanh nghiệp',
        leadUnitId: unitId('SKHDT'),
        coordinatingUnitIds: [unitId('SCT')],
        fieldCode: 'moi_truong_dau_tu',
        isKey: true,
        deadline: { kind: 'working_days', days: 20, from: 'document' },
      },
      {
        content:
          'Chủ trì thành lập các đoàn kiểm tra công vụ, kiểm tra hằng tháng hoặc đột xuất việc thực hiện nhiệm vụ giao',
        leadUnitId: unitId('SNV'),
        coordinatingUnitIds: [],
        fieldCode: 'cai_cach_hanh_chinh',
        isKey: true,
        deadline: { kind: 'none' },
      },
      {
        content: 'Báo cáo kết quả kiểm tra công vụ tại hội nghị giao ban hằng tháng của UBND Thành phố',
        leadUnitId: unitId('SNV'),
        fieldCode: 'cai_cach_hanh_chinh',
        isKey: false,
        coordinatingUnitIds: [unitId('VPUB')],
        deadline: { kind: 'periodic', period: 'monthly', from: '2020-07-01', until: '2020-12-31' },
      },
      ...districts.map((leadUnitId) => ({
        content:
          'Tự kiểm tra, rà soát, đánh giá kết quả thực hiện nhiệm vụ; chấn chỉnh phòng, ban, cán bộ chậm giải quyết hồ sơ thủ tục hành chính',
        leadUnitId,
        coordinatingUnitIds: [],
        fieldCode: 'cai_cach_hanh_chinh',
        isKey: false,
        deadline: { kind: 'fixed' as const, date: '2020-08-15' },
      })),
    ],
  });
}

/** The city office's signers of each kind of document (NĐ 30/2020/NĐ-CP), so the demo's documents are signed. */
async function seedSigners(ctx: AppContext): Promise<void> {
  const deputy = { authority: 'KT.' as const, on_behalf_of: 'Chánh Văn phòng', title: 'Phó Chánh Văn phòng' };
  await ctx.db
    .insertInto('signers')
    .values([
      { document_kind: 'urging_letter', ...deputy, full_name: 'Trần Minh Đức', is_default: true },
      {
        document_kind: 'urging_letter',
        authority: '',
        on_behalf_of: null,
        title: 'Chánh Văn phòng',
        full_name: 'Lê Thu Hà',
      },
      {
        document_kind: 'review',
        authority: '',
        on_behalf_of: null,
        title: 'Chánh Văn phòng',
        full_name: 'Lê Thu Hà',
        is_default: true,
      },
      { document_kind: 'briefing', ...deputy, full_name: 'Trần Minh Đức', is_default: true },
      {
        document_kind: 'inspection_conclusion',
        authority: '',
        on_behalf_of: null,
        title: 'Giám đốc Sở Nội vụ',
        full_name: 'Vũ Thu Hà',
        is_default: true,
      },
    ])
    .execute();
}
