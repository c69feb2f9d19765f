import { lines, type OfficialDocument } from '../exports/official-document.js';
import { officialDocx } from '../exports/official-docx.js';
import { officialPdf } from '../exports/official-pdf.js';

export { NATIONAL_MOTTO, NATIONAL_NAME, placeAndDate, vnDate } from '../exports/official-document.js';

/** A letter as the officer edited it: an official letter (công văn) of NĐ 30/2020/NĐ-CP. */
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

const ddmmyyyy = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

/** The letter as an official document: "V/v" under its number, "Kính gửi:", the list of overdue tasks. */
export function letterDocument(l: LetterLayout): OfficialDocument {
  return {
    title: `Văn bản đôn đốc ${l.numberSymbol}`,
    issuerParent: l.issuerParent,
    issuer: l.issuer,
    numberSymbol: l.numberSymbol,
    place: l.place,
    date: l.letterDate,
    kindName: null,
    subject: l.subject,
    addressees: l.recipients,
    body: [
      ...lines(l.opening).map((text) => ({ kind: 'paragraph' as const, text })),
      {
        kind: 'table',
        header: [
          'STT',
          'Văn bản giao',
          'Nội dung nhiệm vụ',
          'Đơn vị chủ trì',
          'Thời hạn',
          'Số ngày quá hạn',
          'Giải trình của đơn vị',
        ],
        widths: [5, 12, 34, 15, 10, 8, 16],
        align: ['center', 'left', 'left', 'left', 'center', 'center', 'left'],
        rows: l.rows.map((r, i) => [
          String(i + 1),
          r.documentNumber ?? '',
          r.content,
          r.leadUnit,
          ddmmyyyy(r.deadline),
          r.daysOverdue.toLocaleString('vi-VN'),
          r.explanation,
        ]),
      },
      ...lines(l.closing).map((text) => ({ kind: 'paragraph' as const, text })),
    ],
    recipients: lines(l.copiesTo),
    signatures: [{ lines: lines(l.signerTitle), name: l.signerName }],
  };
}

export const letterDocx = (l: LetterLayout): Promise<Buffer> => officialDocx(letterDocument(l));
export const letterPdf = (l: LetterLayout): Promise<Buffer> => officialPdf(letterDocument(l));
