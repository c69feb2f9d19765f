import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../../../test/helpers/app.js';

/**
 * No read path leaks another unit's work. Every GET operation of the OpenAPI document is tried
 * by a clerk of another district and by a leader whose fields do not include the task's, with
 * its path parameters filled from a task of Quận Ba Đình (its document, files, urging letter,
 * issued review) and its query filters aimed at that unit. Object paths must answer 403 or 404;
 * every other answer must not contain the task's marker text anywhere (JSON, CSV, iCalendar, or
 * the cells of an Excel export). A new GET path with a parameter this table cannot fill fails.
 */
const MARKER = 'BIMATBADINH7731';
let h: TestApp;
const ids: Record<string, number | string> = {};

const PUBLIC = /^\/api\/(auth\/(login|logout|providers|oidc\/)|health|openapi\.json|portal|calendar-feeds\/\{file\})/;

beforeAll(async () => {
  h = await createTestApp({ today: '2026-05-04' });
  const unit = (c: string) => h.t.org.unitIds.get(c)!;
  const officer = await h.as('chuyenvien');
  const doc = await officer.post('/api/documents', {
    numberSymbol: `77/${MARKER}`,
    kind: 'Kế hoạch',
    issuerUnitId: unit('UBND'),
    issuedOn: '2026-04-01',
    summary: `Kế hoạch ${MARKER}`,
    tasks: [
      {
        content: `Rà soát trường học ${MARKER}`,
        leadUnitId: unit('Q.BADINH'),
        coordinatingUnitIds: [],
        fieldCode: 'giao_duc',
        deadline: { kind: 'fixed', date: '2026-04-20' },
      },
    ],
  });
  expect(doc.status).toBe(201);
  ids.document = doc.body.id;
  ids.task = doc.body.tasks[0].id;
  const pdf = Buffer.from(`%PDF-1.4\n${MARKER}\n%%EOF\n`);
  const docFile = await officer.upload(`/api/documents/${ids.document}/file`, `${MARKER}.pdf`, pdf);
  expect(docFile.status).toBe(200);
  ids.documentFile = docFile.body.fileId;

  const clerk = await h.as('vanthu.badinh');
  const received = await clerk.post(`/api/tasks/${ids.task}/receive`, { version: doc.body.tasks[0].version });
  const upload = await clerk.upload('/api/files', `${MARKER}-tien-do.pdf`, pdf);
  expect(upload.status).toBe(201);
  ids.progressFile = upload.body.id;
  const progress = await clerk.post(`/api/tasks/${ids.task}/progress`, {
    version: received.body.version,
    note: `Đã rà soát ${MARKER}`,
    percent: 30,
    fileIds: [upload.body.id],
  });
  expect(progress.status).toBe(200);
  const letter = await officer.post('/api/urging-letters', { unitId: unit('Q.BADINH') });
  expect(letter.status).toBe(201);
  ids.letter = letter.body.id;
  const report = await officer.post('/api/reports', { period: 'month', year: 2026, index: 4, topLevel: false });
  expect(report.status, JSON.stringify(report.body)).toBe(201);
  ids.report = report.body.id;
  // The document's history: a correction, its reason Ba Đình's secret too.
  const corrected = await officer.post(`/api/documents/${ids.document}/corrections`, {
    version: (await officer.get(`/api/documents/${ids.document}`)).body.version,
    reason: `Sửa trích yếu ${MARKER}`,
    summary: `Kế hoạch rà soát ${MARKER}`,
  });
  expect(corrected.status, JSON.stringify(corrected.body)).toBe(200);
  // The task is late: an explanation request to Ba Đình, and its answer (the task's causes of delay).
  const asked = await officer.post('/api/explanation-requests', {
    taskId: ids.task,
    dueOn: '2026-05-11',
    note: `Giải trình ${MARKER}`,
  });
  expect(asked.status, JSON.stringify(asked.body)).toBe(201);
  ids.explanation = asked.body.id;
  const answered = await clerk.post(`/api/explanation-requests/${ids.explanation}/answer`, {
    causeCodes: [],
    causeNote: `Nguyên nhân ${MARKER}`,
    measures: `Biện pháp ${MARKER}`,
    committedOn: '2026-05-29',
  });
  expect(answered.status, JSON.stringify(answered.body)).toBe(200);
  ids.unit = unit('Q.BADINH');
  ids.user = h.t.org.userIds.get('vanthu.badinh')!;
});
afterAll(async () => h?.close());

/** How each path parameter is filled; an object of Ba Đình's, or a value that scopes nothing. */
const PATH_PARAMS: Record<string, (path: string) => number | string> = {
  id: (path) => {
    if (path.startsWith('/api/documents/')) return ids.document!;
    if (path.startsWith('/api/explanation-requests/')) return ids.explanation!;
    if (path.startsWith('/api/files/')) return ids.progressFile!;
    if (path.startsWith('/api/tasks/')) return ids.task!;
    if (path.startsWith('/api/urging-letters/')) return ids.letter!;
    if (path.startsWith('/api/reports/')) return ids.report!;
    if (path.startsWith('/api/units/')) return ids.unit!;
    if (path.startsWith('/api/users/')) return ids.user!;
    // Inspections, plans and feedback are refused by role before any object is looked up.
    if (/^\/api\/(inspections|feedback)\//.test(path)) return 1;
    // Reorganisations are acts on the unit tree, not a unit's work: answered, marker-checked.
    if (path.startsWith('/api/reorganisations/')) return 1;
    throw new Error(`no fixture for {id} of ${path}`);
  },
  year: () => 2026,
};
/**
 * Object paths that may answer: a unit of the (public) tree, and an issued review, whose numbers
 * are official for every reader entitled to reviews while the tasks behind them are filtered.
 */
const UNSCOPED = new Set([
  '/api/units/{id}',
  '/api/reorganisations/{id}',
  '/api/reports/{id}',
  '/api/reports/{id}/diff',
  '/api/reports/{id}/export',
  '/api/reports/{id}/tasks',
]);
/** Query filters that aim at Ba Đình's objects. */
const QUERY: Record<string, () => string> = {
  unitId: () => String(ids.unit),
  documentId: () => String(ids.document),
  parentId: () => String(ids.task),
  taskId: () => String(ids.task),
  code: () => '03',
  ids: () => String(ids.task),
  key: () => 'total',
  measure: () => 'assigned',
  format: () => 'xlsx',
  from: () => '2026-05-04',
  days: () => '5',
  period: () => 'month',
  year: () => '2026',
  index: () => '4',
  month: () => '2026-04',
  q: () => MARKER,
};

async function texts(res: { headers: Record<string, unknown>; rawPayload: Buffer }): Promise<string> {
  const type = String(res.headers['content-type'] ?? '');
  if (type.includes('spreadsheetml')) {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const cells: string[] = [];
    wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((c) => cells.push(String(c.text)))));
    return cells.join('\n');
  }
  if (/json|text|csv|calendar/.test(type) || type === '') return res.rawPayload.toString('utf8');
  throw new Error(`cannot read a ${type} answer for the marker`);
}

async function getRoutes() {
  const spec = (await h.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
  const out: { path: string; url: string }[] = [];
  for (const [path, ops] of Object.entries<
    Record<string, { parameters?: { in: string; name: string; required?: boolean }[] }>
  >(spec.paths)) {
    if (!ops.get || PUBLIC.test(path) || path === '/api/notifications/stream') continue;
    const url = path.replace(/\{([^}]+)\}/g, (_, name: string) => {
      const fill = PATH_PARAMS[name];
      if (!fill) throw new Error(`no rule for path parameter {${name}} of ${path}`);
      return encodeURIComponent(String(fill(path)));
    });
    const query = (ops.get.parameters ?? [])
      .filter((p) => p.in === 'query' && QUERY[p.name])
      .map((p) => `${p.name}=${encodeURIComponent(QUERY[p.name]!())}`);
    const required = (ops.get.parameters ?? []).filter((p) => p.in === 'query' && p.required);
    const unfillable = required.filter((p) => !QUERY[p.name]);
    if (unfillable.length) throw new Error(`no rule for query ${unfillable.map((p) => p.name)} of ${path}`);
    if (required.length === 0) out.push({ path, url });
    if (query.length) out.push({ path, url: `${url}?${query.join('&')}` });
  }
  return out;
}

async function tryAll(username: string) {
  const c: Client = await h.as(username);
  const leaks: string[] = [];
  const routes = await getRoutes();
  expect(routes.length).toBeGreaterThan(50);
  for (const r of routes) {
    const res = await h.app.inject({ method: 'GET', url: r.url, cookies: c.cookies, headers: c.headers });
    const isObject = /\{id\}/.test(r.path) && !UNSCOPED.has(r.path);
    if (res.statusCode >= 500) leaks.push(`${r.url} → ${res.statusCode}`);
    else if (isObject && ![403, 404].includes(res.statusCode)) leaks.push(`${r.url} → ${res.statusCode} (object)`);
    else if (res.statusCode < 300 && (await texts(res)).includes(MARKER)) leaks.push(`${r.url} → marker`);
  }
  // The files: the document's and the progress report's.
  for (const id of [ids.documentFile, ids.progressFile]) {
    const res = await c.get(`/api/files/${id}`);
    if (res.status !== 404) leaks.push(`/api/files/${id} → ${res.status}`);
  }
  return leaks;
}

describe('no read path shows another unit’s task', () => {
  it('the owners see it (the fixture is real)', async () => {
    const clerk = await h.as('vanthu.badinh');
    expect((await clerk.get(`/api/tasks/${ids.task}`)).status).toBe(200);
    expect((await clerk.request('GET', `/api/files/${ids.progressFile}`)).status).toBe(200);
    expect((await clerk.request('GET', `/api/files/${ids.documentFile}`)).status).toBe(200);
    expect((await clerk.get(`/api/explanation-requests/${ids.explanation}`)).body.answer.measures).toContain(MARKER);
    const officer = await h.as('chuyenvien');
    expect(JSON.stringify((await officer.get(`/api/documents/${ids.document}/history`)).body)).toContain(MARKER);
    const list = await officer.get(`/api/tasks?q=${MARKER}`);
    expect(list.body.items).toHaveLength(1);
  });

  it.each(['vanthu.hoankiem', 'lanhdao', 'vanthu.sxd', 'canbo.badinh'])('%s', async (username) => {
    const leaks = await tryAll(username);
    if (leaks.length) console.log(username, leaks);
    expect(leaks).toEqual([]);
  });

  it("refuses to attach another unit's file, so it cannot be read that way", async () => {
    const other = await h.as('vanthu.hoankiem');
    const doc = await (
      await h.as('chuyenvien')
    ).post('/api/documents', {
      numberSymbol: '78/UBND-KH',
      kind: 'Kế hoạch',
      issuerUnitId: h.t.org.unitIds.get('UBND')!,
      issuedOn: '2026-05-04',
      summary: 'Kế hoạch khác',
      tasks: [
        {
          content: 'Nhiệm vụ của Hoàn Kiếm',
          leadUnitId: h.t.org.unitIds.get('Q.HOANKIEM')!,
          coordinatingUnitIds: [],
          fieldCode: 'giao_duc',
          deadline: { kind: 'fixed', date: '2026-06-30' },
        },
      ],
    });
    const task = doc.body.tasks[0];
    const received = await other.post(`/api/tasks/${task.id}/receive`, { version: task.version });
    for (const body of [
      { fileIds: [ids.progressFile] },
      { fileIds: [ids.documentFile] },
      { document: { number: '1/BC', date: '2026-05-04', fileId: ids.progressFile } },
    ]) {
      const res = await other.post(`/api/tasks/${task.id}/progress`, {
        version: received.body.version,
        note: 'mượn tệp',
        percent: 10,
        ...body,
      });
      expect(res.status).toBe(422);
      expect(res.body.error.message.vi).toMatch(/Không thể đính kèm tệp/);
    }
    expect((await other.request('GET', `/api/files/${ids.progressFile}`)).status).toBe(404);
    // An own upload, not yet attached, is the uploader's alone.
    const mine = await other.upload('/api/files', 'mine.pdf', Buffer.from('%PDF-1.4\n%%EOF\n'));
    expect((await other.request('GET', `/api/files/${mine.body.id}`)).status).toBe(200);
    expect((await (await h.as('admin')).request('GET', `/api/files/${mine.body.id}`)).status).toBe(404);
  });
});
