import { withVnDates, type OfficialDocument } from '../exports/official-document.js';
import type { DocumentIssue } from '../settings/document-issue.js';
import type { Review } from './review.js';

/**
 * The official review table (DESIGN.md §7), shared by the Excel and PDF exports: national
 * header, title, two header rows with merged group headings, one row per group, totals, method.
 */
export const NATIONAL = { country: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', motto: 'Độc lập - Tự do - Hạnh phúc' };

export type NumberKey = 'assigned' | 'due' | 'onTime' | 'late' | 'inProgress' | 'overdue' | 'extAsked' | 'extGranted';
export type RateKey = 'completionRate' | 'completionOfDueRate' | 'overdueRate' | 'onTimeRate';

export interface Column {
  key: NumberKey | RateKey | 'rank';
  /** The heading of the column's group (merged over the group), or null for a two-row heading. */
  group: string | null;
  title: string;
  rate?: boolean;
}

export const COLUMNS: Column[] = [
  { key: 'assigned', group: null, title: 'Tổng số nhiệm vụ' },
  { key: 'due', group: null, title: 'Đến hạn tại ngày chốt' },
  { key: 'onTime', group: 'Đã hoàn thành', title: 'Đúng hạn' },
  { key: 'late', group: 'Đã hoàn thành', title: 'Quá hạn' },
  { key: 'inProgress', group: 'Đang thực hiện', title: 'Trong hạn' },
  { key: 'overdue', group: 'Đang thực hiện', title: 'Quá hạn' },
  { key: 'completionRate', group: 'Tỷ lệ', title: 'Hoàn thành / (hoàn thành + quá hạn)', rate: true },
  { key: 'completionOfDueRate', group: 'Tỷ lệ', title: 'Hoàn thành / đến hạn', rate: true },
  { key: 'overdueRate', group: 'Tỷ lệ', title: 'Quá hạn / tổng số', rate: true },
  { key: 'onTimeRate', group: 'Tỷ lệ', title: 'Đúng hạn / hoàn thành', rate: true },
  { key: 'extAsked', group: 'Gia hạn', title: 'Đề nghị' },
  { key: 'extGranted', group: 'Gia hạn', title: 'Được chấp thuận' },
  { key: 'rank', group: null, title: 'Xếp hạng' },
];

/** Runs of equal group headings: [first column index, span, heading]. */
export function headingGroups(): { from: number; span: number; title: string | null }[] {
  const out: { from: number; span: number; title: string | null }[] = [];
  COLUMNS.forEach((c, i) => {
    const last = out[out.length - 1];
    if (last && c.group !== null && last.title === c.group) last.span++;
    else out.push({ from: i, span: 1, title: c.group });
  });
  return out;
}

export const GROUP_TITLE: Record<string, string> = {
  lead_unit: 'Đơn vị chủ trì',
  authority: 'Cơ quan giao nhiệm vụ',
  field: 'Lĩnh vực',
  leader: 'Lãnh đạo chỉ đạo',
  division: 'Phòng, ban, đơn vị',
  staff: 'Cán bộ, công chức',
};

export const vnDate = (iso: string): string => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
export const percent = (r: number | null): string =>
  r === null ? '-' : `${(Math.round(r * 1000) / 10).toFixed(1).replace('.', ',')}%`;

/** What a printed review says about itself: its title, period and cut-off lines. */
export function headings(review: Pick<Review, 'period' | 'asOf' | 'params'>) {
  return {
    title: 'BÁO CÁO KIỂM ĐIỂM KẾT QUẢ THỰC HIỆN NHIỆM VỤ',
    subtitle: `${review.period.label.vi} (từ ngày ${vnDate(review.period.start)} đến ngày ${vnDate(review.period.end)}); số liệu tính đến hết ngày ${vnDate(review.asOf)}`,
    groupTitle: GROUP_TITLE[review.params.groupBy] ?? 'Nhóm',
  };
}

/** The method notes printed under the table, in order. */
export function methodLines(review: Review): string[] {
  const m = review.method;
  return [
    m.asOf?.vi,
    m.period?.vi,
    m.completion?.vi,
    m.extension?.vi,
    ...Object.values(m.rates ?? {}).map((r) => r.vi),
    m.ranking?.vi,
    m.rollup?.vi,
    m.dossiers?.vi,
  ]
    .filter((s): s is string => typeof s === 'string' && s.length > 0)
    .map(withVnDates);
}

export type ReviewRow = Review['rows'][number];
export const cellValue = (
  row: Pick<ReviewRow, NumberKey | RateKey> & { rank?: number | null },
  c: Column,
): number | null => (c.key === 'rank' ? (row.rank ?? null) : (row[c.key] as number | null));

/**
 * The review as an official report (NĐ 30/2020/NĐ-CP): the issuing unit, number, place and
 * date, "BÁO CÁO" and its subject, the period line; the table itself is each format's own.
 * Signed by the head (a configured signer of reviews) and by its preparer.
 */
export function reviewDocument(review: Review, printedOn: string, issue: DocumentIssue): OfficialDocument {
  const h = headings(review);
  return {
    title: h.title,
    issuerParent: issue.issuerParent,
    issuer: issue.issuer,
    numberSymbol: issue.numberSymbol,
    place: issue.place,
    date: printedOn,
    kindName: 'BÁO CÁO',
    subject: `Kiểm điểm kết quả thực hiện nhiệm vụ ${review.period.label.vi.charAt(0).toLowerCase()}${review.period.label.vi.slice(1)}`,
    addressees: null,
    body: [{ kind: 'note', text: h.subtitle }],
    recipients: issue.recipients,
    signatures: [
      issue.head ?? { lines: ['THỦ TRƯỞNG ĐƠN VỊ'], name: '' },
      { lines: ['NGƯỜI LẬP BIỂU'], name: issue.preparer },
    ],
    landscape: true,
  };
}
