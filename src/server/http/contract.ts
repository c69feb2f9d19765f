import type { FastifySerializerCompiler } from 'fastify/types/schema.js';
import { safeParse, type $ZodType } from 'zod/v4/core';

/**
 * Writes each answer through its route's response schema (the shared contract, src/shared/api/):
 * what the schema does not declare is not sent, and an answer that does not fit fails loudly.
 * With `undeclared: 'fail'` (the tests) a field the server sends but the contract leaves out is an
 * error too, so a presenter cannot drift from the contract without a test noticing.
 */
export function contractSerializer(options: { undeclared: 'drop' | 'fail' }): FastifySerializerCompiler<unknown> {
  return ({ schema, method, url }) =>
    (data) => {
      const result = safeParse(schema as $ZodType, data);
      if (!result.success) {
        const problems = result.error.issues.map((i) => `${i.path.join('.') || '(answer)'}: ${i.message}`);
        throw new Error(`The answer of ${method} ${url} does not fit its contract: ${problems.slice(0, 5).join('; ')}`);
      }
      if (options.undeclared === 'fail') {
        const extra = undeclaredFields(data, result.data, '');
        if (extra.length)
          throw new Error(
            `The answer of ${method} ${url} has fields its contract lacks: ${extra.slice(0, 5).join(', ')}`,
          );
      }
      return JSON.stringify(result.data);
    };
}

/** Paths of the fields present (not undefined) in `sent` that the parsed answer no longer has. */
export function undeclaredFields(sent: unknown, kept: unknown, at: string): string[] {
  if (Array.isArray(sent) && Array.isArray(kept))
    return sent.flatMap((item, i) => undeclaredFields(item, kept[i], `${at}[${i}]`));
  if (!isPlainObject(sent) || !isPlainObject(kept)) return [];
  const out: string[] = [];
  for (const [key, value] of Object.entries(sent)) {
    if (value === undefined) continue;
    const path = at ? `${at}.${key}` : key;
    if (!(key in kept)) out.push(path);
    else out.push(...undeclaredFields(value, kept[key], path));
  }
  return out;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && Object.getPrototypeOf(v) === Object.prototype;
}
