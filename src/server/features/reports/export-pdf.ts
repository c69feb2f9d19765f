import fs from 'node:fs';
import { createRequire } from 'node:module';
import pdfmake from 'pdfmake';
import type { Content, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces.js';
import {
  cellValue,
  COLUMNS,
  headingGroups,
  headings,
  methodLines,
  NATIONAL,
  percent,
  placeAndDate,
  vnDate,
} from './export-layout.js';
import type { Review } from './review.js';

/**
 * PDF in the official layout with an embedded Unicode font. Roboto ships inside the pdfmake
 * package and covers every Vietnamese letter (checked glyph by glyph); the standard PDF fonts
 * do not, and system fonts differ from machine to machine.
 */
const require = createRequire(import.meta.url);
const FONT_FILES = {
  normal: 'Roboto-Regular.ttf',
  bold: 'Roboto-Medium.ttf',
  italics: 'Roboto-Italic.ttf',
  bolditalics: 'Roboto-MediumItalic.ttf',
};
let fontsReady = false;
// pdfmake keeps fonts in its virtual file system; its type definitions leave that out.
const engine = pdfmake as unknown as {
  virtualfs: { writeFileSync(name: string, data: Buffer): void };
  setLocalAccessPolicy(allow: (path: string) => boolean): void;
};

function useEmbeddedFont(): void {
  if (fontsReady) return;
  const dir = require.resolve('pdfmake/build/fonts/Roboto/Roboto-Regular.ttf').replace(/Roboto-Regular\.ttf$/, '');
  for (const file of Object.values(FONT_FILES)) engine.virtualfs.writeFileSync(file, fs.readFileSync(dir + file));
  pdfmake.setFonts({ Roboto: FONT_FILES });
  // Everything the document needs is in memory: no URL and no local file may be read while rendering.
  pdfmake.setUrlAccessPolicy(() => false);
  engine.setLocalAccessPolicy(() => false);
  fontsReady = true;
}

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
      return cell(c.key === 'rank' && stt === '' ? '' : c.rate ? percent(v) : (v ?? '-'), { bold });
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
        cell(o.days_overdue),
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
    { table: { headerRows: 1, widths: [20, '*', 150, 60, 50, 50], body: [head, ...body] }, fontSize: 8 },
  ];
}

/** The review as a PDF (A4 landscape): national header, title, table, method notes, overdue list. */
export async function reviewPdf(review: Review, printedOn: string): Promise<Buffer> {
  useEmbeddedFont();
  const h = headings(review);
  const doc: TDocumentDefinitions = {
    pageSize: 'A4',
    pageOrientation: 'landscape',
    pageMargins: [30, 30, 30, 30],
    info: { title: h.title, creator: 'Nhiệm vụ' },
    defaultStyle: { font: 'Roboto', fontSize: 10 },
    content: [
      {
        columns: [
          { width: '35%', stack: [{ text: h.issuer, bold: true }], alignment: 'center' },
          {
            width: '*',
            stack: [
              { text: NATIONAL.country, bold: true },
              { text: NATIONAL.motto, bold: true, decoration: 'underline' },
              { text: placeAndDate(printedOn), italics: true, margin: [0, 6, 0, 0] },
            ],
            alignment: 'center',
          },
        ],
      },
      { text: h.title, bold: true, fontSize: 13, alignment: 'center', margin: [0, 16, 0, 2] },
      { text: h.subtitle, italics: true, alignment: 'center' },
      reviewTable(review, h.groupTitle),
      { text: 'Phương pháp tính:', bold: true, italics: true, fontSize: 9 },
      { ul: methodLines(review), italics: true, fontSize: 8 },
      ...overdueTable(review),
    ],
  };
  return Buffer.from(await pdfmake.createPdf(doc).getBuffer());
}
