import {
  AlignmentType,
  BorderStyle,
  Document,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
  type ITableCellBorders,
} from 'docx';
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces.js';
import { renderPdf } from '../exports/pdf-font.js';

/** A letter as laid out on paper: the official layout of administrative documents (NĐ 30/2020/NĐ-CP). */
export interface LetterLayout {
  issuerParent: string | null;
  issuer: string;
  numberSymbol: string;
  place: string;
  letterDate: string;
  subject: string;
  recipients: string;
  opening: string;
  closing: string;
  signerTitle: string;
  signerName: string;
  copiesTo: string;
  rows: {
    documentNumber: string | null;
    content: string;
    leadUnit: string;
    deadline: string;
    daysOverdue: number;
    /** The unit's causes of delay and committed date, as it explained them ('' if none). */
    explanation: string;
  }[];
}

export const NATIONAL_NAME = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM';
export const NATIONAL_MOTTO = 'Độc lập - Tự do - Hạnh phúc';
const TABLE_HEADER = [
  'STT',
  'Văn bản giao',
  'Nội dung nhiệm vụ',
  'Đơn vị chủ trì',
  'Thời hạn',
  'Số ngày quá hạn',
  'Giải trình của đơn vị',
];

export const vnDate = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
/** "Hà Nội, ngày 05 tháng 02 năm 2026": NĐ 30/2020 writes days below 10 and months 1–2 with a leading zero. */
export function placeAndDate(place: string, iso: string): string {
  const d = Number(iso.slice(8, 10));
  const m = Number(iso.slice(5, 7));
  const day = d < 10 ? `0${d}` : String(d);
  const month = m < 3 ? `0${m}` : String(m);
  return `${place}, ngày ${day} tháng ${month} năm ${iso.slice(0, 4)}`;
}
const paragraphs = (text: string) =>
  text
    .split(/\r?\n/)
    .map((s) => s.trim())
    .filter(Boolean);
const tableRows = (l: LetterLayout) =>
  l.rows.map((r, i) => [
    String(i + 1),
    r.documentNumber ?? '',
    r.content,
    r.leadUnit,
    vnDate(r.deadline),
    String(r.daysOverdue),
    r.explanation,
  ]);

const FONT = 'Times New Roman';
const SIZE = 26; // half-points: 13 pt
const none = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
const noBorders: ITableCellBorders = { top: none, bottom: none, left: none, right: none };
const run = (text: string, o: { bold?: boolean; italics?: boolean; size?: number; underline?: boolean } = {}) =>
  new TextRun({
    text,
    font: FONT,
    size: o.size ?? SIZE,
    bold: o.bold,
    italics: o.italics,
    underline: o.underline ? {} : undefined,
  });
const centered = (children: TextRun[]) => new Paragraph({ alignment: AlignmentType.CENTER, children });

export async function letterDocx(l: LetterLayout): Promise<Buffer> {
  const cell = (children: Paragraph[], width: number) =>
    new TableCell({ children, borders: noBorders, width: { size: width, type: WidthType.PERCENTAGE } });
  const header = new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: { top: none, bottom: none, left: none, right: none, insideHorizontal: none, insideVertical: none },
    rows: [
      new TableRow({
        children: [
          cell(
            [
              ...(l.issuerParent ? [centered([run(l.issuerParent.toUpperCase(), { size: 24 })])] : []),
              centered([run(l.issuer.toUpperCase(), { bold: true, size: 24 })]),
              centered([run(`Số: ${l.numberSymbol}`)]),
              centered([run(`V/v ${l.subject}`, { size: 24 })]),
            ],
            42,
          ),
          cell(
            [
              centered([run(NATIONAL_NAME, { bold: true, size: 24 })]),
              centered([run(NATIONAL_MOTTO, { bold: true, underline: true })]),
              centered([run(placeAndDate(l.place, l.letterDate), { italics: true })]),
            ],
            58,
          ),
        ],
      }),
    ],
  });
  const body = (text: string) =>
    new Paragraph({
      alignment: AlignmentType.JUSTIFIED,
      indent: { firstLine: 567 },
      spacing: { before: 120 },
      children: [run(text)],
    });
  const gridCell = (text: string, bold = false) =>
    new TableCell({
      verticalAlign: VerticalAlign.CENTER,
      children: [new Paragraph({ children: [run(text, { bold, size: 22 })] })],
    });
  const tasks = new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: TABLE_HEADER.map((h) => gridCell(h, true)) }),
      ...tableRows(l).map((r) => new TableRow({ children: r.map((c) => gridCell(c)) })),
    ],
  });
  const signature = new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: { top: none, bottom: none, left: none, right: none, insideHorizontal: none, insideVertical: none },
    rows: [
      new TableRow({
        children: [
          cell(
            [
              new Paragraph({ children: [run('Nơi nhận:', { bold: true, italics: true, size: 24 })] }),
              ...paragraphs(l.copiesTo).map((s) => new Paragraph({ children: [run(s, { size: 22 })] })),
            ],
            50,
          ),
          cell(
            [
              ...paragraphs(l.signerTitle).map((s) => centered([run(s, { bold: true })])),
              centered([run(' ')]),
              centered([run(' ')]),
              centered([run(l.signerName, { bold: true })]),
            ],
            50,
          ),
        ],
      }),
    ],
  });
  const doc = new Document({
    creator: 'Nhiệm vụ',
    title: `Văn bản đôn đốc ${l.numberSymbol}`,
    styles: { default: { document: { run: { font: FONT, size: SIZE } } } },
    sections: [
      {
        properties: { page: { margin: { top: 1134, bottom: 1134, left: 1701, right: 850 } } },
        children: [
          header,
          new Paragraph({
            alignment: AlignmentType.CENTER,
            spacing: { before: 240, after: 120 },
            children: [run(`Kính gửi: ${l.recipients}`)],
          }),
          ...paragraphs(l.opening).map(body),
          new Paragraph({ spacing: { before: 120 }, children: [] }),
          tasks,
          ...paragraphs(l.closing).map(body),
          new Paragraph({ spacing: { before: 240 }, children: [] }),
          signature,
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

export async function letterPdf(l: LetterLayout): Promise<Buffer> {
  const header: Content = {
    columns: [
      {
        width: '42%',
        stack: [
          ...(l.issuerParent ? [{ text: l.issuerParent.toUpperCase(), fontSize: 11 }] : []),
          { text: l.issuer.toUpperCase(), bold: true, fontSize: 11 },
          { text: `Số: ${l.numberSymbol}`, margin: [0, 4, 0, 0] },
          { text: `V/v ${l.subject}`, fontSize: 11 },
        ],
        alignment: 'center',
      },
      {
        width: '58%',
        stack: [
          { text: NATIONAL_NAME, bold: true, fontSize: 11 },
          { text: NATIONAL_MOTTO, bold: true, decoration: 'underline' },
          { text: placeAndDate(l.place, l.letterDate), italics: true, margin: [0, 6, 0, 0] },
        ],
        alignment: 'center',
      },
    ],
  };
  const body = (text: string): Content => ({ text, alignment: 'justify', margin: [0, 6, 0, 0], leadingIndent: 28 });
  const content: Content[] = [
    header,
    { text: `Kính gửi: ${l.recipients}`, alignment: 'center', margin: [0, 16, 0, 8] },
    ...paragraphs(l.opening).map(body),
    {
      table: {
        headerRows: 1,
        widths: [22, 62, '*', 70, 50, 40, 90],
        body: [TABLE_HEADER.map((h) => ({ text: h, bold: true })), ...tableRows(l)],
      },
      fontSize: 9.5,
      margin: [0, 8, 0, 8],
    },
    ...paragraphs(l.closing).map(body),
    {
      margin: [0, 18, 0, 0],
      columns: [
        {
          width: '50%',
          stack: [
            { text: 'Nơi nhận:', bold: true, italics: true },
            ...paragraphs(l.copiesTo).map((s) => ({ text: s, fontSize: 10 })),
          ],
        },
        {
          width: '50%',
          alignment: 'center',
          stack: [
            ...paragraphs(l.signerTitle).map((s) => ({ text: s, bold: true })),
            { text: ' ', margin: [0, 30, 0, 0] },
            { text: l.signerName, bold: true },
          ],
        },
      ],
    },
  ];
  const doc: TDocumentDefinitions = {
    info: { title: `Văn bản đôn đốc ${l.numberSymbol}` },
    pageSize: 'A4',
    pageMargins: [85, 57, 43, 57],
    defaultStyle: { fontSize: 12 },
    content,
  };
  return renderPdf(doc);
}
