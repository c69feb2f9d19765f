import {
  AlignmentType,
  BorderStyle,
  Document,
  Header,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
  type ITableCellBorders,
} from 'docx';
import {
  NATIONAL_MOTTO,
  NATIONAL_NAME,
  placeAndDate,
  PT,
  type BodyBlock,
  type OfficialDocument,
  type SignatureBlock,
} from './official-document.js';

/** Word's own name for the font the decree asks for; Word and LibreOffice resolve it locally. */
export const DOCX_FONT = 'Times New Roman';
const half = (pt: number) => Math.round(pt * 2);
const none = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
const noBorders: ITableCellBorders = { top: none, bottom: none, left: none, right: none };
const noTableBorders = {
  top: none,
  bottom: none,
  left: none,
  right: none,
  insideHorizontal: none,
  insideVertical: none,
};

interface RunStyle {
  bold?: boolean;
  italics?: boolean;
  size?: number;
  underline?: boolean;
}
const run = (text: string, o: RunStyle = {}) =>
  new TextRun({
    text,
    font: DOCX_FONT,
    size: half(o.size ?? PT.body),
    bold: o.bold,
    italics: o.italics,
    underline: o.underline ? {} : undefined,
  });
const centered = (text: string, o: RunStyle = {}, spacingBefore = 0) =>
  new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: spacingBefore }, children: [run(text, o)] });
/** The short solid line under the issuing body and the subject (1/3 to 1/2 of the text above). */
const shortLine = (indentTwips: number) =>
  new Paragraph({
    indent: { left: indentTwips, right: indentTwips },
    border: { top: { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 1 } },
    spacing: { before: 20, after: 60 },
    children: [],
  });
const cell = (children: Paragraph[], percent: number) =>
  new TableCell({ children, borders: noBorders, width: { size: percent, type: WidthType.PERCENTAGE } });
const twoColumns = (left: Paragraph[], right: Paragraph[], leftPercent: number) =>
  new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: noTableBorders,
    rows: [new TableRow({ children: [cell(left, leftPercent), cell(right, 100 - leftPercent)] })],
  });

function header(d: OfficialDocument): Table {
  const left = [
    ...(d.issuerParent ? [centered(d.issuerParent.toUpperCase(), { size: PT.issuer })] : []),
    centered(d.issuer.toUpperCase(), { bold: true, size: PT.issuer }),
    shortLine(1100),
    centered(`Số: ${d.numberSymbol}`, { size: PT.number }),
    ...(d.kindName ? [] : [centered(`V/v ${d.subject}`, { size: PT.subjectOfLetter }, 60)]),
  ];
  const right = [
    centered(NATIONAL_NAME, { bold: true, size: PT.national }),
    centered(NATIONAL_MOTTO, { bold: true, underline: true, size: PT.motto }),
    centered(placeAndDate(d.place, d.date), { italics: true, size: PT.placeDate }, 200),
  ];
  return twoColumns(left, right, 45);
}

function table(b: Extract<BodyBlock, { kind: 'table' }>): Table {
  const total = b.widths.reduce((a, w) => a + w, 0);
  const align = (i: number) =>
    ({ left: AlignmentType.LEFT, center: AlignmentType.CENTER, right: AlignmentType.RIGHT })[b.align?.[i] ?? 'left'];
  const gridCell = (text: string, i: number, bold: boolean) =>
    new TableCell({
      verticalAlign: VerticalAlign.CENTER,
      width: { size: Math.round((b.widths[i]! / total) * 100), type: WidthType.PERCENTAGE },
      children: [
        new Paragraph({
          alignment: bold ? AlignmentType.CENTER : align(i),
          children: [run(text, { bold, size: PT.table })],
        }),
      ],
    });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: b.header.map((h, i) => gridCell(h, i, true)) }),
      ...b.rows.map((r) => new TableRow({ children: r.map((c, i) => gridCell(c, i, false)) })),
    ],
  });
}

function bodyBlock(b: BodyBlock): Paragraph | Table {
  if (b.kind === 'table') return table(b);
  if (b.kind === 'heading')
    return new Paragraph({
      spacing: { before: 120, after: 60 },
      indent: { firstLine: 567 },
      children: [run(b.text, { bold: true })],
    });
  return new Paragraph({
    alignment: AlignmentType.JUSTIFIED,
    indent: { firstLine: 567 },
    spacing: { before: 60, after: 60, line: 300 },
    children: [run(b.text, { italics: b.kind === 'note', size: b.kind === 'note' ? PT.table : PT.body })],
  });
}

const signatureParagraphs = (s: SignatureBlock) => [
  ...s.lines.map((l) => centered(l, { bold: true, size: PT.signer })),
  ...[1, 2, 3, 4].map(() => centered(' ')),
  centered(s.name, { bold: true, size: PT.signer }),
];

/** "Nơi nhận:" on the left, the first signature on the right; further signatures (the preparer's) before them. */
function closing(d: OfficialDocument): (Paragraph | Table)[] {
  const recipients = [
    new Paragraph({ children: [run('Nơi nhận:', { bold: true, italics: true, size: PT.recipientsHeading })] }),
    ...d.recipients.map((r) => new Paragraph({ children: [run(r, { size: PT.recipients })] })),
  ];
  const [main, ...others] = d.signatures;
  const out: (Paragraph | Table)[] = [new Paragraph({ spacing: { before: 240 }, children: [] })];
  if (others.length)
    out.push(twoColumns(others.flatMap(signatureParagraphs), main ? signatureParagraphs(main) : [], 50));
  out.push(twoColumns(recipients, others.length || !main ? [] : signatureParagraphs(main), 50));
  return out;
}

/** The document as DOCX: A4, margins 20/20/30/15 mm, page numbers centered at the top from page 2. */
export async function officialDocx(d: OfficialDocument): Promise<Buffer> {
  const children: (Paragraph | Table)[] = [header(d)];
  if (d.kindName) {
    children.push(centered(d.kindName.toUpperCase(), { bold: true, size: PT.kind }, 360));
    children.push(centered(d.subject, { bold: true, size: PT.kind }));
    children.push(shortLine(3400));
  }
  if (d.addressees)
    children.push(
      new Paragraph({
        alignment: AlignmentType.CENTER,
        spacing: { before: 240, after: 120 },
        children: [run(`Kính gửi: ${d.addressees}`)],
      }),
    );
  children.push(...d.body.map(bodyBlock), ...closing(d));
  const doc = new Document({
    creator: 'Nhiệm vụ',
    title: d.title,
    styles: { default: { document: { run: { font: DOCX_FONT, size: half(PT.body) } } } },
    sections: [
      {
        properties: {
          titlePage: true,
          page: {
            size: d.landscape ? { orientation: PageOrientation.LANDSCAPE, width: 11906, height: 16838 } : undefined,
            margin: { top: 1134, bottom: 1134, left: 1701, right: 850, header: 567 },
          },
        },
        headers: {
          first: new Header({ children: [] }),
          default: new Header({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [new TextRun({ children: [PageNumber.CURRENT], font: DOCX_FONT, size: half(PT.pageNumber) })],
              }),
            ],
          }),
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(doc);
}
