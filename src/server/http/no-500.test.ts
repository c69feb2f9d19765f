import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../../../test/helpers/app.js';

/**
 * No input gets a 500. Requests generated from the OpenAPI document (fast-check, a fixed seed):
 * each operation with path, query and body values drawn from its schema and from the values that
 * break naive code — NUL bytes, dates before 1900 or after 2100, impossible dates, huge numbers,
 * formula-like and very long text, wrong types, deep nesting — and the raw bodies a parser
 * trips over (broken JSON, broken multipart, oversized). Every answer must be below 500, carry
 * no stack or SQL text, and an error must say what is wrong in Vietnamese and English.
 * FUZZ_RUNS sets the budget (CI: the default; the long run: `npm run fuzz`), FUZZ_SEED the seed.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 2000);
const SEED = Number(process.env.FUZZ_SEED ?? 20261204);
let h: TestApp;
type Schema = {
  type?: string | string[];
  properties?: Record<string, Schema>;
  items?: Schema;
  enum?: unknown[];
  anyOf?: Schema[];
  oneOf?: Schema[];
  format?: string;
  pattern?: string;
};
type Op = { method: string; path: string; params: { in: string; name: string; schema?: Schema }[]; body?: Schema };
let ops: Op[] = [];

// Logging out or changing one's password would end the fuzzing caller's own session.
const SKIP = new Set(['POST /api/auth/logout', 'POST /api/auth/password', 'GET /api/notifications/stream']);

beforeAll(async () => {
  h = await createTestApp({ today: '2026-05-04' });
  const spec = (await h.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
  for (const [path, byMethod] of Object.entries<Record<string, any>>(spec.paths)) {
    for (const [method, op] of Object.entries<any>(byMethod)) {
      if (SKIP.has(`${method.toUpperCase()} ${path}`)) continue;
      ops.push({
        method: method.toUpperCase(),
        path,
        params: op.parameters ?? [],
        body: op.requestBody?.content?.['application/json']?.schema,
      });
    }
  }
  ops = ops.sort((a, b) => `${a.method} ${a.path}`.localeCompare(`${b.method} ${b.path}`));
});
afterAll(async () => h?.close());

const NASTY_TEXT = [
  'a\u0000b',
  '\u0000',
  '0001-01-01',
  '1899-12-31',
  '2101-01-01',
  '9999-12-31',
  '2026-02-30',
  '2026-13-01',
  '275760-09-13',
  '-1',
  '0',
  '1e400',
  '99999999999999999999',
  'NaN',
  '=HYPERLINK("http://x")',
  '+1',
  '@SUM(A1)',
  "'; drop table tasks; --",
  '%',
  '_',
  '\\',
  'x'.repeat(10_000),
  'Hà Nội',
  '',
  ' ',
  '[]',
  '{}',
  'null',
  'true',
];
const nastyText = fc.oneof(
  fc.constantFrom(...NASTY_TEXT),
  fc.string({ maxLength: 30 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
);
const nastyNumber = fc.oneof(
  fc.constantFrom(0, -1, 1, 2_147_483_647, 2_147_483_648, Number.MAX_SAFE_INTEGER, 1e300, -1e300, 0.5, 1900, 2101),
  fc.integer(),
);
const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  nastyText,
  nastyNumber,
  fc.boolean(),
  fc.constant(null),
  fc.constant([]),
  fc.constant({}),
  fc.array(nastyText, { maxLength: 3 }),
);

/** A value for a schema: usually of its shape (so validation passes and the handler runs), sometimes not. */
function valueFor(schema: Schema | undefined, depth = 0): fc.Arbitrary<unknown> {
  if (!schema || depth > 5) return anyValue;
  const variants = schema.anyOf ?? schema.oneOf;
  if (variants?.length) return fc.oneof(...variants.map((s) => valueFor(s, depth + 1)));
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  let shaped: fc.Arbitrary<unknown>;
  if (schema.enum?.length) shaped = fc.constantFrom(...schema.enum);
  else if (type === 'object' || schema.properties) {
    const props = Object.entries(schema.properties ?? {});
    shaped = fc.record(Object.fromEntries(props.map(([k, s]) => [k, valueFor(s, depth + 1)])), {
      requiredKeys: props.map(([k]) => k).filter((k, i) => i % 3 !== 2),
    });
  } else if (type === 'array') shaped = fc.array(valueFor(schema.items, depth + 1), { maxLength: 3 });
  else if (type === 'integer' || type === 'number') shaped = nastyNumber;
  else if (type === 'boolean') shaped = fc.boolean();
  else if (schema.format === 'date' || schema.pattern?.includes('\\d{4}'))
    shaped = fc.oneof(
      fc.constantFrom(...NASTY_TEXT.slice(2, 9)),
      fc.date({ noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
    );
  else shaped = nastyText;
  return fc.oneof({ weight: 6, arbitrary: shaped }, { weight: 1, arbitrary: anyValue });
}

const q = (v: unknown) => encodeURIComponent(typeof v === 'string' ? v : JSON.stringify(v));
function pathValue(): fc.Arbitrary<string> {
  return fc.oneof(
    fc.constantFrom(
      '1',
      '2',
      '0',
      '-1',
      '2147483648',
      '1e3',
      'abc',
      '%00',
      '2026',
      '2026-05-04',
      '1800-01-01',
      '99999',
    ),
    nastyText.map((s) => encodeURIComponent(s.slice(0, 50)) || 'x'),
  );
}

/** The raw bodies that trip parsers, sent with their own content type. */
const RAW_BODIES: { type: string; payload: string | Buffer }[] = [
  { type: 'application/json', payload: '{"a":' },
  { type: 'application/json', payload: '{"a":"\u0000"}' },
  { type: 'application/json', payload: `${'['.repeat(5000)}${']'.repeat(5000)}` },
  { type: 'application/json', payload: `{"x":"${'y'.repeat(3 * 1024 * 1024)}"}` },
  { type: 'application/json', payload: '{"__proto__":{"admin":true},"constructor":{"prototype":{}}}' },
  {
    type: 'multipart/form-data; boundary=zz',
    payload: '--zz\r\nContent-Disposition: form-data; name="file"\r\n\r\nabc',
  },
  { type: 'multipart/form-data', payload: 'no boundary at all' },
  {
    type: 'multipart/form-data; boundary=zz',
    payload:
      '--zz\r\nContent-Disposition: form-data; name="file"; filename="a.xlsx"\r\n\r\nPK\u0003\u0004garbage\r\n--zz--\r\n',
  },
  { type: 'text/plain', payload: 'hello' },
  { type: 'application/x-www-form-urlencoded', payload: 'a=1&b=%00' },
];

const LEAK = /\bat [\w.<>]+ \(|node_modules|\bselect\b.+\bfrom\b|syntax error|violates|relation "|stack/i;

async function send(
  c: Client,
  op: Op,
  pathVals: string[],
  query: Record<string, unknown>,
  body: unknown,
  raw?: number,
) {
  let i = 0;
  const url = op.path.replace(/\{[^}]+\}/g, () => pathVals[i++ % pathVals.length] ?? '1');
  const qs = Object.entries(query)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${q(v)}`)
    .join('&');
  const rawBody = raw === undefined ? undefined : RAW_BODIES[raw % RAW_BODIES.length]!;
  const res = await h.app.inject({
    method: op.method as 'GET',
    url: qs ? `${url}?${qs}` : url,
    cookies: c.cookies,
    headers: { ...c.headers, ...(rawBody ? { 'content-type': rawBody.type } : {}) },
    ...(op.method === 'GET' || op.method === 'DELETE'
      ? {}
      : { payload: rawBody ? rawBody.payload : ((body ?? {}) as object) }),
  });
  return { where: `${op.method} ${url}${qs ? `?${qs.slice(0, 200)}` : ''}`, res };
}

function problem(where: string, res: { statusCode: number; body: string; headers: Record<string, unknown> }) {
  if (res.statusCode >= 500) return `${where} → ${res.statusCode} ${res.body.slice(0, 300)}`;
  const type = String(res.headers['content-type'] ?? '');
  if (!type.includes('json')) return null;
  if (LEAK.test(res.body)) return `${where} → leaks internals: ${res.body.slice(0, 300)}`;
  if (res.statusCode >= 400) {
    const message = JSON.parse(res.body)?.error?.message;
    if (!message?.vi || !message?.en) return `${where} → ${res.statusCode} without a bilingual message`;
  }
  return null;
}

describe('no input gets a 500', () => {
  it.each(['admin', 'vanthu.badinh'])(
    '%s: generated requests to every operation',
    async (username) => {
      const c = await h.as(username);
      const problems: string[] = [];
      const request = fc.integer({ min: 0, max: ops.length - 1 }).chain((n) => {
        const op = ops[n]!;
        const queryParams = op.params.filter((p) => p.in === 'query');
        return fc.record({
          n: fc.constant(n),
          pathVals: fc.array(pathValue(), { minLength: 2, maxLength: 2 }),
          query: fc.record(Object.fromEntries(queryParams.map((p) => [p.name, valueFor(p.schema)])), {
            requiredKeys: [],
          }),
          body: valueFor(op.body),
          raw: fc.option(fc.nat(), { freq: 4 }),
        });
      });
      await fc.assert(
        fc.asyncProperty(request, async ({ n, pathVals, query, body, raw }) => {
          const { where, res } = await send(c, ops[n]!, pathVals, query, body, raw ?? undefined);
          const found = problem(where, res);
          if (found) problems.push(found);
          return true;
        }),
        { seed: SEED + username.length, numRuns: Math.ceil(RUNS / 2) },
      );
      if (problems.length) console.log(problems.slice(0, 20));
      expect(problems.slice(0, 20)).toEqual([]);
    },
    600_000,
  );
});

describe('each class of bad input has its answer', () => {
  it('NUL characters, far years, deep and oversized JSON, broken or oversized uploads', async () => {
    const c = await h.as('chuyenvien');
    const unit = h.t.org.unitIds.get('UBND')!;
    const doc = (over: object) =>
      c.post('/api/documents', {
        numberSymbol: '5/UBND-KH',
        kind: 'Kế hoạch',
        issuerUnitId: unit,
        issuedOn: '2026-05-04',
        summary: 'Kế hoạch',
        tasks: [],
        ...over,
      });
    const nul = await doc({ summary: 'Kế\u0000hoạch' });
    expect(nul.status).toBe(400);
    expect(nul.body.error.message.vi).toMatch(/NUL/);
    const nulQuery = await c.get('/api/tasks?q=a%00b');
    expect(nulQuery.status).toBe(400);
    for (const issuedOn of ['1899-12-31', '2101-01-01', '0001-01-01']) {
      const res = await doc({ issuedOn });
      expect(res.status, issuedOn).toBe(400);
      expect(res.body.error.message.en).toMatch(/between 1900 and 2100/);
    }
    const raw = (payload: string, type = 'application/json') =>
      h.app.inject({
        method: 'POST',
        url: '/api/documents',
        payload,
        cookies: c.cookies,
        headers: { ...c.headers, 'content-type': type },
      });
    const deep = await raw(`{"summary":${'['.repeat(100)}${']'.repeat(100)}}`);
    expect(deep.statusCode).toBe(400);
    expect(deep.json().error.message.vi).toMatch(/lồng nhau quá sâu/);
    const big = await raw(`{"summary":"${'x'.repeat(3 * 1024 * 1024)}"}`);
    expect(big.statusCode).toBe(413);
    expect(big.json().error.message.vi).toBeTruthy();
    const broken = await h.app.inject({
      method: 'POST',
      url: '/api/files',
      payload: '--zz\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\n%PDF-',
      cookies: c.cookies,
      headers: { ...c.headers, 'content-type': 'multipart/form-data; boundary=zz' },
    });
    expect(broken.statusCode).toBe(400);
    expect(broken.json().error.message.vi).toMatch(/multipart/);
    const files = async () =>
      Number(
        (
          await h.t.db
            .selectFrom('files')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirst()
        )?.n,
      );
    const before = await files();
    const tooBig = await c.upload(
      '/api/files',
      'lon.pdf',
      Buffer.concat([Buffer.from('%PDF-'), Buffer.alloc(21 * 1024 * 1024)]),
    );
    expect(tooBig.status).toBe(413);
    expect(tooBig.body.error.message.vi).toMatch(/quá lớn/);
    expect(await files()).toBe(before);
  });
});
