import type { FastifyInstance } from 'fastify';
import { BadRequest } from '../errors.js';

/** Deeper than any request shape of the API: such a body is an attack on the parser, not data. */
const MAX_DEPTH = 32;

/**
 * Refuses, before validation, input no field of the system can hold: a NUL character in any
 * text (PostgreSQL cannot store it, and it hides text from reviewers) and JSON nested deeper
 * than any request shape. Body, query string and path parameters alike.
 */
export function registerInputGuard(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    for (const [part, value] of [
      ['params', request.params],
      ['querystring', request.query],
      ['body', request.body],
    ] as const) {
      const found = inspect(value, 0);
      if (found === 'nul')
        throw new BadRequest(
          {
            vi: `Dữ liệu gửi lên (${part}) chứa ký tự không hợp lệ (NUL).`,
            en: `The request's ${part} contains a NUL character, which is not allowed.`,
          },
          part,
        );
      if (found === 'deep')
        throw new BadRequest(
          {
            vi: `Dữ liệu gửi lên (${part}) lồng nhau quá sâu (tối đa ${MAX_DEPTH} cấp).`,
            en: `The request's ${part} is nested too deeply (${MAX_DEPTH} levels at most).`,
          },
          part,
        );
    }
  });
}

function inspect(value: unknown, depth: number): 'nul' | 'deep' | null {
  if (typeof value === 'string') return value.includes('\u0000') ? 'nul' : null;
  if (value === null || typeof value !== 'object' || Buffer.isBuffer(value)) return null;
  if (depth >= MAX_DEPTH) return 'deep';
  for (const [key, v] of Object.entries(value)) {
    if (key.includes('\u0000')) return 'nul';
    const found = inspect(v, depth + 1);
    if (found) return found;
  }
  return null;
}
