import ExcelJS from 'exceljs';
import { cellValue, COLUMNS, headingGroups, headings, methodLines, reviewDocument, vnDate } from './export-layout.js';
import { NATIONAL_MOTTO, NATIONAL_NAME, placeAndDate, type OfficialDocument } from '../exports/official-document.js';
import type { DocumentIssue } from '../settings/document-issue.js';
import type { Review } from './review.js';

const FONT = 'Times New Roman';
const THIN = { style: 'thin' as const };
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };
/** STT, group, then the columns of the layout. */
const WIDTH = COLUMNS.length + 2;
export const TABLE_FIRST_ROW = 11;

type Ws = ExcelJS.Worksheet;

function put(
  ws: Ws,
  row: number,
  col: number,
  value: ExcelJS.CellValue,
  font: Partial<ExcelJS.Font> = {},
  toCol = col,
  align: Partial<ExcelJS.Alignment> = { horizontal: 'center', vertical: 'middle', wrapText: true },
) {
  if (toCol > col) ws.mergeCells(row, col, row, toCol);
  const cell = ws.getCell(row, col);
  cell.value = value;
  cell.font = { name: FONT, size: 12, ...font };
  cell.alignment = align;
  return cell;
}

/** The national header (NĐ 30/2020): issuing body and number on the left; country, motto, place and date on the right. */
function nationalHeader(ws: Ws, d: OfficialDocument, width: number) {
  const split = Math.floor(width / 3);
  if (d.issuerParent) put(ws, 1, 1, d.issuerParent.toUpperCase(), {}, split);
  put(ws, 2, 1, d.issuer.toUpperCase(), { bold: true }, split);
  put(ws, 3, 1, `Số: ${d.numberSymbol}`, { size: 13 }, split);
  put(ws, 1, split + 2, NATIONAL_NAME, { bold: true }, width);
  put(ws, 2, split + 2, NATIONAL_MOTTO, { bold: true, underline: true, size: 13 }, width);
  put(ws, 3, split + 2, placeAndDate(d.place, d.date), { italic: true, size: 13 }, width);
}

/** "Nơi nhận:" on the left; the preparer's and the head's blocks on the right. */
function closingRows(ws: Ws, d: OfficialDocument, from: number, width: number): void {
  const half = Math.floor(width / 2);
  const r = from;
  put(ws, r, 1, 'Nơi nhận:', { bold: true, italic: true }, half, { horizontal: 'left' });
  d.recipients.forEach((line, i) => put(ws, r + 1 + i, 1, line, { size: 11 }, half, { horizontal: 'left' }));
  const [head, ...others] = d.signatures;
  const blocks = [...others, ...(head ? [head] : [])];
  const colWidth = Math.floor((width - half) / Math.max(blocks.length, 1));
  blocks.forEach((b, k) => {
    const c0 = half + 1 + k * colWidth;
    const c1 = k === blocks.length - 1 ? width : c0 + colWidth - 1;
    b.lines.forEach((line, i) => put(ws, r + i, c0, line, { bold: true, size: 13 }, c1));
    put(ws, r + 6, c0, b.name, { bold: true, size: 13 }, c1);
  });
}

function tableHeader(ws: Ws, groupTitle: string) {
  const top = 8;
  const heading = (r: number, c: number, text: string, toRow = r, toCol = c) => {
    ws.mergeCells(r, c, toRow, toCol);
    const cell = put(ws, r, c, text, { bold: true });
    for (let i = r; i <= toRow; i++) for (let j = c; j <= toCol; j++) ws.getCell(i, j).border = BORDER;
    return cell;
  };
  heading(top, 1, 'STT', top + 1);
  heading(top, 2, groupTitle, top + 1);
  for (const g of headingGroups()) {
    const col = g.from + 3;
    if (g.title === null) heading(top, col, COLUMNS[g.from]!.title, top + 1);
    else {
      heading(top, col, g.title, top, col + g.span - 1);
      for (let i = 0; i < g.span; i++) heading(top + 1, col + i, COLUMNS[g.from + i]!.title);
    }
  }
  for (let c = 1; c <= WIDTH; c++) {
    const cell = put(ws, top + 2, c, `(${c})`, { italic: true, size: 11 });
    cell.border = BORDER;
  }
  ws.getRow(top + 1).height = 48;
}

function dataRow(
  ws: Ws,
  r: number,
  stt: number | null,
  label: string,
  row: Review['rows'][number] | Review['totals'],
  bold: boolean,
) {
  if (stt === null) put(ws, r, 1, label, { bold }, 2);
  else {
    put(ws, r, 1, stt, { bold });
    put(ws, r, 2, label, { bold }, 2, { horizontal: 'left', vertical: 'middle', wrapText: true });
  }
  COLUMNS.forEach((c, i) => {
    const v = cellValue(row as Review['rows'][number], c);
    const cell = put(ws, r, i + 3, c.key === 'rank' && stt === null ? '' : (v ?? '-'), { bold });
    if (c.rate && v !== null) cell.numFmt = '0.0%';
  });
  for (let c = 1; c <= WIDTH; c++) ws.getCell(r, c).border = BORDER;
}

/** A4 with the decree's margins (inches), fit to one page wide, the table's heading rows repeated on every page. */
const printSetup = (landscape: boolean, titleRows: string): Partial<ExcelJS.PageSetup> => ({
  orientation: landscape ? 'landscape' : 'portrait',
  paperSize: 9,
  fitToPage: true,
  fitToWidth: 1,
  fitToHeight: 0,
  horizontalCentered: true,
  margins: { top: 0.79, bottom: 0.79, left: 1.18, right: 0.59, header: 0.3, footer: 0.3 },
  printTitlesRow: titleRows,
});

function reviewSheet(wb: ExcelJS.Workbook, review: Review, d: OfficialDocument) {
  const ws = wb.addWorksheet('Kiểm điểm', {
    pageSetup: printSetup(true, `${TABLE_FIRST_ROW - 3}:${TABLE_FIRST_ROW - 1}`),
  });
  // Page numbers from page 2, centered at the top (NĐ 30/2020).
  ws.headerFooter = { differentFirst: true, firstHeader: '', oddHeader: '&C&"Times New Roman"&13&P' };
  ws.columns = [{ width: 6 }, { width: 36 }, ...COLUMNS.map((c) => ({ width: c.rate ? 13 : 11 }))];
  const h = headings(review);
  nationalHeader(ws, d, WIDTH);
  put(ws, 5, 1, d.kindName ?? '', { bold: true, size: 14 }, WIDTH);
  put(ws, 6, 1, d.subject, { bold: true, size: 14 }, WIDTH);
  put(ws, 7, 1, h.subtitle, { italic: true }, WIDTH);
  tableHeader(ws, h.groupTitle);
  let r = TABLE_FIRST_ROW;
  review.rows.forEach((row, i) => dataRow(ws, r++, i + 1, row.label, row, false));
  dataRow(ws, r++, null, 'Tổng cộng', review.totals, true);
  r++;
  put(ws, r++, 1, 'Phương pháp tính:', { bold: true, italic: true }, WIDTH, { horizontal: 'left' });
  for (const line of methodLines(review)) {
    put(ws, r, 1, `- ${line}`, { italic: true, size: 11 }, WIDTH, {
      horizontal: 'left',
      vertical: 'top',
      wrapText: true,
    });
    ws.getRow(r++).height = 30;
  }
  closingRows(ws, d, r + 1, WIDTH);
  ws.views = [{ state: 'frozen', ySplit: TABLE_FIRST_ROW - 1, xSplit: 2 }];
}

function overdueSheet(wb: ExcelJS.Workbook, review: Review) {
  const ws = wb.addWorksheet('Nhiệm vụ quá hạn', { pageSetup: printSetup(true, '4:4') });
  const titles = [
    'STT',
    'Nội dung nhiệm vụ',
    'Đơn vị chủ trì',
    'Ngày giao',
    'Hạn ban đầu',
    'Hạn tại ngày chốt',
    'Số ngày quá hạn',
    'Số lần đôn đốc',
  ];
  ws.columns = [6, 60, 30, 12, 12, 12, 11, 11].map((width) => ({ width }));
  put(
    ws,
    1,
    1,
    `DANH SÁCH NHIỆM VỤ QUÁ HẠN TÍNH ĐẾN NGÀY ${vnDate(review.asOf)}`,
    { bold: true, size: 13 },
    titles.length,
  );
  put(
    ws,
    2,
    1,
    `${review.overdue.total} nhiệm vụ${review.overdue.total > review.overdue.items.length ? `, liệt kê ${review.overdue.items.length} nhiệm vụ quá hạn lâu nhất` : ''}`,
    { italic: true },
    titles.length,
  );
  titles.forEach((t, i) => (put(ws, 4, i + 1, t, { bold: true }).border = BORDER));
  review.overdue.items.forEach((o, i) => {
    const values = [
      i + 1,
      o.content,
      o.lead_name,
      vnDate(o.assigned_on),
      o.original_deadline ? vnDate(o.original_deadline) : '',
      vnDate(o.deadline_as_of),
      o.days_overdue,
      o.urgings,
    ];
    values.forEach(
      (v, j) =>
        (put(ws, 5 + i, j + 1, v, {}, j + 1, {
          horizontal: j === 1 || j === 2 ? 'left' : 'center',
          vertical: 'middle',
          wrapText: true,
        }).border = BORDER),
    );
  });
}

function dossierSheet(wb: ExcelJS.Workbook, review: Review) {
  if (!review.totals.dossiers) return;
  const ws = wb.addWorksheet('Hồ sơ TTHC', { pageSetup: printSetup(false, '3:3') });
  const titles = [
    'STT',
    headings(review).groupTitle,
    'Tiếp nhận',
    'Giải quyết đúng hạn',
    'Giải quyết quá hạn',
    'Đang giải quyết trong hạn',
    'Đang giải quyết quá hạn',
  ];
  ws.columns = [6, 36, 12, 14, 14, 14, 14].map((width) => ({ width }));
  put(
    ws,
    1,
    1,
    `HỒ SƠ THỦ TỤC HÀNH CHÍNH — ${review.period.label.vi.toUpperCase()}`,
    { bold: true, size: 13 },
    titles.length,
  );
  titles.forEach((t, i) => (put(ws, 3, i + 1, t, { bold: true }).border = BORDER));
  const rows = review.rows.filter((r) => r.dossiers);
  const line = (r: number, values: (string | number)[], bold: boolean) =>
    values.forEach((v, j) => (put(ws, r, j + 1, v, { bold }).border = BORDER));
  rows.forEach((row, i) => {
    const d = row.dossiers!;
    line(
      4 + i,
      [i + 1, row.label, d.received, d.resolvedOnTime, d.resolvedLate, d.pendingOnTime, d.pendingOverdue],
      false,
    );
  });
  const t = review.totals.dossiers;
  line(
    4 + rows.length,
    ['', 'Tổng cộng', t.received, t.resolvedOnTime, t.resolvedLate, t.pendingOnTime, t.pendingOverdue],
    true,
  );
}

/** The review as an .xlsx workbook in the official layout (Times New Roman, merged headings, totals). */
export async function reviewWorkbook(review: Review, printedOn: string, issue: DocumentIssue): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Nhiệm vụ';
  wb.created = new Date(`${printedOn}T00:00:00Z`);
  reviewSheet(wb, review, reviewDocument(review, printedOn, issue));
  overdueSheet(wb, review);
  dossierSheet(wb, review);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
