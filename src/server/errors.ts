/**
 * Typed errors of the use cases. Each carries a message in Vietnamese and English; the one
 * place that maps them to HTTP is http/error-handler.ts.
 */
export interface Message {
  vi: string;
  en: string;
}

export abstract class AppError extends Error {
  abstract readonly status: number;
  abstract readonly code: string;
  constructor(
    readonly messages: Message,
    readonly field?: string,
  ) {
    super(messages.en);
  }
}

export class Invalid extends AppError {
  readonly status = 422;
  readonly code = 'invalid';
}

export class BadRequest extends AppError {
  readonly status = 400;
  readonly code = 'bad_request';
}

export class NotFound extends AppError {
  readonly status = 404;
  readonly code = 'not_found';
}

export class Conflict extends AppError {
  readonly status = 409;
  readonly code = 'conflict';
}

export class Forbidden extends AppError {
  readonly status = 403;
  readonly code = 'forbidden';
}

export class TooLarge extends AppError {
  readonly status = 413;
  readonly code = 'too_large';
}

export class Unauthorized extends AppError {
  readonly status = 401;
  readonly code = 'unauthorized';
}

export const notFound = (what: { vi: string; en: string }, id: unknown) =>
  new NotFound({ vi: `Không tìm thấy ${what.vi} #${String(id)}`, en: `${what.en} #${String(id)} not found` });

export const staleVersion = () =>
  new Conflict({
    vi: 'Dữ liệu đã được người khác thay đổi. Vui lòng tải lại rồi thử lại.',
    en: 'Someone else changed this record. Reload and try again.',
  });

export const notAllowed = () =>
  new Forbidden({ vi: 'Bạn không có quyền thực hiện thao tác này.', en: 'You are not allowed to do this.' });
