import {
  vnDate,
  vnNumber,
  vnPercent,
  withVnDates,
  type BodyBlock,
  type OfficialDocument,
} from '../exports/official-document.js';
import { officialDocx } from '../exports/official-docx.js';
import { officialPdf } from '../exports/official-pdf.js';
import type { DocumentIssue as BriefingIssue } from '../settings/document-issue.js';
import type { BriefingData } from './briefing.js';

const n = vnNumber;

function body(d: BriefingData): BodyBlock[] {
  const [y, m] = d.month.split('-');
  const t = d.dueThisMonth.totals;
  const blocks: BodyBlock[] = [
    {
      kind: 'paragraph',
      text: `Số liệu tính đến hết ngày ${vnDate(d.cutoff)}, lập ngày ${vnDate(d.generatedOn)}, về tình hình thực hiện nhiệm vụ và kết quả kiểm tra công vụ tháng ${m}/${y}.`,
    },
    { kind: 'heading', text: '1. Nhiệm vụ đến hạn trong tháng' },
    {
      kind: 'table',
      header: [
        'Tổng số',
        'Hoàn thành đúng hạn',
        'Hoàn thành quá hạn',
        'Đang thực hiện trong hạn',
        'Quá hạn (tồn đọng)',
        'Tỷ lệ đúng hạn',
      ],
      widths: [1, 1, 1, 1, 1, 1],
      align: ['center', 'center', 'center', 'center', 'center', 'center'],
      rows: [[n(t.assigned), n(t.onTime), n(t.late), n(t.inProgress), n(t.overdue), vnPercent(t.onTimeRate)]],
    },
    { kind: 'heading', text: '2. Đơn vị còn nhiều nhiệm vụ tồn đọng (tính từ đầu kỳ theo dõi)' },
    {
      kind: 'paragraph',
      text: `Toàn thành phố: ${n(d.backlog.totals.overdue)} nhiệm vụ quá hạn trên ${n(d.backlog.totals.assigned)} nhiệm vụ đã giao (${vnPercent(d.backlog.totals.overdueRate)}).`,
    },
    {
      kind: 'table',
      header: ['Đơn vị', 'Đã giao', 'Quá hạn', 'Tỷ lệ quá hạn', 'Tỷ lệ đúng hạn'],
      widths: [40, 12, 12, 18, 18],
      align: ['left', 'center', 'center', 'center', 'center'],
      rows: d.backlog.mostBacklog.map((r) => [
        r.label,
        n(r.assigned),
        n(r.overdue),
        vnPercent(r.overdueRate),
        vnPercent(r.onTimeRate),
      ]),
    },
    {
      kind: 'heading',
      text: `3. Nhiệm vụ vẫn quá hạn sau ${n(d.overdueAfterUrgings.urgings)} lần đôn đốc trở lên (${n(d.overdueAfterUrgings.items.length)} nhiệm vụ)`,
    },
  ];
  if (d.overdueAfterUrgings.items.length === 0) blocks.push({ kind: 'paragraph', text: 'Không có.' });
  else
    blocks.push({
      kind: 'table',
      header: ['STT', 'Nội dung nhiệm vụ', 'Đơn vị chủ trì', 'Thời hạn', 'Số lần đôn đốc'],
      widths: [6, 50, 22, 12, 10],
      align: ['center', 'left', 'left', 'center', 'center'],
      rows: d.overdueAfterUrgings.items.map((x, i) => [
        String(i + 1),
        x.content,
        x.leadUnit,
        vnDate(x.deadline),
        n(x.urgings),
      ]),
    });
  blocks.push({ kind: 'heading', text: '4. Nguyên nhân chậm và giải trình của các đơn vị' }, ...causeBlocks(d));
  blocks.push({ kind: 'heading', text: `5. Kết quả kiểm tra công vụ trong tháng (${n(d.inspections.length)} cuộc)` });
  if (d.inspections.length === 0)
    blocks.push({ kind: 'paragraph', text: 'Không có kết luận kiểm tra nào ban hành trong tháng.' });
  for (const [i, r] of d.inspections.entries()) {
    blocks.push({
      kind: 'heading',
      text: `5.${i + 1}. ${r.unit.name}: Kết luận số ${r.conclusionNumber ?? '…'} ngày ${vnDate(r.concludedOn)}${r.published ? ' (đã công khai)' : ''}`,
    });
    blocks.push({ kind: 'paragraph', text: `Kết quả kiểm tra: ${r.findings}` });
    blocks.push({ kind: 'paragraph', text: `Kết luận: ${r.conclusion}` });
    if (r.responsibilities.length)
      blocks.push({
        kind: 'table',
        header: ['Cá nhân', 'Chức vụ', 'Trách nhiệm', 'Hình thức xử lý'],
        widths: [20, 20, 40, 20],
        rows: r.responsibilities.map((x) => [x.personName, x.position ?? '', x.fault, x.measure ?? '']),
      });
    if (r.recommendations.length)
      blocks.push({
        kind: 'table',
        header: ['Kiến nghị', 'Hạn', 'Nhiệm vụ theo dõi'],
        widths: [64, 16, 20],
        align: ['left', 'center', 'center'],
        rows: r.recommendations.map((x) => [x.content, vnDate(x.deadline), x.taskId ? `số ${x.taskId}` : '']),
      });
  }
  blocks.push({ kind: 'heading', text: '6. Các đơn vị được nêu tên' });
  blocks.push({ kind: 'paragraph', text: d.unitsNamed.length ? d.unitsNamed.join('; ') + '.' : 'Không có.' });
  blocks.push({ kind: 'heading', text: 'Phương pháp tính' });
  for (const line of [
    d.method.asOf.vi,
    d.method.completion.vi,
    d.method.extension.vi,
    ...Object.values(d.method.rates).map((r) => r.vi),
  ])
    blocks.push({ kind: 'note', text: withVnDates(line) });
  return blocks;
}

/** The causes table: per unit, tasks with causes given, objective and subjective mentions, the top cause, requests. */
function causeBlocks(d: BriefingData): BodyBlock[] {
  const units = d.causes.units.slice(0, 15);
  if (units.length === 0)
    return [{ kind: 'paragraph', text: 'Chưa có đơn vị nào nêu nguyên nhân chậm hoặc được yêu cầu giải trình.' }];
  const name = (code: string) => d.causes.causes.find((c) => c.code === code)?.nameVi ?? 'Nguyên nhân khác';
  return [
    {
      kind: 'table',
      header: [
        'Đơn vị',
        'Nhiệm vụ nêu nguyên nhân',
        'Khách quan',
        'Chủ quan',
        'Nguyên nhân nhiều nhất',
        'Giải trình trong tháng (đã trả lời/yêu cầu)',
        'Quá hạn giải trình',
      ],
      widths: [24, 12, 10, 10, 20, 14, 10],
      align: ['left', 'center', 'center', 'center', 'left', 'center', 'center'],
      rows: units.map((u) => {
        const top = Object.entries(u.counts).sort((a, b) => b[1] - a[1])[0];
        return [
          u.unitName,
          n(u.tasks),
          n(u.objective),
          n(u.subjective),
          top ? `${name(top[0])} (${n(top[1])})` : '',
          `${n(u.requests.answered)}/${n(u.requests.asked)}`,
          n(u.requests.late),
        ];
      }),
    },
  ];
}

/** The briefing as an official report (báo cáo): number, recipients, the head's and the preparer's blocks. */
export function briefingDocument(d: BriefingData, issue: BriefingIssue): OfficialDocument {
  const [y, m] = d.month.split('-');
  return {
    title: `Báo cáo giao ban tháng ${m}/${y}`,
    issuerParent: issue.issuerParent,
    issuer: issue.issuer,
    numberSymbol: issue.numberSymbol,
    place: issue.place,
    date: d.generatedOn,
    kindName: 'BÁO CÁO',
    subject: `Tình hình thực hiện nhiệm vụ và kết quả kiểm tra công vụ tháng ${m}/${y}`,
    addressees: null,
    body: body(d),
    recipients: issue.recipients,
    signatures: [
      issue.head ?? { lines: ['THỦ TRƯỞNG ĐƠN VỊ'], name: '' },
      { lines: ['NGƯỜI LẬP BÁO CÁO'], name: issue.preparer },
    ],
  };
}

export const briefingDocx = (d: BriefingData, issue: BriefingIssue) => officialDocx(briefingDocument(d, issue));
export const briefingPdf = (d: BriefingData, issue: BriefingIssue) => officialPdf(briefingDocument(d, issue));
