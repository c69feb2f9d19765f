import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { contractSerializer, undeclaredFields } from './contract.js';

describe('the answer contract', () => {
  const Answer = z.object({
    id: z.number(),
    at: z.date().transform((d) => d.toISOString()),
    items: z.array(z.object({ a: z.string() })),
  });
  const serialize = (undeclared: 'drop' | 'fail') =>
    contractSerializer({ undeclared })({ schema: Answer, method: 'GET', url: '/x', httpStatus: '200' });

  it('finds the fields an answer carries beyond its schema, nested too', () => {
    const sent = { id: 1, extra: 2, items: [{ a: 'x', b: 'y' }], gone: undefined };
    expect(undeclaredFields(sent, Answer.parse({ ...sent, at: new Date(0) }), '')).toEqual(['extra', 'items[0].b']);
  });

  it('drops undeclared fields in production and refuses them in tests', () => {
    const data = { id: 1, at: new Date(0), items: [{ a: 'x', secret: 's' }] };
    expect(JSON.parse(serialize('drop')(data))).toEqual({ id: 1, at: '1970-01-01T00:00:00.000Z', items: [{ a: 'x' }] });
    expect(() => serialize('fail')(data)).toThrow(/items\[0\]\.secret/);
  });

  it('refuses an answer that does not fit, in production too', () => {
    expect(() => serialize('drop')({ id: 'one', at: new Date(0), items: [] })).toThrow(/does not fit its contract: id/);
  });
});

/**
 * Routes that answer a file or a page rather than JSON: their content type is their contract.
 * Every other route declares its JSON answer with a schema from src/shared/api/.
 */
const FILE_ANSWERS = new Set<string>([
  'GET /api/documents/import/template.csv',
  'GET /api/files/{id}',
  'GET /api/tasks/export.xlsx',
  'GET /api/calendar/years/{year}/csv',
  'GET /api/reports/review/export',
  'GET /api/reports/{id}/export',
  'GET /api/calendar-feeds/{file}',
  'GET /api/notifications/stream',
  'GET /api/urging-letters/{id}/docx',
  'GET /api/urging-letters/{id}/pdf',
]);

/** Routes not yet on the shared contract (docs/decisions.md): the list only shrinks. */
const NOT_YET = new Set<string>([
  // Routes of the features that landed on 4/12/2026 beside the contract, still to move onto it.
  'GET /api/audit/actions',
  'POST /api/auth/logout-everywhere',
  'POST /api/documents/edxml',
  'POST /api/documents/extract',
  'POST /api/documents/{id}/extract',
  'POST /api/documents/{id}/tasks',
  'POST /api/documents/{id}/corrections',
  'GET /api/documents/{id}/history',
  'GET /api/documents/{id}/edxml-status',
  'GET /api/settings/organisation',
  'PUT /api/settings/organisation',
  'GET /api/signers',
  'POST /api/signers',
  'PUT /api/signers/{id}',
  'GET /api/delay-causes',
  'POST /api/delay-causes',
  'PUT /api/delay-causes/{code}',
  'GET /api/tasks/{id}/delay',
  'PUT /api/tasks/{id}/delay-causes',
  'GET /api/explanation-requests',
  'POST /api/explanation-requests',
  'GET /api/explanation-requests/{id}',
  'POST /api/explanation-requests/{id}/answer',
  'GET /api/reorganisations',
  'POST /api/reorganisations',
  'GET /api/reorganisations/{id}',
  'PUT /api/reorganisations/{id}',
  'GET /api/reorganisations/{id}/preview',
  'PUT /api/reorganisations/{id}/choices',
  'POST /api/reorganisations/{id}/apply',
  'GET /api/audit',
  'GET /api/audit/verify',
  'POST /api/documents/import',
  'POST /api/files',
  'GET /api/users',
  'POST /api/users',
  'GET /api/users/{id}',
  'PATCH /api/users/{id}',
  'GET /api/calendar',
  'GET /api/calendar/working-days',
  'PUT /api/calendar/{date}',
  'DELETE /api/calendar/{date}',
  'POST /api/calendar/fill',
  'GET /api/settings/status-rules',
  'PUT /api/settings/status-rules',
  'GET /api/inspections/targets',
  'GET /api/inspections/plans',
  'POST /api/inspections/plans',
  'GET /api/inspections/people',
  'GET /api/inspections/plans/{id}',
  'PUT /api/inspections/plans/{id}',
  'GET /api/inspections/briefing',
  'GET /api/inspections',
  'GET /api/inspections/{id}',
  'PUT /api/inspections/{id}',
  'POST /api/inspections/{id}/conclude',
  'POST /api/inspections/{id}/recommendations',
  'POST /api/inspections/{id}/publish',
  'POST /api/inspections/{id}/unpublish',
  'GET /api/feedback',
  'GET /api/feedback/{id}',
  'POST /api/feedback/{id}/answer',
  'POST /api/feedback/{id}/publish',
  'POST /api/feedback/{id}/unpublish',
  'POST /api/feedback/{id}/hide',
  'GET /api/reports/review',
  'GET /api/reports/review/tasks',
  'GET /api/reports/trend',
  'GET /api/reports',
  'POST /api/reports',
  'GET /api/reports/{id}',
  'GET /api/reports/{id}/tasks',
  'GET /api/reports/{id}/diff',
  'GET /api/reports/settings',
  'PUT /api/reports/settings',
  'GET /api/reports/self-inspection',
  'GET /api/reports/self-inspection/tasks',
  'GET /api/reports/rectifications',
  'POST /api/reports/rectifications',
  'PATCH /api/reports/rectifications/{id}',
  'GET /api/reports/dossiers',
  'POST /api/reports/dossiers',
  'POST /api/reports/dossiers/import',
  'GET /api/reminders/rules',
  'PUT /api/reminders/rules',
  'GET /api/reminders/status',
  'POST /api/reminders/run',
  'GET /api/calendar-feeds',
  'POST /api/calendar-feeds',
  'DELETE /api/calendar-feeds/{id}',
  'GET /api/notifications',
  'GET /api/notifications/unread-count',
  'POST /api/notifications/{id}/read',
  'POST /api/notifications/read-all',
  'GET /api/notifications/preferences',
  'PUT /api/notifications/preferences',
  'GET /api/tasks/at-risk',
  'GET /api/urging-letters',
  'POST /api/urging-letters',
  'GET /api/urging-letters/{id}',
  'PUT /api/urging-letters/{id}',
  'POST /api/urging-letters/{id}/issue',
]);

describe('every route has a contract, and the OpenAPI document is made from it', () => {
  let h: TestApp;
  let doc: {
    paths: Record<
      string,
      Record<string, { responses?: Record<string, { content?: Record<string, { schema?: unknown }> }> }>
    >;
  };
  beforeAll(async () => {
    h = await createTestApp();
    doc = (await h.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
  });
  afterAll(() => h.close());

  const operations = () =>
    Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => ({ route: `${method.toUpperCase()} ${path}`, op })),
    );

  it('declares a JSON answer for each route', () => {
    const missing: string[] = [];
    for (const { route, op } of operations()) {
      if (FILE_ANSWERS.has(route) || NOT_YET.has(route)) continue;
      const answers = Object.entries(op.responses ?? {});
      const declared =
        answers.some(([code, r]) => code.startsWith('2') && r.content?.['application/json']?.schema) ||
        answers.some(([code]) => code.startsWith('3'));
      if (!declared) missing.push(route);
    }
    expect(missing).toEqual([]);
  });

  it('keeps the list of routes not yet on the contract honest', () => {
    const routes = new Set(operations().map((o) => o.route));
    const stale = [...NOT_YET, ...FILE_ANSWERS].filter((r) => !routes.has(r));
    expect(stale).toEqual([]);
    const onContract = operations().filter(
      ({ route, op }) =>
        NOT_YET.has(route) && Object.values(op.responses ?? {}).some((r) => r.content?.['application/json']?.schema),
    );
    expect(onContract.map((o) => o.route)).toEqual([]);
  });

  it('describes the answers from the shared schemas', () => {
    const task = doc.paths['/api/tasks/{id}']!.get!.responses!['200']!.content!['application/json']!.schema as {
      properties: Record<string, { type?: unknown; enum?: unknown }>;
      required: string[];
    };
    expect(task.required).toEqual(expect.arrayContaining(['assigneeUserId', 'allowedActions', 'timeline']));
    expect(task.properties.timeline).toBeDefined();
  });
});
