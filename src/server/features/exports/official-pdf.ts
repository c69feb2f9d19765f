import type { Content, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces.js';
import {
  NATIONAL_MOTTO,
  NATIONAL_NAME,
  placeAndDate,
  PT,
  type BodyBlock,
  type OfficialDocument,
  type SignatureBlock,
} from './official-document.js';
import { renderPdf } from './pdf-font.js';

/** A4 in points and the decree's margins (top and bottom 20 mm, left 30 mm, right 15 mm). */
const A4 = { width: 595.28, height: 841.89 };
const MARGINS: [number, number, number, number] = [85, 57, 43, 57];

/** A solid line of `length` points centered in a column `width` points wide. */
const centeredLine = (width: number, length: number, margin: [number, number, number, number]): Content => ({
  canvas: [{ type: 'line', x1: (width - length) / 2, y1: 0, x2: (width + length) / 2, y2: 0, lineWidth: 0.6 }],
  margin,
});

function header(d: OfficialDocument, contentWidth: number): Content {
  const leftWidth = contentWidth * 0.45;
  return {
    columns: [
      {
        width: leftWidth,
        alignment: 'center',
        stack: [
          ...(d.issuerParent ? [{ text: d.issuerParent.toUpperCase(), fontSize: PT.issuer }] : []),
          { text: d.issuer.toUpperCase(), bold: true, fontSize: PT.issuer },
          centeredLine(leftWidth, Math.min(leftWidth / 2, 70), [0, 2, 0, 4]),
          { text: `Số: ${d.numberSymbol}`, fontSize: PT.number },
          ...(d.kindName ? [] : [{ text: `V/v ${d.subject}`, fontSize: PT.subjectOfLetter, margin: [0, 4, 0, 0] }]),
        ] as Content[],
      },
      {
        width: '*',
        alignment: 'center',
        stack: [
          { text: NATIONAL_NAME, bold: true, fontSize: PT.national },
          { text: NATIONAL_MOTTO, bold: true, fontSize: PT.motto, decoration: 'underline' },
          { text: placeAndDate(d.place, d.date), italics: true, fontSize: PT.placeDate, margin: [0, 10, 0, 0] },
        ],
      },
    ],
  };
}

function table(b: Extract<BodyBlock, { kind: 'table' }>, contentWidth: number): Content {
  const total = b.widths.reduce((a, w) => a + w, 0);
  // pdfmake adds 2 × 4 pt of padding and a rule per column to the widths it is given.
  const usable = contentWidth - b.widths.length * 9;
  return {
    table: {
      headerRows: 1,
      widths: b.widths.map((w) => (w / total) * usable),
      body: [
        b.header.map((h): TableCell => ({ text: h, bold: true, alignment: 'center' })),
        ...b.rows.map((r) => r.map((c, i): TableCell => ({ text: c, alignment: b.align?.[i] ?? 'left' }))),
      ],
    },
    fontSize: PT.table,
    margin: [0, 6, 0, 8],
  };
}

function bodyBlock(b: BodyBlock, contentWidth: number): Content {
  if (b.kind === 'table') return table(b, contentWidth);
  if (b.kind === 'heading') return { text: b.text, bold: true, margin: [0, 8, 0, 3], leadingIndent: 28 };
  if (b.kind === 'note')
    return { text: b.text, italics: true, fontSize: PT.table, alignment: 'justify', margin: [0, 2, 0, 2] };
  return { text: b.text, alignment: 'justify', leadingIndent: 28, margin: [0, 3, 0, 3], lineHeight: 1.1 };
}

const signature = (s: SignatureBlock): Content => ({
  alignment: 'center',
  stack: [
    ...s.lines.map((l) => ({ text: l, bold: true, fontSize: PT.signer })),
    { text: s.name, bold: true, fontSize: PT.signer, margin: [0, 56, 0, 0] },
  ] as Content[],
});

function closing(d: OfficialDocument): Content[] {
  const recipients = {
    width: '50%',
    stack: [
      { text: 'Nơi nhận:', bold: true, italics: true, fontSize: PT.recipientsHeading },
      ...d.recipients.map((r) => ({ text: r, fontSize: PT.recipients })),
    ],
  };
  const [main, ...others] = d.signatures;
  const out: Content[] = [];
  if (others.length)
    out.push({
      margin: [0, 16, 0, 0],
      unbreakable: true,
      columns: [
        { width: '50%', stack: others.map(signature) },
        { width: '50%', stack: main ? [signature(main)] : [] },
      ],
    } as Content);
  out.push({
    margin: [0, 16, 0, 0],
    unbreakable: true,
    columns: [recipients, { width: '50%', stack: others.length || !main ? [] : [signature(main)] }],
  } as Content);
  return out;
}

/**
 * The document as PDF (A4, the embedded Times-metric serif), page numbers centered at the top
 * from page 2. `custom` is content of the caller's own (the review's two-row table), placed
 * after the body, before the recipients and signatures.
 */
export async function officialPdf(d: OfficialDocument, custom: Content[] = []): Promise<Buffer> {
  const pageWidth = d.landscape ? A4.height : A4.width;
  const contentWidth = pageWidth - MARGINS[0] - MARGINS[2];
  const content: Content[] = [header(d, contentWidth)];
  if (d.kindName)
    content.push(
      { text: d.kindName.toUpperCase(), bold: true, fontSize: PT.kind, alignment: 'center', margin: [0, 18, 0, 0] },
      { text: d.subject, bold: true, fontSize: PT.kind, alignment: 'center' },
      centeredLine(contentWidth, 120, [0, 3, 0, 6]),
    );
  if (d.addressees) content.push({ text: `Kính gửi: ${d.addressees}`, alignment: 'center', margin: [0, 14, 0, 8] });
  content.push(...d.body.map((b) => bodyBlock(b, contentWidth)), ...custom, ...closing(d));
  const doc: TDocumentDefinitions = {
    info: { title: d.title, creator: 'Nhiệm vụ' },
    pageSize: 'A4',
    pageOrientation: d.landscape ? 'landscape' : 'portrait',
    pageMargins: MARGINS,
    header: (currentPage: number) =>
      currentPage > 1
        ? { text: String(currentPage), alignment: 'center', fontSize: PT.pageNumber, margin: [0, 28, 0, 0] }
        : null,
    defaultStyle: { fontSize: PT.body },
    content,
  };
  return renderPdf(doc);
}
