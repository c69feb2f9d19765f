import type { AppContext } from '../../context.js';
import type { Principal } from '../../domain/access.js';
import { foldForSearch, likePattern } from '../../domain/text.js';
import { Conflict, Invalid, notAllowed, notFound, staleVersion } from '../../errors.js';
import { appendAudit } from '../audit/service.js';
import { canSeeRecord, mayManage, readAllScopes, readPublishedScopes } from './policy.js';
import { presentRecords } from './presenter.js';
import {
  bumpPublicGeneration,
  bumpRecord,
  findRecord,
  lockRecord,
  recordsQuery,
  replaceOpenRecommendations,
  replaceResponsibilities,
  type RecordRow,
} from './queries.js';
import type { RecordListQuery, RecordUpdate } from './schema.js';
import { monthRange } from './targeting.js';

export const RECORD = { vi: 'biên bản kiểm tra', en: 'Inspection record' };

/** Listeners told when a record is published or unpublished (the portal drops its cache). */
const publicationListeners: (() => void)[] = [];
export const onPublicationChange = (listener: () => void) => publicationListeners.push(listener);
export const notifyPublicationChange = () => publicationListeners.forEach((l) => l());

/** Actions the caller may take on the record now; the screens show buttons from this list. */
export function allowedRecordActions(
  p: Principal,
  r: Pick<RecordRow, 'status' | 'published_at' | 'unit_path'>,
): string[] {
  if (!mayManage(p, r.unit_path)) return [];
  const actions = ['edit', 'add_recommendation'];
  if (r.status === 'draft') actions.push('conclude');
  if (r.status === 'concluded') actions.push(r.published_at ? 'unpublish' : 'publish');
  return actions;
}

/** A record the caller may see, else 404 (invisible is missing). */
export async function visibleRecord(ctx: AppContext, p: Principal, id: number): Promise<RecordRow> {
  const r = await findRecord(ctx.db, id);
  if (!r || !canSeeRecord(p, r.unit_path, r.published_at !== null)) throw notFound(RECORD, id);
  return r;
}

export async function getRecord(ctx: AppContext, p: Principal, id: number) {
  const r = await visibleRecord(ctx, p, id);
  const [full] = await presentRecords(ctx.db, [r], ctx.clock.today(), { withResponsibilities: true });
  return { ...full!, allowedActions: allowedRecordActions(p, r) };
}

export async function listRecords(ctx: AppContext, p: Principal, q: RecordListQuery) {
  const all = readAllScopes(p);
  const published = readPublishedScopes(p);
  if (all.length === 0 && published.length === 0) return { items: [] };
  let qb = recordsQuery(ctx.db).where((eb) =>
    eb.or([
      ...all.map((s) => eb('u.path', 'like', `${s}%`)),
      ...published.map((s) => eb.and([eb('u.path', 'like', `${s}%`), eb('i.published_at', 'is not', null)])),
    ]),
  );
  if (q.planId) qb = qb.where('i.plan_id', '=', q.planId);
  if (q.unitId) qb = qb.where('i.unit_id', '=', q.unitId);
  if (q.status) qb = qb.where('i.status', '=', q.status);
  if (q.published) qb = qb.where('i.published_at', q.published === 'true' ? 'is not' : 'is', null);
  if (q.month) {
    const { start, end } = monthRange(q.month);
    qb = qb.where('i.concluded_on', '>=', start).where('i.concluded_on', '<=', end);
  }
  if (q.q) qb = qb.where('i.search_text', 'like', likePattern(q.q));
  const rows = await qb.orderBy('i.id', 'desc').limit(q.limit).execute();
  const items = await presentRecords(ctx.db, rows, ctx.clock.today(), { withResponsibilities: false });
  return { items: items.map((it, i) => ({ ...it, allowedActions: allowedRecordActions(p, rows[i]!) })) };
}

function searchText(
  r: Pick<RecordRow, 'unit_name' | 'plan_title' | 'conclusion_number'>,
  findings: string,
  conclusion: string,
): string {
  return foldForSearch(`${r.unit_name} ${r.plan_title} ${r.conclusion_number ?? ''} ${findings} ${conclusion}`);
}

/** Saves the record: findings, conclusion, responsibility and the recommendations not yet tasks. */
export async function updateRecord(ctx: AppContext, p: Principal, id: number, input: RecordUpdate) {
  const before = await visibleRecord(ctx, p, id);
  if (!mayManage(p, before.unit_path)) throw notAllowed();
  if (input.inspectedOn && input.inspectedOn > ctx.clock.today()) {
    throw new Invalid(
      { vi: 'Ngày kiểm tra không được sau hôm nay.', en: 'The inspection date cannot be in the future.' },
      'inspectedOn',
    );
  }
  await ctx.db.transaction().execute(async (trx) => {
    const r = await lockRecord(trx, id);
    if (!r) throw notFound(RECORD, id);
    if (r.version !== input.version) throw staleVersion();
    if (r.status === 'concluded' && input.recommendations.length > 0) {
      throw new Conflict({
        vi: 'Kết luận đã ban hành: thêm kiến nghị bằng nút "Thêm kiến nghị" (mỗi kiến nghị thành một nhiệm vụ ngay).',
        en: 'The conclusion is issued: add recommendations one by one (each becomes a task at once).',
      });
    }
    await bumpRecord(trx, id, input.version, {
      inspected_on: input.inspectedOn ?? null,
      findings: input.findings,
      conclusion: input.conclusion,
      search_text: searchText(r, input.findings, input.conclusion),
    });
    await replaceResponsibilities(trx, id, input.responsibilities);
    if (r.status === 'draft') await replaceOpenRecommendations(trx, id, input.recommendations);
    if (r.published_at) await bumpPublicGeneration(trx);
    await appendAudit(trx, {
      actorUserId: p.userId,
      action: 'inspection_record_updated',
      entity: 'inspection',
      entityId: id,
      data: {
        status: r.status,
        published: r.published_at !== null,
        responsibilities: input.responsibilities.length,
        recommendations: input.recommendations.length,
      },
    });
  });
  if (before.published_at) notifyPublicationChange();
  return getRecord(ctx, p, id);
}

/** Publishing is an explicit, audited step; only a concluded record can be published. */
export async function setPublished(ctx: AppContext, p: Principal, id: number, version: number, publish: boolean) {
  const before = await visibleRecord(ctx, p, id);
  if (!mayManage(p, before.unit_path)) throw notAllowed();
  await ctx.db.transaction().execute(async (trx) => {
    const r = await lockRecord(trx, id);
    if (!r) throw notFound(RECORD, id);
    if (r.version !== version) throw staleVersion();
    if (publish && r.status !== 'concluded') {
      throw new Conflict({
        vi: 'Chỉ công bố được kết luận đã ban hành.',
        en: 'Only an issued conclusion can be published.',
      });
    }
    if (publish === (r.published_at !== null)) {
      throw new Conflict(
        publish
          ? { vi: 'Kết luận đã được công bố.', en: 'Already published.' }
          : { vi: 'Kết luận chưa được công bố.', en: 'Not published.' },
      );
    }
    await bumpRecord(
      trx,
      id,
      version,
      publish ? { published_at: ctx.clock.now(), published_by: p.userId } : { published_at: null, published_by: null },
    );
    await bumpPublicGeneration(trx);
    await appendAudit(trx, {
      actorUserId: p.userId,
      action: publish ? 'inspection_published' : 'inspection_unpublished',
      entity: 'inspection',
      entityId: id,
      data: { unitId: r.unit_id, conclusionNumber: r.conclusion_number },
    });
  });
  notifyPublicationChange();
  return getRecord(ctx, p, id);
}
