import {
  AlignmentType,
  Document,
  HeadingLevel,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces.js';
import { renderPdf } from '../exports/pdf-font.js';
import type { BriefingData } from './briefing.js';

/** The report as a few blocks, written once and rendered to DOCX and PDF alike. */
type Block =
  { kind: 'title' | 'heading' | 'text' | 'note'; text: string } | { kind: 'table'; header: string[]; rows: string[][] };

const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)}%`);
const vnDate = (iso: string | null) => (iso ? iso.split('-').reverse().join('/') : '—');

export function briefingBlocks(d: BriefingData): Block[] {
  const [y, m] = d.month.split('-');
  const t = d.dueThisMonth.totals;
  const blocks: Block[] = [
    { kind: 'title', text: `BÁO CÁO GIAO BAN THÁNG ${m}/${y}` },
    {
      kind: 'note',
      text: `Tình hình thực hiện nhiệm vụ và kết quả kiểm tra công vụ. Số liệu tính đến hết ngày ${vnDate(d.cutoff)}; lập ngày ${vnDate(d.generatedOn)}.`,
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
      rows: [[t.assigned, t.onTime, t.late, t.inProgress, t.overdue].map(String).concat(pct(t.onTimeRate))],
    },
    { kind: 'heading', text: '2. Đơn vị còn nhiều nhiệm vụ tồn đọng (tính từ đầu kỳ theo dõi)' },
    {
      kind: 'text',
      text: `Toàn thành phố: ${d.backlog.totals.overdue} nhiệm vụ quá hạn trên ${d.backlog.totals.assigned} nhiệm vụ đã giao (${pct(d.backlog.totals.overdueRate)}).`,
    },
    {
      kind: 'table',
      header: ['Đơn vị', 'Đã giao', 'Quá hạn', 'Tỷ lệ quá hạn', 'Tỷ lệ đúng hạn'],
      rows: d.backlog.mostBacklog.map((r) => [
        r.label,
        String(r.assigned),
        String(r.overdue),
        pct(r.overdueRate),
        pct(r.onTimeRate),
      ]),
    },
    { kind: 'heading', text: 'Nguyên nhân chậm và giải trình của các đơn vị' },
    ...causeBlocks(d),
    { kind: 'heading', text: `3. Kết quả kiểm tra công vụ trong tháng (${d.inspections.length} cuộc)` },
  ];
  if (d.inspections.length === 0)
    blocks.push({ kind: 'text', text: 'Không có kết luận kiểm tra nào ban hành trong tháng.' });
  for (const [i, r] of d.inspections.entries()) {
    blocks.push({
      kind: 'heading',
      text: `3.${i + 1}. ${r.unit.name} — Kết luận số ${r.conclusionNumber ?? ''} ngày ${vnDate(r.concludedOn)}${r.published ? ' (đã công khai)' : ''}`,
    });
    blocks.push({ kind: 'text', text: `Kết quả kiểm tra: ${r.findings}` });
    blocks.push({ kind: 'text', text: `Kết luận: ${r.conclusion}` });
    if (r.responsibilities.length) {
      blocks.push({
        kind: 'table',
        header: ['Cá nhân', 'Chức vụ', 'Trách nhiệm', 'Hình thức xử lý'],
        rows: r.responsibilities.map((x) => [x.personName, x.position ?? '', x.fault, x.measure ?? '']),
      });
    }
    if (r.recommendations.length) {
      blocks.push({
        kind: 'table',
        header: ['Kiến nghị', 'Hạn', 'Nhiệm vụ theo dõi'],
        rows: r.recommendations.map((x) => [x.content, vnDate(x.deadline), x.taskId ? `#${x.taskId}` : '']),
      });
    }
  }
  blocks.push({ kind: 'heading', text: '4. Các đơn vị được nêu tên' });
  blocks.push({ kind: 'text', text: d.unitsNamed.length ? d.unitsNamed.join('; ') + '.' : 'Không có.' });
  blocks.push({ kind: 'heading', text: 'Phương pháp tính' });
  for (const line of [
    d.method.asOf.vi,
    d.method.completion.vi,
    d.causes.method.vi,
    d.method.extension.vi,
    ...Object.values(d.method.rates).map((r) => r.vi),
  ])
    blocks.push({ kind: 'note', text: line });
  return blocks;
}

/** The causes table: per unit, tasks with causes given, objective and subjective mentions, the top cause, requests. */
function causeBlocks(d: BriefingData): Block[] {
  const units = d.causes.units.slice(0, 15);
  if (units.length === 0)
    return [{ kind: 'text', text: 'Chưa có đơn vị nào nêu nguyên nhân chậm hoặc được yêu cầu giải trình.' }];
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
      rows: units.map((u) => {
        const top = Object.entries(u.counts).sort((a, b) => b[1] - a[1])[0];
        return [
          u.unitName,
          String(u.tasks),
          String(u.objective),
          String(u.subjective),
          top ? `${name(top[0])} (${top[1]})` : '',
          `${u.requests.answered}/${u.requests.asked}`,
          String(u.requests.late),
        ];
      }),
    },
  ];
}

export async function briefingDocx(d: BriefingData): Promise<Buffer> {
  const children = briefingBlocks(d).map((b) => {
    if (b.kind === 'table') {
      const row = (cells: string[], bold: boolean) =>
        new TableRow({
          children: cells.map(
            (c) => new TableCell({ children: [new Paragraph({ children: [new TextRun({ text: c, bold })] })] }),
          ),
        });
      return new Table({
        width: { size: 100, type: WidthType.PERCENTAGE },
        rows: [row(b.header, true), ...b.rows.map((r) => row(r, false))],
      });
    }
    if (b.kind === 'title')
      return new Paragraph({
        alignment: AlignmentType.CENTER,
        heading: HeadingLevel.TITLE,
        children: [new TextRun({ text: b.text, bold: true })],
      });
    if (b.kind === 'heading')
      return new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun({ text: b.text, bold: true })] });
    return new Paragraph({ children: [new TextRun({ text: b.text, italics: b.kind === 'note' })] });
  });
  const doc = new Document({
    styles: { default: { document: { run: { font: 'Times New Roman', size: 26 } } } },
    sections: [{ children }],
  });
  return Packer.toBuffer(doc);
}

export async function briefingPdf(d: BriefingData): Promise<Buffer> {
  const content: Content[] = briefingBlocks(d).map((b): Content => {
    if (b.kind === 'table') {
      return {
        table: {
          headerRows: 1,
          widths: b.header.map(() => '*'),
          body: [b.header.map((h) => ({ text: h, bold: true })), ...b.rows],
        },
        fontSize: 9,
        margin: [0, 4, 0, 8],
      };
    }
    if (b.kind === 'title')
      return { text: b.text, fontSize: 16, bold: true, alignment: 'center', margin: [0, 0, 0, 8] };
    if (b.kind === 'heading') return { text: b.text, fontSize: 12, bold: true, margin: [0, 10, 0, 4] };
    return { text: b.text, italics: b.kind === 'note', fontSize: b.kind === 'note' ? 9 : 10, margin: [0, 2, 0, 2] };
  });
  const doc: TDocumentDefinitions = {
    info: { title: `Báo cáo giao ban ${d.month}` },
    pageSize: 'A4',
    pageMargins: [50, 50, 50, 50],
    content,
  };
  return renderPdf(doc);
}
