import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';
import timezone from 'dayjs/plugin/timezone';
import customParseFormat from 'dayjs/plugin/customParseFormat';

dayjs.extend(utc);
dayjs.extend(timezone);
dayjs.extend(customParseFormat);

/** The city's time zone: "today" and every timestamp are read in it, whatever the browser's. */
export const CITY_TIME_ZONE = 'Asia/Ho_Chi_Minh';
export const DATE_FORMAT = 'DD/MM/YYYY';
export const DATE_TIME_FORMAT = 'DD/MM/YYYY HH:mm';
export const ISO_DATE = 'YYYY-MM-DD';

const numberFormat = new Intl.NumberFormat('vi-VN');
const percentFormat = new Intl.NumberFormat('vi-VN', { style: 'percent', maximumFractionDigits: 1 });

/** Today's calendar date in Hanoi, as `YYYY-MM-DD`. */
export function todayIso(): string {
  return dayjs().tz(CITY_TIME_ZONE).format(ISO_DATE);
}

/** `2026-11-29` → `29/11/2026`; empty for null. */
export function formatDate(isoDate: string | null | undefined): string {
  if (!isoDate) return '';
  const d = dayjs(isoDate.slice(0, 10), ISO_DATE, true);
  return d.isValid() ? d.format(DATE_FORMAT) : isoDate;
}

/** An instant, shown as Hanoi wall-clock time. */
export function formatDateTime(instant: string | null | undefined): string {
  if (!instant) return '';
  const d = dayjs(instant);
  return d.isValid() ? d.tz(CITY_TIME_ZONE).format(DATE_TIME_FORMAT) : instant;
}

/** 12345.5 → `12.345,5` (Vietnamese separators). */
export function formatNumber(value: number | null | undefined): string {
  return value == null ? '' : numberFormat.format(value);
}

/** 0.875 → `87,5 %`; an em dash when the rate has no denominator. */
export function formatRate(value: number | null | undefined): string {
  return value == null ? '—' : percentFormat.format(value);
}

/** A dayjs value from a `YYYY-MM-DD` string, for antd DatePicker. */
export function toDayjs(isoDate: string | null | undefined): dayjs.Dayjs | undefined {
  if (!isoDate) return undefined;
  const d = dayjs(isoDate, ISO_DATE, true);
  return d.isValid() ? d : undefined;
}

export function toIsoDate(value: dayjs.Dayjs | null | undefined): string | undefined {
  return value ? value.format(ISO_DATE) : undefined;
}

/** Folds Vietnamese for search the way the server does: `Đống Đa` and `dong da` match. */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}
