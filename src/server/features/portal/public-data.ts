import type { AppContext } from '../../context.js';
import { onPublicationChange, publicGeneration, publishedConclusions } from '../inspections/service.js';
import { statistics } from '../stats/service.js';
import { onAnswersChange, publishedAnswers } from './feedback.js';
import { listPublicUnits } from './queries.js';
import { getOrganisation, type Organisation } from '../settings/organisation.js';
import { esc } from './html.js';
import { ORGANISATION, ORGANISATION_SHORT } from './i18n.js';

/**
 * What the portal shows, memoised so it stays fast for citizens on slow phones and under load:
 * aggregates per (period, day) for 10 minutes; whole rendered pages for 60 seconds, keyed by
 * the public generation (a counter every publish, unpublish or edit of a published item bumps
 * in its own transaction). This server drops its pages at once when it publishes or
 * unpublishes; other servers notice the new generation within a second (one indexed read per
 * second, shared by all requests), so nothing unpublished outlives that second anywhere.
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
    return {
      key: text,
      kind: 'quarter',
      start: `${y}-${pad(endMonth - 2)}-01`,
      end: `${y}-${pad(endMonth)}-${pad(lastDay(y, endMonth))}`,
      prev: q === 1 ? `${y - 1}-Q4` : `${y}-Q${q - 1}`,
      next: q === 4 ? `${y + 1}-Q1` : `${y}-Q${q + 1}`,
    };
  }
  m = /^(\d{4})$/.exec(text);
  if (m) {
    const y = Number(m[1]);
    return {
      key: text,
      kind: 'year',
      start: `${y}-01-01`,
      end: `${y}-12-31`,
      prev: String(y - 1),
      next: String(y + 1),
    };
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

const GENERATION_POLL_MS = 1_000;
const PAGE_TTL_MS = 60_000;

/** The public generation, read at most once a second however many requests ask. */
class GenerationPoller {
  private value: Promise<number> | null = null;
  private at = 0;
  constructor(private readonly read: () => Promise<number>) {}
  current(): Promise<number> {
    const now = Date.now();
    if (!this.value || now - this.at >= GENERATION_POLL_MS) {
      this.at = now;
      this.value = this.read().catch((err) => {
        this.value = null;
        throw err;
      });
    }
    return this.value;
  }
  invalidate(): void {
    this.value = null;
  }
}

export interface RenderedPage {
  status: number;
  html: string;
}

/** A page as cached: encoded once, sent as is. */
export interface EncodedPage {
  status: number;
  body: Buffer;
}

export function portalData(ctx: AppContext) {
  const aggregates = new Memo<Awaited<ReturnType<typeof statistics>>>(10 * 60_000);
  const lists = new Memo<unknown>(30_000);
  const pages = new Memo<EncodedPage>(PAGE_TTL_MS, 2_000);
  const generation = new GenerationPoller(() => publicGeneration(ctx.db));
  const dropPublished = () => {
    lists.clear();
    pages.clear();
    generation.invalidate();
  };
  onPublicationChange(dropPublished);
  onAnswersChange(dropPublished);

  /** Tasks due in the period by lead unit, as of the period's end (or today while it runs). */
  const unitRecords = (period: Period) => {
    const today = ctx.clock.today();
    const asOf = period.end < today ? period.end : today;
    return aggregates.get(`${period.key}|${today}`, () =>
      statistics(ctx, null, 'lead_unit', { asOf, dueFrom: period.start, dueTo: period.end, topLevel: true }),
    );
  };

  // The organisation's name, read again within a minute of a change.
  const organisation = new Memo<Organisation>(60_000);
  const currentOrganisation = () => organisation.get('organisation', () => getOrganisation(ctx.db));
  const named = (html: string, org: Organisation) =>
    html.replaceAll(ORGANISATION, esc(org.name)).replaceAll(ORGANISATION_SHORT, esc(org.shortName || org.name));
  const units = new Memo<Awaited<ReturnType<typeof listPublicUnits>>>(10 * 60_000);

  return {
    unitRecords,
    /** A whole page from the cache, or rendered now; valid for this generation and day. */
    page: async (key: string, render: () => Promise<RenderedPage>) => {
      const org = await currentOrganisation();
      return pages.get(`${await generation.current()}|${ctx.clock.today()}|${org.name}|${key}`, async () => {
        const p = await render();
        return { status: p.status, body: Buffer.from(named(p.html, org), 'utf8') };
      });
    },
    /** A page rendered outside the cache, with the organisation's name written in. */
    named: async (html: string) => named(html, await currentOrganisation()),
    units: () => units.get('units', () => listPublicUnits(ctx.db)),
    latestConclusions: (limit: number) =>
      lists.get(`conclusions|${limit}`, () => publishedConclusions(ctx, { limit })) as ReturnType<
        typeof publishedConclusions
      >,
    latestAnswers: (limit: number) =>
      lists.get(`answers|${limit}`, () => publishedAnswers(ctx, { limit })) as ReturnType<typeof publishedAnswers>,
    searchConclusions: (q: string | undefined, limit: number, offset: number, unitId?: number) =>
      !q && !unitId
        ? (lists.get(`conclusions|${limit}|${offset}`, () =>
            publishedConclusions(ctx, { limit, offset }),
          ) as ReturnType<typeof publishedConclusions>)
        : publishedConclusions(ctx, { q, limit, offset, unitId }),
    searchAnswers: (q: string | undefined, limit: number, offset: number) =>
      !q
        ? (lists.get(`answers|${limit}|${offset}`, () => publishedAnswers(ctx, { limit, offset })) as ReturnType<
            typeof publishedAnswers
          >)
        : publishedAnswers(ctx, { q, limit, offset }),
    clear: () => {
      aggregates.clear();
      dropPublished();
      units.clear();
      organisation.clear();
    },
  };
}

export type PortalData = ReturnType<typeof portalData>;
