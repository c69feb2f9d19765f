/**
 * Deadline phrases of Vietnamese directives, read from folded text (no diacritics, lower
 * case): a date ("trước ngày 30/6/2026", "chậm nhất ngày 15 tháng 7 năm 2026"), a month
 * ("hoàn thành trong tháng 7"), a quarter ("trong quý III/2026"), a half year ("6 tháng đầu
 * năm"), a year ("trong năm 2026"), working days ("trong 10 ngày làm việc kể từ ngày nhận"),
 * periodic reports ("hằng tháng, trước ngày 20"), and ongoing work ("thường xuyên").
 */
export type ProposedDeadline =
  | { kind: 'fixed'; date: string }
  | { kind: 'working_days'; days: number; from: 'document' | 'receipt' }
  | {
      kind: 'periodic';
      period: 'monthly' | 'quarterly' | 'half_yearly' | 'yearly';
      from: string;
      until: string;
      dueDay?: number;
    }
  | { kind: 'none' };

const ROMAN: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4, '1': 1, '2': 2, '3': 3, '4': 4 };
const pad = (n: number) => String(n).padStart(2, '0');
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
const iso = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;

function valid(y: number, m: number, d: number): boolean {
  return m >= 1 && m <= 12 && d >= 1 && d <= lastDay(y, m);
}

/** A year left out means the document's year, or the next when that date is already past. */
function yearFor(year: string | undefined, m: number, d: number, issuedOn: string): number {
  if (year) return Number(year.length === 2 ? `20${year}` : year);
  const y = Number(issuedOn.slice(0, 4));
  return iso(y, m, d) < issuedOn ? y + 1 : y;
}

export function readDeadline(folded: string, issuedOn: string): { deadline: ProposedDeadline; found: boolean } {
  const t = folded;
  const docYear = Number(issuedOn.slice(0, 4));
  const periodic = readPeriodic(t, issuedOn, docYear);
  if (periodic) return { deadline: periodic, found: true };
  const wd = /(\d{1,3}) ngay lam viec/.exec(t);
  if (wd) {
    const receipt = /ke tu (ngay |khi )?(nhan|tiep nhan)/.test(t);
    return {
      deadline: { kind: 'working_days', days: Number(wd[1]), from: receipt ? 'receipt' : 'document' },
      found: true,
    };
  }
  const date =
    /(?:truoc|cham nhat|han|xong|trong|den|vao|hoan thanh|thoi han:?|ngay)\s*(?:ngay\s*)?(\d{1,2})\s*[/.-]\s*(\d{1,2})(?:\s*[/.-]\s*(\d{4}|\d{2}))?(?![\d/])/.exec(
      t,
    ) ??
    /(?:ngay\s*)(\d{1,2}) thang (\d{1,2})(?: nam (\d{4}))?/.exec(t) ??
    /(?:^|[\s(:])(\d{1,2})\/(\d{1,2})\/(\d{4})(?![\d/])/.exec(t);
  if (date) {
    const d = Number(date[1]);
    const m = Number(date[2]);
    const y = yearFor(date[3], m, d, issuedOn);
    if (valid(y, m, d)) return { deadline: { kind: 'fixed', date: iso(y, m, d) }, found: true };
  }
  const quarter = /quy (iv|iii|ii|i|[1-4])(?![a-z])(?:\s*(?:\/|nam)\s*(\d{4}))?/.exec(t);
  if (quarter) {
    const q = ROMAN[quarter[1]!]!;
    const y = quarter[2] ? Number(quarter[2]) : docYear;
    return { deadline: { kind: 'fixed', date: iso(y, q * 3, lastDay(y, q * 3)) }, found: true };
  }
  const half = /(6|sau) thang (dau|cuoi) nam(?:\s*(\d{4}))?/.exec(t);
  if (half) {
    const y = half[3] ? Number(half[3]) : docYear;
    return { deadline: { kind: 'fixed', date: half[2] === 'dau' ? `${y}-06-30` : `${y}-12-31` }, found: true };
  }
  const month =
    /(?:^\s*|trong |truoc |het |cuoi |den |xong |hoan thanh |vao )thang (\d{1,2})(?:\s*(?:\/|nam)\s*(\d{4}))?/.exec(t);
  if (month) {
    const m = Number(month[1]);
    if (m >= 1 && m <= 12) {
      const y = month[2] ? Number(month[2]) : yearFor(undefined, m, lastDay(docYear, m), issuedOn);
      const before = /truoc thang/.test(month[0]);
      const [yy, mm] = before ? (m === 1 ? [y - 1, 12] : [y, m - 1]) : [y, m];
      return { deadline: { kind: 'fixed', date: iso(yy, mm, lastDay(yy, mm)) }, found: true };
    }
  }
  const year = /(?:trong|truoc|het|cuoi|den|xong|hoan thanh) nam (\d{4})/.exec(t);
  if (year) return { deadline: { kind: 'fixed', date: `${year[1]}-12-31` }, found: true };
  if (/thuong xuyen|lien tuc|hang ngay|hang tuan/.test(t)) return { deadline: { kind: 'none' }, found: true };
  return { deadline: { kind: 'none' }, found: false };
}

function readPeriodic(t: string, issuedOn: string, docYear: number): ProposedDeadline | null {
  const every = /(?:hang|hàng|dinh ky|moi) ?(thang|quy|6 thang|sau thang|nam)\b/.exec(t);
  if (!every) return null;
  const period = (
    { thang: 'monthly', quy: 'quarterly', '6 thang': 'half_yearly', 'sau thang': 'half_yearly', nam: 'yearly' } as const
  )[every[1] as 'thang'];
  const day = /(?:truoc|cham nhat|vao) ngay (\d{1,2})(?! ?[/.-] ?\d)/.exec(t);
  const until = /(?:den|het) (?:het )?(?:nam|ngay \d{1,2}\/\d{1,2}\/)(\d{4})/.exec(t);
  const endYear = until ? Number(until[1]) : docYear;
  const deadline: ProposedDeadline = { kind: 'periodic', period, from: issuedOn, until: `${endYear}-12-31` };
  if (day && Number(day[1]) <= 31) deadline.dueDay = Number(day[1]);
  return deadline;
}
