/**
 * An administrative document as NĐ 30/2020/NĐ-CP (Appendix I) lays it out, written once and
 * rendered to DOCX and PDF alike (official-docx.ts, official-pdf.ts): the issuing body under
 * its parent with the short line beneath, the national title and motto with its line, number
 * and symbol, place and date in italics, the kind of document and its subject (or "V/v" under
 * the number for a letter), the addressees, the body, "Nơi nhận:" with its list, and the
 * signature blocks (signing authority, title, name).
 */
export const NATIONAL_NAME = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM';
export const NATIONAL_MOTTO = 'Độc lập - Tự do - Hạnh phúc';

/** Sizes in points, as the decree gives them (Appendix I, section II). */
export const PT = {
  body: 13,
  national: 12.5,
  motto: 13.5,
  issuer: 12.5,
  number: 13,
  subjectOfLetter: 12.5,
  placeDate: 13.5,
  kind: 14,
  recipientsHeading: 12,
  recipients: 11,
  signer: 13.5,
  table: 11,
  pageNumber: 13,
} as const;

export type BodyBlock =
  | { kind: 'paragraph'; text: string }
  | { kind: 'heading'; text: string }
  | { kind: 'note'; text: string }
  /** `widths`: relative weights (the content column gets the room); `align`: per column. */
  | { kind: 'table'; header: string[]; rows: string[][]; widths: number[]; align?: ('left' | 'center' | 'right')[] };

/** A signature block: its lines (authority, title) in capitals, then the signer's name. */
export interface SignatureBlock {
  lines: string[];
  name: string;
}

export interface OfficialDocument {
  title: string;
  issuerParent: string | null;
  issuer: string;
  numberSymbol: string;
  place: string;
  /** ISO date of the document. */
  date: string;
  /** "BÁO CÁO", "KẾT LUẬN" …; null for an official letter (công văn), whose subject goes under its number. */
  kindName: string | null;
  subject: string;
  addressees: string | null;
  body: BodyBlock[];
  recipients: string[];
  signatures: SignatureBlock[];
  landscape?: boolean;
}

/** "Hà Nội, ngày 05 tháng 02 năm 2026": days below 10 and months 1–2 take a leading zero (NĐ 30/2020). */
export function placeAndDate(place: string, iso: string): string {
  const d = Number(iso.slice(8, 10));
  const m = Number(iso.slice(5, 7));
  return `${place}, ngày ${d < 10 ? `0${d}` : d} tháng ${m < 3 ? `0${m}` : m} năm ${iso.slice(0, 4)}`;
}

export const vnDate = (iso: string | null): string =>
  iso ? `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}` : '—';

/** Text written for the screen or the API, with its ISO dates (2026-09-30) as the documents write them (30/09/2026). */
export const withVnDates = (text: string): string => text.replace(/\b(\d{4})-(\d{2})-(\d{2})\b/g, '$3/$2/$1');

/** Vietnamese number formats: 2.460 and 14,8%. */
export const vnNumber = (n: number): string => n.toLocaleString('vi-VN');
export const vnPercent = (r: number | null): string =>
  r === null ? '—' : `${(Math.round(r * 1000) / 10).toFixed(1).replace('.', ',')}%`;

/** The lines of a text area as list items ("- Như trên;"). */
export const lines = (text: string): string[] =>
  text
    .split(/\r?\n/)
    .map((s) => s.trim())
    .filter(Boolean);

/** Signing authority (thẩm quyền ký, NĐ 30/2020 art. 13 and Appendix I): TM., KT., TL., TUQ., Q. or none. */
export type Authority = '' | 'TM.' | 'KT.' | 'TL.' | 'TUQ.' | 'Q.';
export const AUTHORITIES: Authority[] = ['', 'TM.', 'KT.', 'TL.', 'TUQ.', 'Q.'];

/**
 * The lines above the signature: "TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH", "KT. CHÁNH VĂN PHÒNG /
 * PHÓ CHÁNH VĂN PHÒNG", "Q. CHÁNH VĂN PHÒNG" (acting: one line), or the title alone.
 */
export function signatureLines(s: { authority: Authority; onBehalfOf: string | null; title: string }): string[] {
  const title = s.title.toUpperCase();
  if (s.authority === 'Q.') return [`Q. ${title}`];
  if (s.authority === '' || !s.onBehalfOf) return [title];
  return [`${s.authority} ${s.onBehalfOf.toUpperCase()}`, title];
}
