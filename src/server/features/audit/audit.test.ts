import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, tamperedAudit, type TestApp } from '../../../../test/helpers/app.js';
import { DEMO_PASSWORD } from '../../seed/organisation.js';
import { appendAudit, sealAuditChain, verifyAuditChain } from './service.js';

let h: TestApp;
beforeAll(async () => {
  h = await createTestApp({ today: '2026-03-10' });
});
afterAll(async () => h.close());

const unit = (code: string) => h.t.org.unitIds.get(code)!;

describe('the audit chain without a global lock', () => {
  it('verifies after every write endpoint has been called once', async () => {
    const admin = await h.as('admin');
    // A few real writes first (the other test files' closing check verifies theirs: test/helpers/app.ts).
    const doc = await (
      await h.as('chuyenvien')
    ).post('/api/documents', {
      numberSymbol: '12/KH-UBND',
      kind: 'Kế hoạch',
      issuerUnitId: unit('UBND'),
      issuedOn: '2026-03-02',
      summary: 'Kế hoạch thử',
      tasks: [{ content: 'Việc thử nghiệm', leadUnitId: unit('SNV'), deadline: { kind: 'none' } }],
    });
    expect(doc.status).toBe(201);
    const rect = await admin.post('/api/reports/rectifications', {
      unitId: unit('Q.BADINH'),
      personName: 'Nguyễn Văn A',
      cause: 'Chậm báo cáo',
      measure: 'Nhắc nhở',
    });
    expect(rect.status).toBe(201);
    // The edit that once broke the chain: its change names fields sent and leaves the others out.
    const edited = await admin.request('PATCH', `/api/reports/rectifications/${rect.body.id}`, {
      version: rect.body.version,
      status: 'done',
    });
    expect(edited.status).toBe(200);

    // Then every write route once, as an administrator, with an empty body: none answers 500, the chain holds.
    const spec = (await h.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    // These end the caller's session (logout-everywhere ends all of them): each is called last, by a user of its own.
    const endsSession = new Map([
      ['/api/auth/logout', 'lanhdao'],
      ['/api/auth/logout-everywhere', 'thanhtra.snv'],
    ]);
    const writes: string[] = [];
    for (const [path, ops] of Object.entries<Record<string, unknown>>(spec.paths)) {
      for (const method of Object.keys(ops)) {
        if (!['post', 'put', 'patch', 'delete'].includes(method)) continue;
        if (endsSession.has(path)) continue;
        const url = path.replace(/\{[^}]+\}/g, '1');
        const r = await admin.request(method.toUpperCase() as 'POST', url, method === 'delete' ? undefined : {});
        expect(r.status, `${method} ${url}: ${JSON.stringify(r.body)}`).toBeLessThan(500);
        writes.push(`${method} ${path}`);
      }
    }
    for (const [path, username] of endsSession) {
      expect(spec.paths[path]?.post, path).toBeDefined();
      const r = await (await h.as(username)).post(path);
      expect(r.status, `post ${path}: ${JSON.stringify(r.body)}`).toBe(200);
      writes.push(`post ${path}`);
    }
    expect(writes.length).toBeGreaterThan(40);
    const check = await admin.get('/api/audit/verify');
    expect(check.body).toMatchObject({ ok: true, firstBrokenId: null, pending: 0 });
    expect(check.body.rows).toBeGreaterThanOrEqual(3);
  });

  it('lets other writes through while a long transaction holds audit rows (PostgreSQL)', async () => {
    if (h.t.dbKind !== 'postgres') return; // PGlite has one connection: every transaction waits its turn anyway
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let appended!: () => void;
    const inside = new Promise<void>((r) => (appended = r));
    const long = h.t.db.transaction().execute(async (trx) => {
      await appendAudit(trx, { actorUserId: null, action: 'test_long', entity: 'test', entityId: 1 });
      appended();
      await held;
    });
    await inside;
    const started = Date.now();
    await h.t.db
      .transaction()
      .execute((trx) => appendAudit(trx, { actorUserId: null, action: 'test_short', entity: 'test', entityId: 2 }));
    expect(await sealAuditChain(h.t.db)).toBeGreaterThanOrEqual(1); // chains the short one, not the open one
    const waited = Date.now() - started;
    release();
    await long;
    expect(waited).toBeLessThan(5_000); // with the old lock it waited for the long one: forever here
    const rows = await h.t.db
      .selectFrom('audit_log')
      .select(['action', 'seq'])
      .where('entity', '=', 'test')
      .orderBy('seq')
      .execute();
    expect(rows[0]).toMatchObject({ action: 'test_short' });
    expect((await verifyAuditChain(h.t.db)).ok).toBe(true);
    expect(
      await h.t.db.selectFrom('audit_log').select('seq').where('action', '=', 'test_long').executeTakeFirstOrThrow(),
    ).toMatchObject({ seq: expect.any(Number) });
  });
});

describe('the audit screen', () => {
  it('is open to an auditor (a role that reads the log and verifies it), filtered by change, record and day', async () => {
    const admin = await h.as('admin');
    const created = await admin.post('/api/users', {
      username: 'kiemtoan',
      fullName: 'Kiểm toán viên',
      unitId: unit('VPUB'),
      password: DEMO_PASSWORD,
      roles: [{ role: 'auditor', scopeUnitId: unit('UBND') }],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const auditor = await h.as('kiemtoan');
    const all = await auditor.get('/api/audit?limit=500');
    expect(all.status).toBe(200);
    const actions = await auditor.get('/api/audit/actions');
    expect(actions.body).toContain('user_created');
    const users = await auditor.get('/api/audit?action=user_created');
    expect(users.body.length).toBeGreaterThan(0);
    expect(users.body.every((r: { action: string }) => r.action === 'user_created')).toBe(true);
    const one = await auditor.get(`/api/audit?entity=user&entityId=${created.body.id}`);
    expect(one.body.map((r: { action: string }) => r.action)).toContain('user_created');
    const today = new Date().toLocaleDateString('sv', { timeZone: 'Asia/Ho_Chi_Minh' });
    expect((await auditor.get(`/api/audit?from=${today}&to=${today}`)).body.length).toBeGreaterThan(0);
    expect((await auditor.get('/api/audit?to=2000-01-01')).body).toEqual([]);
    expect((await auditor.get('/api/audit?from=tomorrow')).status).toBe(400);
    expect((await auditor.get('/api/audit/verify')).body.ok).toBe(true);
    // Reading the log is all an auditor does.
    const write = await auditor.post('/api/documents', {
      numberSymbol: '13/KH-UBND',
      kind: 'Kế hoạch',
      issuerUnitId: unit('UBND'),
      issuedOn: '2026-03-02',
      summary: 'Không được phép',
    });
    expect(write.status).toBe(403);
    const clerk = await h.as('vanthu.badinh');
    expect((await clerk.get('/api/audit')).status).toBe(403);
    expect((await clerk.get('/api/audit/verify')).status).toBe(403);
  });

  it('finds a row removed from the middle of the chain', async () => {
    const admin = await h.as('admin');
    expect((await admin.get('/api/audit/verify')).body.ok).toBe(true);
    tamperedAudit(h.t);
    const middle = await sql<{
      id: number;
    }>`select id from audit_log where seq = (select max(seq) / 2 from audit_log)`.execute(h.t.db);
    await sql`delete from audit_log where id = ${middle.rows[0]!.id}`.execute(h.t.db);
    const broken = await admin.get('/api/audit/verify');
    expect(broken.body.ok).toBe(false);
    expect(broken.body.firstBrokenId).toBeGreaterThan(middle.rows[0]!.id);
  });
});
