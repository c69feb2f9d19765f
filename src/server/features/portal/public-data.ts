import type { AppContext } from '../../context.js';
import { onPublicationChange, publishedConclusions } from '../inspections/service.js';
import { statistics } from '../stats/service.js';
import { onAnswersChange, publishedAnswers } from './feedback.js';
import { listPublicUnits } from './queries.js';

/**
 * What the portal shows, memoised so it stays fast for citizens on slow phones and under load:
 * aggregates per (period, day) for 10 minutes, lists of published items for 30 seconds and
 * dropped at once when this server publishes or unpublishes. A detail page always reads the
 * database, so an unpublished conclusion is gone from it immediately.
 */
class Memo<T> {
  private entries = new Map<string, { at: number; value: Promise<T> }>();
  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 500,
  ) {}
  get(key: string, compute: () => Promise<T>): Promise<T> {
    const now = Date.now();
    const hit = this.entries.get(key);
    if (hit && now - hit.at < this.ttlMs) return hit.value;
    // Concurrent misses share one computation; a failure is not remembered.
    const value = compute().catch((err) => {
      this.entries.delete(key);
      throw err;
    });
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, { at: now, value });
    return value;
  }
  clear(): void {
    this.entries.clear();
  }
}

export interface Period {
  key: string;
  kind: 'month' | 'quarter' | 'year';
  start: string;
  end: string;
  prev: string;
  next: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** 'YYYY-MM', 'YYYY-Qn' or 'YYYY'; undefined when the text is none of them. */
export function parsePeriod(text: string): Period | undefined {
  let m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(text);
  if (m) {
    const y = Number(m[1]);
    const mo = Number(m[2]);
    const prev = mo === 1 ? `${y - 1}-12` : `${y}-${pad(mo - 1)}`;
    const next = mo === 12 ? `${y + 1}-01` : `${y}-${pad(mo + 1)}`;
    return { key: text, kind: 'month', start: `${text}-01`, end: `${text}-${pad(lastDay(y, mo))}`, prev, next };
  }
  m = /^(\d{4})-Q([1-4])$/.exec(text);
  if (m) {
    const y = Number(m[1]);
    const q = Number(m[2]);
    const endMonth = q * 3;
    return { key: text, kind: 'quarter', start: `${y}-${pad(endMonth - 2)}-01`, end: `${y}-${pad(endMonth)}-${pad(lastDay(y, endMonth))}`, prev: q === 1 ? `${y - 1}-Q4` : `${y}-Q${q - 1}`, next: q === 4 ? `${y + 1}-Q1` : `${y}-Q${q + 1}` };
  }
  m = /^(\d{4})$/.exec(text);
  if (m) {
    const y = Number(m[1]);
    return { key: text, kind: 'year', start: `${y}-01-01`, end: `${y}-12-31`, prev: String(y - 1), next: String(y + 1) };
  }
  return undefined;
}

/** The last complete month before today: the default period of the portal. */
export function defaultPeriod(today: string): string {
  const [y, m] = today.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${pad(m - 1)}`;
}

export function lastMonths(today: string, n: number): string[] {
  const [y, m] = today.split('-').map(Number) as [number, number];
  return Array.from({ length: n }, (_, i) => {
    const idx = y * 12 + (m - 1) - i;
    return `${Math.floor(idx / 12)}-${pad((idx % 12) + 1)}`;
  });
}

export function portalData(ctx: AppContext) {
  const aggregates = new Memo<Awaited<ReturnType<typeof statistics>>>(10 * 60_000);
  const lists = new Memo<unknown>(30_000);
  onPublicationChange(() => lists.clear());
  onAnswersChange(() => lists.clear());

  /** Tasks due in the period by lead unit, as of the period's end (or today while it runs). */
  const unitRecords = (period: Period) => {
    const today = ctx.clock.today();
    const asOf = period.end < today ? period.end : today;
    return aggregates.get(`${period.key}|${today}`, () => statistics(ctx, null, 'lead_unit', { asOf, dueFrom: period.start, dueTo: period.end, topLevel: true }));
  };

  const units = new Memo<Awaited<ReturnType<typeof listPublicUnits>>>(10 * 60_000);

  return {
    unitRecords,
    units: () => units.get('units', () => listPublicUnits(ctx.db)),
    latestConclusions: (limit: number) => lists.get(`conclusions|${limit}`, () => publishedConclusions(ctx, { limit })) as ReturnType<typeof publishedConclusions>,
    latestAnswers: (limit: number) => lists.get(`answers|${limit}`, () => publishedAnswers(ctx, { limit })) as ReturnType<typeof publishedAnswers>,
    searchConclusions: (q: string | undefined, limit: number, offset: number, unitId?: number) =>
      !q && !unitId ? (lists.get(`conclusions|${limit}|${offset}`, () => publishedConclusions(ctx, { limit, offset })) as ReturnType<typeof publishedConclusions>) : publishedConclusions(ctx, { q, limit, offset, unitId }),
    searchAnswers: (q: string | undefined, limit: number, offset: number) =>
      !q ? (lists.get(`answers|${limit}|${offset}`, () => publishedAnswers(ctx, { limit, offset })) as ReturnType<typeof publishedAnswers>) : publishedAnswers(ctx, { q, limit, offset }),
    clear: () => {
      aggregates.clear();
      lists.clear();
      units.clear();
    },
  };
}

export type PortalData = ReturnType<typeof portalData>;
