import type { AppContext } from '../context.js';
import type { Principal } from '../domain/access.js';
import { createDocument } from '../features/documents/service.js';
import { loadGrants } from '../features/auth/queries.js';
import { FIELDS } from './fields.js';
import { generateHistory, shiftDate } from './history.js';
import { insertHistory } from './insert-history.js';
import { seedOrganisation, type Organisation } from './organisation.js';
import { seedDossiers } from './dossiers.js';

/**
 * The demo: the organisation, the seed document 2812/UBND-TKBT with its tasks as the
 * tracking officer would enter them, and two years of generated history before today.
 */
export async function seedDemo(ctx: AppContext, options: { historyTasks?: number } = {}): Promise<Organisation> {
  const org = await seedOrganisation(ctx.db);
  const officerId = org.userIds.get('chuyenvien')!;
  const today = ctx.clock.today();
  const unitId = (code: string) => org.unitIds.get(code)!;
  const leadUnits = (
    await ctx.db.selectFrom('units').select('id').where('kind', 'in', ['department', 'district']).execute()
  ).map((u) => u.id);
  const { documents, tasks } = generateHistory({
    seed: 2812,
    tasks: options.historyTasks ?? 2500,
    from: shiftDate(today, -730),
    until: today,
    leadUnitIds: leadUnits,
    authorityUnitIds: ['UBND', 'CTUBND', 'TU', 'TTG', 'HDND'].map(unitId),
    fieldCodes: FIELDS.map((f) => f.code),
    actorUserId: officerId,
  });
  await insertHistory(ctx.db, documents, tasks, officerId);
  await createSeedDocument(
    ctx,
    { userId: officerId, unitId: unitId('VPUB'), grants: await loadGrants(ctx.db, officerId) },
    unitId,
  );
  await seedDossiers(ctx, officerId);
  await seedSigners(ctx);
  return org;
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
