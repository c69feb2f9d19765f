import type { AppContext } from '../../context.js';
import { likePattern } from '../../domain/text.js';
import { presentRecords } from './presenter.js';
import { recordsQuery } from './queries.js';
export { bumpPublicGeneration, publicGeneration } from './queries.js';

/**
 * The inspection feature's face to the other features (the portal, reports): published
 * conclusions only. The use cases of the inspection screens live in plans.ts, records.ts,
 * conclude.ts, targeting.ts and briefing.ts, called from routes.ts.
 */
export { onPublicationChange } from './records.js';
export { monthRange, monthCutoff } from './targeting.js';

/** Published conclusions, newest first; the public never sees individuals' names. */
export async function publishedConclusions(
  ctx: AppContext,
  f: { q?: string; unitId?: number; limit: number; offset?: number },
) {
  let qb = recordsQuery(ctx.db).where('i.published_at', 'is not', null);
  if (f.q) qb = qb.where('i.search_text', 'like', likePattern(f.q));
  if (f.unitId) qb = qb.where('i.unit_id', '=', f.unitId);
  const rows = await qb
    .orderBy('i.published_at', 'desc')
    .orderBy('i.id', 'desc')
    .limit(f.limit)
    .offset(f.offset ?? 0)
    .execute();
  return presentRecords(ctx.db, rows, ctx.clock.today(), { withResponsibilities: false });
}

/** One published conclusion, or undefined when it does not exist or is not published. */
export async function publishedConclusion(ctx: AppContext, id: number) {
  const row = await recordsQuery(ctx.db)
    .where('i.id', '=', id)
    .where('i.published_at', 'is not', null)
    .executeTakeFirst();
  if (!row) return undefined;
  const [full] = await presentRecords(ctx.db, [row], ctx.clock.today(), { withResponsibilities: false });
  return full;
}

export type PublishedConclusion = NonNullable<Awaited<ReturnType<typeof publishedConclusion>>>;
