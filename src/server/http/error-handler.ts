import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, type Message } from '../errors.js';
import { isDatabaseUnavailable } from '../db/unavailable.js';

interface ErrorBody {
  error: { code: string; message: Message; field?: string; issues?: { field: string; message: Message }[] };
}

/** The one place errors become HTTP answers: never a stack trace, never a bare 500 for bad input. */
export function registerErrorHandler(app: FastifyInstance, options: { spaFallback?: boolean } = {}): void {
  app.setErrorHandler((err: FastifyError, request, reply) => {
    if (err instanceof AppError) {
      const retryAfter = (err as { retryAfterSeconds?: number }).retryAfterSeconds;
      if (retryAfter) reply.header('retry-after', String(retryAfter));
      return reply.status(err.status).send(body(err.code, err.messages, err.field));
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const issues = err.validation.map((v) => {
        const path = (v.instancePath ?? '').split('/').filter(Boolean);
        const field = [err.validationContext, ...path].filter(Boolean).join('.');
        return { field, message: validationMessage(field, v.message ?? 'invalid') };
      });
      const first = issues[0];
      const reply400: ErrorBody = body('validation', first?.message ?? validationMessage('', 'invalid'), first?.field);
      reply400.error.issues = issues;
      return reply.status(400).send(reply400);
    }
    if (err.statusCode === 429) {
      return reply.status(429).send(
        body('rate_limited', {
          vi: 'Quá nhiều yêu cầu, vui lòng thử lại sau.',
          en: 'Too many requests, try again later.',
        }),
      );
    }
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      return reply
        .status(err.statusCode)
        .send(body(err.code ?? 'bad_request', { vi: `Yêu cầu không hợp lệ: ${err.message}`, en: err.message }));
    }
    const pgCode = (err as { code?: string }).code;
    if (pgCode === '23505') {
      return reply
        .status(409)
        .send(body('duplicate', { vi: 'Bản ghi đã tồn tại (trùng dữ liệu).', en: 'This record already exists.' }));
    }
    if (pgCode === '23503') {
      return reply
        .status(422)
        .send(
          body('reference', { vi: 'Tham chiếu tới bản ghi không tồn tại.', en: 'A referenced record does not exist.' }),
        );
    }
    if (pgCode === '22P02' || pgCode === '22007' || pgCode === '22008' || pgCode === '22003') {
      return reply.status(400).send(body('bad_value', { vi: 'Giá trị không hợp lệ.', en: 'A value is not valid.' }));
    }
    if (isDatabaseUnavailable(err)) {
      request.log.warn({ err: { message: err.message, code: pgCode } }, 'database unavailable');
      return reply.status(503).header('retry-after', '5').send(databaseUnavailableBody());
    }
    request.log.error({ err }, 'unexpected error');
    return reply
      .status(500)
      .send(body('internal', { vi: 'Lỗi hệ thống, vui lòng thử lại.', en: 'Internal error, please try again.' }));
  });

  app.setNotFoundHandler((request, reply) => {
    // The web app routes on the client: any other GET page gets index.html. A missing asset
    // (an old build's chunk) stays a 404, not a page the browser would try to run as script.
    if (
      options.spaFallback &&
      request.method === 'GET' &&
      !request.url.startsWith('/api/') &&
      !request.url.startsWith('/assets/')
    ) {
      return reply.type('text/html').sendFile('index.html');
    }
    return reply
      .status(404)
      .send(
        body('not_found', { vi: `Không có đường dẫn ${request.url}`, en: `No route ${request.method} ${request.url}` }),
      );
  });
}

/** While the database cannot be reached (restart, maintenance, network): a 503 the web app shows as is. */
export function databaseUnavailableBody(): ErrorBody {
  return body('database_unavailable', {
    vi: 'Cơ sở dữ liệu tạm thời không truy cập được (đang khởi động lại hoặc bảo trì). Vui lòng thử lại sau ít giây; dữ liệu đã lưu không bị mất.',
    en: 'The database cannot be reached right now (restarting or under maintenance). Try again in a few seconds; saved data is not lost.',
  });
}

function body(code: string, message: Message, field?: string): ErrorBody {
  return { error: { code, message, ...(field ? { field } : {}) } };
}

function validationMessage(field: string, en: string): Message {
  const name = field || 'input';
  return { vi: `Trường "${name}" không hợp lệ: ${en}`, en: `Field "${name}" is invalid: ${en}` };
}
