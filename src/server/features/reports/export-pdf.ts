import type { Content, TableCell } from 'pdfmake/interfaces.js';
import { officialPdf } from '../exports/official-pdf.js';
import type { DocumentIssue } from '../settings/document-issue.js';
import {
  cellValue,
  COLUMNS,
  headingGroups,
  headings,
  methodLines,
  percent,
  reviewDocument,
  vnDate,
} from './export-layout.js';
import type { Review } from './review.js';

const cell = (text: string | number, extra: Partial<Record<string, unknown>> = {}): TableCell =>
  ({ text: String(text), alignment: 'center', ...extra }) as TableCell;

function reviewTable(review: Review, groupTitle: string): Content {
  const top: TableCell[] = [cell('STT', { rowSpan: 2, bold: true }), cell(groupTitle, { rowSpan: 2, bold: true })];
  const second: TableCell[] = [{ text: '' }, { text: '' }];
  for (const g of headingGroups()) {
    if (g.title === null) {
      top.push(cell(COLUMNS[g.from]!.title, { rowSpan: 2, bold: true }));
      second.push({ text: '' });
    } else {
      top.push(cell(g.title, { colSpan: g.span, bold: true }));
      for (let i = 1; i < g.span; i++) top.push({ text: '' });
      for (let i = 0; i < g.span; i++) second.push(cell(COLUMNS[g.from + i]!.title, { bold: true }));
    }
  }
  const line = (
    stt: string,
    label: string,
    row: Review['rows'][number] | Review['totals'],
    bold: boolean,
  ): TableCell[] => [
    cell(stt, { bold }),
    { text: label, bold },
    ...COLUMNS.map((c) => {
      const v = cellValue(row as Review['rows'][number], c);
      return cell(
        c.key === 'rank' && stt === '' ? '' : c.rate ? percent(v) : v === null ? '-' : v.toLocaleString('vi-VN'),
        { bold },
      );
    }),
  ];
  const body = [
    top,
    second,
    ...review.rows.map((r, i) => line(String(i + 1), r.label, r, false)),
    line('', 'Tổng cộng', review.totals, true),
  ];
  return {
    table: { headerRows: 2, widths: [18, '*', ...COLUMNS.map(() => 40)], body },
    fontSize: 8,
    margin: [0, 8, 0, 8],
  };
}

function overdueTable(review: Review): Content[] {
  if (review.overdue.items.length === 0) return [];
  const head = [
    'STT',
    'Nội dung nhiệm vụ',
    'Đơn vị chủ trì',
    'Hạn tại ngày chốt',
    'Số ngày quá hạn',
    'Số lần đôn đốc',
  ].map((t) => cell(t, { bold: true }));
  const body = review.overdue.items.map(
    (o, i) =>
      [
        cell(i + 1),
        { text: o.content },
        { text: o.lead_name },
        cell(vnDate(o.deadline_as_of)),
        cell(o.days_overdue.toLocaleString('vi-VN')),
        cell(o.urgings),
      ] as TableCell[],
  );
  return [
    {
      text: `DANH SÁCH NHIỆM VỤ QUÁ HẠN TÍNH ĐẾN NGÀY ${vnDate(review.asOf)} (${review.overdue.total} nhiệm vụ)`,
      bold: true,
      alignment: 'center',
      pageBreak: 'before',
      margin: [0, 0, 0, 6],
    },
    { table: { headerRows: 1, widths: [22, '*', 140, 64, 54, 54], body: [head, ...body] }, fontSize: 10 },
  ];
}

/** The review as an official report in PDF (A4 landscape): header, title, table, method notes, overdue list, signatures. */
export async function reviewPdf(review: Review, printedOn: string, issue: DocumentIssue): Promise<Buffer> {
  const h = headings(review);
  return officialPdf(reviewDocument(review, printedOn, issue), [
    reviewTable(review, h.groupTitle),
    { text: 'Phương pháp tính:', bold: true, italics: true, fontSize: 10 },
    { ul: methodLines(review), italics: true, fontSize: 9 },
    ...overdueTable(review),
  ]);
}
