import type { AppContext } from '../../context.js';
import { hasRole, type Principal } from '../../domain/access.js';
import { foldForSearch, likePattern } from '../../domain/text.js';
import { BadRequest, Conflict, Invalid, notAllowed, notFound, staleVersion } from '../../errors.js';
import { appendAudit } from '../audit/service.js';
import { bumpPublicGeneration, publishedConclusion } from '../inspections/service.js';
import { verifyChallenge } from './challenge.js';
import { feedbackQuery, insertFeedback, lockFeedback, type FeedbackRow } from './queries.js';

/**
 * Citizens' feedback (the seed's form: name, phone, title, content) and its moderation by the
 * city office. Input is untrusted: it is length-checked, refused when it carries control
 * characters, a filled honeypot or a wall of links, and stored exactly as sent (escaping
 * happens on output, never on input, so nothing stored is lost or altered).
 */
export const FEEDBACK_LIMITS = { name: 100, phone: 20, title: 200, content: 5000 } as const;
const FEEDBACK = { vi: 'ý kiến', en: 'Feedback' };
// eslint-disable-next-line no-control-regex -- control characters are exactly what it refuses
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const MAX_LINKS = 3;

export interface FeedbackInput {
  name: string;
  phone: string | null;
  title: string;
  content: string;
  inspectionId: number | null;
}

const FIELD_NAMES = {
  name: { vi: 'Họ tên', en: 'Full name' },
  phone: { vi: 'Số điện thoại', en: 'Phone' },
  title: { vi: 'Tiêu đề', en: 'Title' },
  content: { vi: 'Nội dung', en: 'Message' },
};

function text(
  body: Record<string, unknown>,
  field: keyof typeof FIELD_NAMES,
  min: number,
  required: boolean,
): string | null {
  const raw = body[field];
  if (raw !== undefined && typeof raw !== 'string')
    throw new BadRequest(
      { vi: `${FIELD_NAMES[field].vi}: giá trị không hợp lệ.`, en: `${FIELD_NAMES[field].en}: invalid value.` },
      field,
    );
  const value = (raw ?? '').trim();
  if (!value) {
    if (required)
      throw new BadRequest(
        { vi: `Vui lòng nhập ${FIELD_NAMES[field].vi.toLowerCase()}.`, en: `${FIELD_NAMES[field].en} is required.` },
        field,
      );
    return null;
  }
  if (CONTROL.test(value))
    throw new BadRequest(
      {
        vi: `${FIELD_NAMES[field].vi} chứa ký tự không hợp lệ.`,
        en: `${FIELD_NAMES[field].en} contains invalid characters.`,
      },
      field,
    );
  const max = FEEDBACK_LIMITS[field];
  if ([...value].length > max || [...value].length < min) {
    throw new Invalid(
      {
        vi: `${FIELD_NAMES[field].vi} phải dài từ ${min} đến ${max} ký tự.`,
        en: `${FIELD_NAMES[field].en} must be ${min} to ${max} characters long.`,
      },
      field,
    );
  }
  return value;
}

/** The form's fields, checked; throws the first problem in the sender's words. */
export function parseFeedback(body: unknown): FeedbackInput {
  if (!body || typeof body !== 'object' || Array.isArray(body))
    throw new BadRequest({ vi: 'Biểu mẫu trống.', en: 'The form is empty.' });
  const b = body as Record<string, unknown>;
  if (typeof b.website === 'string' && b.website.trim() !== '') throw spam();
  const name = text(b, 'name', 2, true)!;
  const phone = text(b, 'phone', 6, false);
  if (phone && !/^[0-9+().\s-]+$/.test(phone))
    throw new Invalid(
      {
        vi: 'Số điện thoại chỉ gồm chữ số và các ký tự + ( ) . -',
        en: 'A phone number has digits and + ( ) . - only.',
      },
      'phone',
    );
  const title = text(b, 'title', 3, true)!;
  const content = text(b, 'content', 10, true)!;
  if ((content.match(/https?:\/\/|www\./gi) ?? []).length > MAX_LINKS) throw spam();
  const about =
    typeof b.inspectionId === 'string' && b.inspectionId
      ? Number(b.inspectionId)
      : typeof b.inspectionId === 'number'
        ? b.inspectionId
        : null;
  if (about !== null && (!Number.isInteger(about) || about <= 0 || about > 2_147_483_647))
    throw new BadRequest({ vi: 'Kết luận không hợp lệ.', en: 'Invalid conclusion.' }, 'inspectionId');
  return { name, phone, title, content, inspectionId: about };
}

const spam = () => new Invalid({ vi: 'Ý kiến bị từ chối vì có dấu hiệu thư rác.', en: 'Rejected as spam.' });

/** Takes a citizen's message: fields first (a typo must not burn the challenge), then the challenge. */
export async function submitFeedback(
  ctx: AppContext,
  body: unknown,
  clientAddress: string | null,
): Promise<{ id: number }> {
  const input = parseFeedback(body);
  if (input.inspectionId !== null && !(await publishedConclusion(ctx, input.inspectionId))) {
    throw new Invalid(
      { vi: 'Không có kết luận đã công bố với số hiệu này.', en: 'No published conclusion with this id.' },
      'inspectionId',
    );
  }
  const b = body as Record<string, unknown>;
  await verifyChallenge(
    ctx,
    typeof b.challengeToken === 'string' ? b.challengeToken : undefined,
    typeof b.challengeAnswer === 'string'
      ? b.challengeAnswer
      : typeof b.challengeAnswer === 'number'
        ? String(b.challengeAnswer)
        : undefined,
  );
  return ctx.db.transaction().execute(async (trx) => {
    const id = await insertFeedback(trx, {
      ...input,
      clientAddress,
      searchText: foldForSearch(`${input.title} ${input.content}`),
    });
    await appendAudit(trx, {
      actorUserId: null,
      action: 'feedback_received',
      entity: 'feedback',
      entityId: id,
      data: { inspectionId: input.inspectionId },
    });
    return { id };
  });
}

// ---- moderation by the city office ----

function assertModerator(p: Principal): void {
  if (!hasRole(p, 'officer', 'admin')) throw notAllowed();
}

export function presentFeedback(r: FeedbackRow) {
  return {
    id: r.id,
    receivedAt: r.received_at,
    name: r.name,
    phone: r.phone,
    title: r.title,
    content: r.content,
    inspection: r.inspection_id
      ? { id: r.inspection_id, conclusionNumber: r.conclusion_number, unitName: r.unit_name }
      : null,
    clientAddress: r.client_address,
    status: r.status,
    answer: r.answer,
    answeredAt: r.answered_at,
    answeredBy: r.answered_by_name,
    answerPublished: r.answer_published_at !== null,
    answerPublishedAt: r.answer_published_at,
    version: r.version,
  };
}

export async function listFeedback(
  ctx: AppContext,
  p: Principal,
  q: { status?: 'new' | 'answered' | 'hidden'; q?: string; limit: number; before?: number },
) {
  assertModerator(p);
  let qb = feedbackQuery(ctx.db);
  if (q.status) qb = qb.where('f.status', '=', q.status);
  if (q.q) qb = qb.where('f.search_text', 'like', likePattern(q.q));
  if (q.before) qb = qb.where('f.id', '<', q.before);
  const rows = await qb
    .orderBy('f.id', 'desc')
    .limit(q.limit + 1)
    .execute();
  const page = rows.slice(0, q.limit);
  const counts = await ctx.db
    .selectFrom('portal_feedback')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('status')
    .execute();
  return {
    items: page.map(presentFeedback),
    nextBefore: rows.length > q.limit ? page[page.length - 1]!.id : null,
    counts: Object.fromEntries(counts.map((c) => [c.status, Number(c.n)])),
  };
}

export async function getFeedback(ctx: AppContext, p: Principal, id: number) {
  if (!hasRole(p, 'officer', 'admin')) throw notFound(FEEDBACK, id);
  const row = await feedbackQuery(ctx.db).where('f.id', '=', id).executeTakeFirst();
  if (!row) throw notFound(FEEDBACK, id);
  return presentFeedback(row);
}

type Moderation = { kind: 'answer'; answer: string } | { kind: 'publish' } | { kind: 'unpublish' } | { kind: 'hide' };

/** Every moderation step is one audited transaction with optimistic locking. */
export async function moderateFeedback(ctx: AppContext, p: Principal, id: number, version: number, m: Moderation) {
  if (!hasRole(p, 'officer', 'admin')) throw notFound(FEEDBACK, id);
  await ctx.db.transaction().execute(async (trx) => {
    const f = await lockFeedback(trx, id);
    if (!f) throw notFound(FEEDBACK, id);
    if (f.version !== version) throw staleVersion();
    const now = ctx.clock.now();
    let set: Record<string, unknown>;
    if (m.kind === 'answer') set = { answer: m.answer, answered_by: p.userId, answered_at: now, status: 'answered' };
    else if (m.kind === 'publish') {
      if (!f.answer) throw new Conflict({ vi: 'Cần trả lời trước khi công bố.', en: 'Answer it before publishing.' });
      if (f.answer_published_at)
        throw new Conflict({ vi: 'Câu trả lời đã được công bố.', en: 'The answer is already published.' });
      set = { answer_published_at: now, answer_published_by: p.userId };
    } else if (m.kind === 'unpublish') {
      if (!f.answer_published_at)
        throw new Conflict({ vi: 'Câu trả lời chưa được công bố.', en: 'The answer is not published.' });
      set = { answer_published_at: null, answer_published_by: null };
    } else set = { status: 'hidden', answer_published_at: null, answer_published_by: null };
    await trx
      .updateTable('portal_feedback')
      .set((eb) => ({ ...set, version: eb('version', '+', 1) }))
      .where('id', '=', id)
      .execute();
    if (f.answer_published_at || m.kind === 'publish') await bumpPublicGeneration(trx);
    await appendAudit(trx, {
      actorUserId: p.userId,
      action: `feedback_${m.kind}`,
      entity: 'feedback',
      entityId: id,
      data: m.kind === 'answer' ? { length: m.answer.length } : {},
    });
  });
  answerListeners.forEach((l) => l());
  return getFeedback(ctx, p, id);
}

const answerListeners: (() => void)[] = [];
export const onAnswersChange = (listener: () => void) => answerListeners.push(listener);

/** Published questions and answers for the portal (the sender's phone is never shown). */
export async function publishedAnswers(ctx: AppContext, f: { limit: number; q?: string; offset?: number }) {
  let qb = feedbackQuery(ctx.db).where('f.answer_published_at', 'is not', null).where('f.status', '=', 'answered');
  if (f.q) qb = qb.where('f.search_text', 'like', likePattern(f.q));
  const rows = await qb
    .orderBy('f.answer_published_at', 'desc')
    .orderBy('f.id', 'desc')
    .limit(f.limit)
    .offset(f.offset ?? 0)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    title: r.title,
    content: r.content,
    answer: r.answer!,
    answeredAt: r.answered_at,
    publishedAt: r.answer_published_at,
    about:
      r.inspection_id && r.inspection_published_at
        ? { id: r.inspection_id, conclusionNumber: r.conclusion_number, unitName: r.unit_name }
        : null,
  }));
}
