import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.js';
import { likePattern } from '../../domain/text.js';
import { AppError } from '../../errors.js';
import { publishedConclusion, publishedConclusions } from '../inspections/service.js';
import { issueChallenge } from './challenge.js';
import { submitFeedback } from './feedback.js';
import { feedbackPage, feedbackSentPage, type FormValues } from './feedback-page.js';
import { PORTAL_CSP } from './html.js';
import { langOf, ORGANISATION, ORGANISATION_SHORT, PORTAL_TEXT, type Lang } from './i18n.js';
import {
  answerCard,
  conclusionCard,
  conclusionPage,
  homePage,
  listPage,
  messagePage,
  methodPage,
  searchPage,
  unitPage,
  unitsPage,
} from './pages.js';
import { defaultPeriod, lastMonths, parsePeriod, portalData, type RenderedPage } from './public-data.js';
import { findPublicUnit, searchUnits } from './queries.js';

/** Feedback sends per address: enough for a person, too few for a spammer. */
export const FEEDBACK_RATE_LIMIT = { max: 5, timeWindow: '10 minutes' };
const PAGE_SIZE = 20;

/**
 * The public portal (DESIGN.md §9): plain HTML rendered here, no login, no script. Public
 * routes never call principalOf; only published records are read (inspections/service.ts).
 */
export function portalRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    const data = portalData(ctx);
    app.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string', bodyLimit: 64 * 1024 },
      (_req, body, done) => {
        done(null, Object.fromEntries(new URLSearchParams(body as string)));
      },
    );
    app.addHook('onSend', async (_request, reply) => {
      reply
        // Narrower than the app's policy (app.ts), which sets the other security headers.
        .header('content-security-policy', PORTAL_CSP)
        .header('cache-control', 'no-cache');
    });
    app.setErrorHandler((err: FastifyError, request, reply) => portalError(err, request, reply, data.named));

    const send = async (reply: FastifyReply, body: string | Buffer, status = 200) =>
      reply
        .status(status)
        .type('text/html; charset=utf-8')
        .send(typeof body === 'string' ? await data.named(body) : body);
    const q = (request: FastifyRequest) => request.query as Record<string, string | undefined>;
    const pageNo = (request: FastifyRequest) =>
      Math.max(0, Math.min(1000, Number.parseInt(q(request).page ?? '0', 10) || 0));
    const idOf = (request: FastifyRequest) => {
      const raw = (request.params as { id: string }).id;
      return /^\d{1,9}$/.test(raw) ? Number(raw) : null;
    };
    const periodOf = (text: string | undefined) =>
      parsePeriod(text ?? '') ?? parsePeriod(defaultPeriod(ctx.clock.today()))!;

    const ok = (html: string): RenderedPage => ({ status: 200, html });
    const missing = (lang: Lang): RenderedPage => ({
      status: 404,
      html: messagePage(lang, '404', PORTAL_TEXT[lang].notFound),
    });
    /** A public page, served from the page cache of the current generation and day. */
    const page = (path: string, render: (request: FastifyRequest, lang: Lang) => Promise<RenderedPage>) =>
      app.get(path, { schema: { hide: true } }, async (request, reply) => {
        const rendered = await data.page(request.url, () => render(request, langOf(request.query)));
        return send(reply, rendered.body, rendered.status);
      });

    page('/portal', async (_request, lang) => {
      const period = periodOf(undefined);
      const [conclusions, answers, stats] = await Promise.all([
        data.latestConclusions(5),
        data.latestAnswers(5),
        data.unitRecords(period),
      ]);
      return ok(homePage(lang, conclusions, answers, period, stats));
    });

    page('/portal/conclusions', async (request, lang) => {
      const n = pageNo(request);
      const items = await data.searchConclusions(q(request).q?.slice(0, 200), PAGE_SIZE + 1, n * PAGE_SIZE);
      const more =
        items.length > PAGE_SIZE ? { path: '/portal/conclusions', params: { q: q(request).q, page: n + 1 } } : null;
      return ok(
        listPage(
          lang,
          PORTAL_TEXT[lang].conclusions,
          items.slice(0, PAGE_SIZE).map((c) => conclusionCard(lang, c)),
          more,
        ),
      );
    });

    page('/portal/conclusions/:id', async (request, lang) => {
      const id = idOf(request);
      const c = id === null ? undefined : await publishedConclusion(ctx, id);
      return c ? ok(conclusionPage(lang, c)) : missing(lang);
    });

    page('/portal/units', async (request, lang) => {
      const period = periodOf(q(request).period);
      const [stats, units] = await Promise.all([data.unitRecords(period), data.units()]);
      return ok(unitsPage(lang, period, stats, new Set(units.map((u) => u.id)), ctx.clock.today()));
    });

    page('/portal/units/:id', async (request, lang) => {
      const id = idOf(request);
      const unit = id === null ? undefined : await findPublicUnit(ctx.db, id);
      if (!unit) return missing(lang);
      const months = lastMonths(ctx.clock.today(), 12);
      const [history, conclusions] = await Promise.all([
        Promise.all(months.map(async (m) => ({ period: m, stats: await data.unitRecords(parsePeriod(m)!) }))),
        publishedConclusions(ctx, { unitId: unit.id, limit: 20 }),
      ]);
      return ok(unitPage(lang, unit, history, conclusions));
    });

    page('/portal/answers', async (request, lang) => {
      const n = pageNo(request);
      const items = await data.searchAnswers(undefined, PAGE_SIZE + 1, n * PAGE_SIZE);
      const more = items.length > PAGE_SIZE ? { path: '/portal/answers', params: { page: n + 1 } } : null;
      return ok(
        listPage(
          lang,
          PORTAL_TEXT[lang].answers,
          items.slice(0, PAGE_SIZE).map((a) => answerCard(lang, a)),
          more,
        ),
      );
    });

    page('/portal/search', async (request, lang) => {
      const text = (q(request).q ?? '').trim().slice(0, 200);
      if (!text) return ok(searchPage(lang, '', [], [], []));
      const [conclusions, units, answers] = await Promise.all([
        data.searchConclusions(text, PAGE_SIZE, 0),
        searchUnits(ctx.db, likePattern(text), PAGE_SIZE),
        data.searchAnswers(text, PAGE_SIZE, 0),
      ]);
      return ok(searchPage(lang, text, conclusions, units, answers));
    });

    page('/portal/method', async (_request, lang) => ok(methodPage(lang, await data.unitRecords(periodOf(undefined)))));

    // Unknown portal addresses get the portal's own 404, not the staff web app.
    app.get('/portal/*', { schema: { hide: true } }, async (request, reply) =>
      request.url.split('?')[0] === '/portal/'
        ? reply.redirect('/portal')
        : send(reply, missing(langOf(request.query)).html, 404),
    );

    app.get('/portal/feedback', { schema: { hide: true } }, async (request, reply) => {
      const lang = langOf(request.query);
      const about = /^\d{1,9}$/.test(q(request).about ?? '')
        ? ((await publishedConclusion(ctx, Number(q(request).about))) ?? null)
        : null;
      return send(reply, feedbackPage(lang, await issueChallenge(ctx), {}, about, null));
    });

    app.post(
      '/portal/feedback',
      { schema: { hide: true }, config: { rateLimit: FEEDBACK_RATE_LIMIT } },
      async (request, reply) => {
        const lang = langOf(request.query);
        const wantsJson = (request.headers.accept ?? '').includes('application/json');
        try {
          const { id } = await submitFeedback(ctx, request.body, request.ip);
          return wantsJson ? reply.status(201).send({ id }) : send(reply, feedbackSentPage(lang, id), 201);
        } catch (err) {
          if (!(err instanceof AppError) || wantsJson) throw err;
          const body = (request.body && typeof request.body === 'object' ? request.body : {}) as Record<
            string,
            unknown
          >;
          const values: FormValues = Object.fromEntries(
            ['name', 'phone', 'title', 'content'].map((k) => [k, typeof body[k] === 'string' ? body[k] : undefined]),
          );
          const aboutId =
            typeof body.inspectionId === 'string' && /^\d{1,9}$/.test(body.inspectionId)
              ? Number(body.inspectionId)
              : null;
          const about = aboutId ? ((await publishedConclusion(ctx, aboutId)) ?? null) : null;
          return send(
            reply,
            feedbackPage(lang, await issueChallenge(ctx), values, about, {
              message: err.messages[lang],
              field: err.field,
            }),
            err.status,
          );
        }
      },
    );
  };
}

/** Errors on portal pages are pages too (JSON for clients that ask for it). */
async function portalError(
  err: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
  named: (html: string) => Promise<string>,
) {
  const lang = langOf(request.query);
  const t = PORTAL_TEXT[lang];
  const status =
    err instanceof AppError
      ? err.status
      : err.statusCode && err.statusCode >= 400 && err.statusCode < 500
        ? err.statusCode
        : 500;
  const messages =
    err instanceof AppError
      ? err.messages
      : status === 429
        ? { vi: PORTAL_TEXT.vi.tooMany, en: PORTAL_TEXT.en.tooMany }
        : status < 500
          ? { vi: 'Yêu cầu không hợp lệ.', en: 'Bad request.' }
          : { vi: 'Lỗi hệ thống, vui lòng thử lại.', en: 'Internal error, please try again.' };
  if (status >= 500) request.log.error({ err }, 'portal error');
  if ((request.headers.accept ?? '').includes('application/json')) {
    return reply.status(status).send({
      error: {
        code: err instanceof AppError ? err.code : status === 429 ? 'rate_limited' : 'error',
        message: messages,
        ...(err instanceof AppError && err.field ? { field: err.field } : {}),
      },
    });
  }
  return reply
    .status(status)
    .type('text/html; charset=utf-8')
    .send(
      await named(messagePage(lang, status === 429 ? t.tooMany : t.errorTitle, messages[lang])).catch((e: unknown) => {
        // The database may be why this page is shown: the name is then left out, never the page.
        request.log.warn({ err: e }, 'portal error page without the organisation name');
        return messagePage(lang, status === 429 ? t.tooMany : t.errorTitle, messages[lang])
          .replaceAll(ORGANISATION, '')
          .replaceAll(ORGANISATION_SHORT, '');
      }),
    );
}
