import { describe, expect, it } from 'vitest';
import { loadDirectives } from '../../../test/helpers/directives.js';
import { readDeadline } from './deadline-phrases.js';
import { scoreDirectives } from './extraction-score.js';
import { extractTasks } from './task-extraction.js';
import { buildAliases, findUnits, foldText, type NamedUnit } from './unit-names.js';

/** Reading tasks from directive text: the rules on tables of cases, and the measured quality. */
const UNITS: NamedUnit[] = [
  { id: 1, code: 'UBND', name: 'Ủy ban nhân dân Thành phố', kind: 'authority' },
  { id: 2, code: 'SKHDT', name: 'Sở Kế hoạch và Đầu tư', kind: 'department' },
  { id: 3, code: 'STNMT', name: 'Sở Tài nguyên và Môi trường', kind: 'department' },
  { id: 4, code: 'SXD', name: 'Sở Xây dựng', kind: 'department' },
  { id: 5, code: 'SLDTBXH', name: 'Sở Lao động - Thương binh và Xã hội', kind: 'department' },
  { id: 6, code: 'Q.BADINH', name: 'Quận Ba Đình', kind: 'district' },
  { id: 7, code: 'H.BAVI', name: 'Huyện Ba Vì', kind: 'district' },
  { id: 8, code: 'VPUB', name: 'Văn phòng Ủy ban nhân dân Thành phố', kind: 'department' },
  { id: 9, code: 'CATP', name: 'Công an Thành phố Hà Nội', kind: 'department' },
  { id: 10, code: 'P.HOANKIEM', name: 'Phường Hoàn Kiếm', kind: 'ward' },
  { id: 11, code: 'X.SOCSON', name: 'Xã Sóc Sơn', kind: 'commune' },
];
const aliases = buildAliases(UNITS);
const unitsIn = (text: string) => findUnits(foldText(text), aliases).map((m) => m.unitIds);

describe('unit names', () => {
  it.each([
    ['Sở Kế hoạch và Đầu tư', [[2]]],
    ['Sở KH&ĐT', [[2]]],
    ['So KHDT', [[2]]],
    ['sở tn&mt', [[3]]],
    ['Sở LĐ-TB&XH', [[5]]],
    ['Sở Lao động, Thương binh và Xã hội', [[5]]],
    ['UBND TP', [[1]]],
    ['Văn phòng UBND Thành phố', [[8]]],
    ['Công an TP', [[9]]],
    ['Cong an Thanh pho Ha Noi', [[9]]],
    ['UBND quận Ba Đình', [[6]]],
    ['UBND huyen Ba Vi', [[7]]],
    ['các sở, ban, ngành Thành phố', [[2, 3, 4, 5, 8, 9]]],
    ['UBND các quận, huyện, thị xã', [[6, 7]]],
    ['UBND các xã, phường', [[10, 11]]],
    ['giao thông vận tải', []],
  ])('%s', (text, expected) => {
    expect(unitsIn(text)).toEqual(expected);
  });
});

describe('deadline phrases', () => {
  const on = (text: string, issuedOn = '2026-05-04') => readDeadline(foldText(text), issuedOn).deadline;
  it.each([
    ['hoàn thành trước ngày 30/6/2026', { kind: 'fixed', date: '2026-06-30' }],
    ['trước 30/6', { kind: 'fixed', date: '2026-06-30' }],
    ['trước ngày 15/01', { kind: 'fixed', date: '2027-01-15' }],
    ['chậm nhất ngày 15 tháng 7 năm 2026', { kind: 'fixed', date: '2026-07-15' }],
    ['hoàn thành trong tháng 7', { kind: 'fixed', date: '2026-07-31' }],
    ['xong trong tháng 2 năm 2027', { kind: 'fixed', date: '2027-02-28' }],
    ['trong quý III', { kind: 'fixed', date: '2026-09-30' }],
    ['Quý IV/2026', { kind: 'fixed', date: '2026-12-31' }],
    ['trong 6 tháng đầu năm', { kind: 'fixed', date: '2026-06-30' }],
    ['trong năm 2026', { kind: 'fixed', date: '2026-12-31' }],
    ['trong 10 ngày làm việc', { kind: 'working_days', days: 10, from: 'document' }],
    ['trong 5 ngày làm việc kể từ ngày nhận được văn bản', { kind: 'working_days', days: 5, from: 'receipt' }],
    [
      'báo cáo hằng tháng, trước ngày 20',
      { kind: 'periodic', period: 'monthly', from: '2026-05-04', until: '2026-12-31', dueDay: 20 },
    ],
    ['định kỳ hàng quý', { kind: 'periodic', period: 'quarterly', from: '2026-05-04', until: '2026-12-31' }],
    ['báo cáo 6 tháng và hằng năm', { kind: 'periodic', period: 'yearly', from: '2026-05-04', until: '2026-12-31' }],
    ['thực hiện thường xuyên', { kind: 'none' }],
    ['tổ chức kiểm tra', { kind: 'none' }],
    ['trước ngày 31/2/2026', { kind: 'none' }],
  ])('%s', (text, expected) => {
    expect(on(text)).toEqual(expected);
  });
});

describe('tasks of a text', () => {
  const tasks = (text: string) =>
    extractTasks(text, '2026-05-04', UNITS).map((t) => [t.leadUnitId, t.coordinatingUnitIds, t.deadline.kind]);
  it.each([
    [
      'giao … chủ trì, phối hợp với …',
      '1. Giao Sở Xây dựng chủ trì, phối hợp với Sở KH&ĐT, UBND quận Ba Đình rà soát các dự án chậm tiến độ.',
      [[4, [2, 6], 'none']],
    ],
    [
      'X chủ trì after the verb phrase',
      '2. Sở TN&MT chủ trì, phối hợp Sở Xây dựng kiểm tra các bãi rác, trước 30/6/2026.',
      [[3, [4], 'fixed']],
    ],
    [
      'several leads give several tasks',
      '3. Sở Xây dựng, Sở KH&ĐT chủ trì rà soát quy hoạch; báo cáo UBND Thành phố trong quý III.',
      [
        [4, [], 'fixed'],
        [2, [], 'fixed'],
      ],
    ],
    [
      'a collective lead is expanded',
      '4. UBND các quận, huyện, thị xã chủ động kiểm tra, thường xuyên.',
      [
        [6, [], 'none'],
        [7, [], 'none'],
      ],
    ],
    [
      'the recipient of a report is not a lead',
      '5. Đề nghị Công an Thành phố điều tra; báo cáo UBND Thành phố trước 15/7/2026.',
      [[9, [], 'fixed']],
    ],
    [
      'a task over two sentences takes the deadline of the second',
      '6. Sở Xây dựng rà soát hồ sơ các dự án nhà ở xã hội. Thời hạn hoàn thành trong tháng 8.',
      [[4, [], 'fixed']],
    ],
    [
      'sub-items under a unit heading are its tasks',
      '7. Sở Tài nguyên và Môi trường:\na) Chủ trì, phối hợp với Sở Xây dựng kiểm tra đất công.\nb) Rà soát đất bỏ hoang, hoàn thành trong quý IV.',
      [
        [3, [4], 'none'],
        [3, [], 'fixed'],
      ],
    ],
    [
      'preambles and closings are not tasks',
      'Căn cứ Luật Tổ chức chính quyền địa phương;\nĐể nâng cao hiệu quả, Chủ tịch UBND Thành phố chỉ thị:\nYêu cầu các đơn vị nghiêm túc thực hiện Chỉ thị này./.',
      [],
    ],
    [
      'a table is read row by row',
      'TT | Nội dung | Chủ trì | Phối hợp | Thời hạn | Sản phẩm\n1 | Lập quy hoạch | Sở Xây dựng | Sở TN&MT | Quý II/2026 | Quy hoạch\n2 | Kiểm tra | Sở LĐ-TB&XH | | Hằng tháng | Báo cáo',
      [
        [4, [3], 'fixed'],
        [5, [], 'periodic'],
      ],
    ],
  ])('%s', (_, text, expected) => {
    expect(tasks(text)).toEqual(expected);
  });

  it('keeps the source sentence and the paragraph, and proposes the product', () => {
    const [t] = extractTasks(
      'II. NHIỆM VỤ\n2. Sở Xây dựng chủ trì xây dựng dự thảo Quyết định quy định về cấp phép, trình UBND Thành phố trước 30/9/2026.',
      '2026-05-04',
      UNITS,
    );
    expect(t).toMatchObject({
      paragraph: 'II.2',
      expectedProduct: 'Dự thảo Quyết định quy định về cấp phép',
      deadline: { kind: 'fixed', date: '2026-09-30' },
    });
    expect(t!.source).toContain('Sở Xây dựng chủ trì');
  });
});

describe('quality on the labelled development set (test/fixtures/directives)', () => {
  it('finds tasks with F1 ≥ 0.9 and the lead unit with accuracy ≥ 0.9', () => {
    const set = loadDirectives();
    expect(set.length).toBeGreaterThanOrEqual(12);
    const r = scoreDirectives(set);
    expect(r.task.f1, r.misses.join('\n')).toBeGreaterThanOrEqual(0.9);
    expect(r.leadAccuracy, r.misses.join('\n')).toBeGreaterThanOrEqual(0.9);
  });
});
