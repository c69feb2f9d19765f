import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.js';

let t: TestApp;
const unitId = (code: string) => t.t.org.unitIds.get(code)!;

beforeAll(async () => {
  t = await createTestApp({ today: '2026-03-02' });
});
afterAll(async () => t?.close());

describe('GET /api/units and /api/fields', () => {
  it('lists the whole tree ordered by path to any logged-in user', async () => {
    const res = await (await t.as('canbo.badinh')).get('/api/units');
    expect(res.status).toBe(200);
    const paths = res.body.map((u: { path: string }) => u.path);
    expect(paths).toEqual([...paths].sort());
    const division = res.body.find((u: { code: string }) => u.code === 'Q.BADINH.QLDT');
    expect(division).toMatchObject({ kind: 'division', parentId: unitId('Q.BADINH'), active: true, successorId: null });
    const district = res.body.find((u: { code: string }) => u.code === 'Q.BADINH');
    expect(district.path).toBe(`/${unitId('UBND')}/${district.id}/`);
    expect(division.path).toBe(`${district.path}${division.id}/`);
  });

  it('refuses anonymous callers', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/units' });
    expect(res.statusCode).toBe(401);
  });

  it('answers one unit, and 404 for an unknown id', async () => {
    const admin = await t.as('admin');
    expect((await admin.get(`/api/units/${unitId('SXD')}`)).body).toMatchObject({ code: 'SXD', kind: 'department' });
    const missing = await admin.get('/api/units/999999');
    expect(missing.status).toBe(404);
    expect(missing.body.error.message.vi).toContain('Không tìm thấy');
  });

  it('lists the fields with their priority flag', async () => {
    const res = await (await t.as('chuyenvien')).get('/api/fields');
    expect(res.status).toBe(200);
    expect(res.body).toContainEqual({ code: 'dat_dai', nameVi: 'Đất đai', nameEn: 'Land', isPriority: true });
  });
});

describe('POST /api/units and PATCH /api/units/:id', () => {
  it('lets the administrator create a unit under a parent', async () => {
    const res = await (
      await t.as('admin')
    ).post('/api/units', {
      code: 'SXD.KTQH',
      name: 'Phòng Kiến trúc - Quy hoạch',
      kind: 'division',
      parentId: unitId('SXD'),
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ code: 'SXD.KTQH', parentId: unitId('SXD'), active: true, version: 1 });
    expect(res.body.path).toBe(`/${unitId('UBND')}/${unitId('SXD')}/${res.body.id}/`);
  });

  it('forbids non-administrators', async () => {
    const res = await (
      await t.as('chuyenvien')
    ).post('/api/units', { code: 'X1', name: 'Đơn vị X', kind: 'department', parentId: unitId('UBND') });
    expect(res.status).toBe(403);
    const patch = await (
      await t.as('vanthu.sxd')
    ).request('PATCH', `/api/units/${unitId('SXD')}`, { name: 'Sở Xây dựng mới', version: 1 });
    expect(patch.status).toBe(403);
  });

  it('answers 400 naming the field for malformed input, in Vietnamese and English', async () => {
    const res = await (
      await t.as('admin')
    ).post('/api/units', { code: 'bad code', name: 'Đơn vị', kind: 'ministry', parentId: unitId('UBND') });
    expect(res.status).toBe(400);
    const fields = res.body.error.issues.map((i: { field: string }) => i.field);
    expect(fields).toEqual(expect.arrayContaining(['body.code', 'body.kind']));
    expect(res.body.error.message.vi).toMatch(/Trường "body\.(code|kind)"/);
    expect(res.body.error.message.en).toMatch(/Field "body\.(code|kind)"/);
  });

  it('answers 422 for an unknown parent and 409 for a duplicate code', async () => {
    const admin = await t.as('admin');
    const unknownParent = await admin.post('/api/units', {
      code: 'X2',
      name: 'Đơn vị X2',
      kind: 'division',
      parentId: 999999,
    });
    expect(unknownParent.status).toBe(422);
    expect(unknownParent.body.error).toMatchObject({ field: 'parentId' });
    const duplicate = await admin.post('/api/units', {
      code: 'SXD',
      name: 'Trùng mã',
      kind: 'department',
      parentId: unitId('UBND'),
    });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.error.field).toBe('code');
  });

  it('renames with the current version and refuses a stale one with 409', async () => {
    const admin = await t.as('admin');
    const id = unitId('STP');
    const renamed = await admin.request('PATCH', `/api/units/${id}`, { name: 'Sở Tư pháp Hà Nội', version: 1 });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ name: 'Sở Tư pháp Hà Nội', version: 2 });
    const stale = await admin.request('PATCH', `/api/units/${id}`, { name: 'Tên khác', version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.error.message.en).toContain('Reload');
    expect((await admin.request('PATCH', '/api/units/999999', { name: 'Không có', version: 1 })).status).toBe(404);
  });

  it('moves a unit and rewrites the paths of its whole subtree', async () => {
    const admin = await t.as('admin');
    const parent = (
      await admin.post('/api/units', {
        code: 'SXD.QLN.T1',
        name: 'Tổ 1 Phòng Quản lý nhà',
        kind: 'division',
        parentId: unitId('SXD.QLN'),
      })
    ).body;
    const child = (
      await admin.post('/api/units', { code: 'SXD.QLN.T1.A', name: 'Nhóm A', kind: 'division', parentId: parent.id })
    ).body;
    const moved = await admin.request('PATCH', `/api/units/${unitId('SXD.QLN')}`, {
      parentId: unitId('SNV'),
      version: 1,
    });
    expect(moved.status).toBe(200);
    const base = `/${unitId('UBND')}/${unitId('SNV')}/${unitId('SXD.QLN')}/`;
    expect(moved.body.path).toBe(base);
    const all = (await admin.get('/api/units')).body as { id: number; path: string }[];
    expect(all.find((u) => u.id === parent.id)!.path).toBe(`${base}${parent.id}/`);
    expect(all.find((u) => u.id === child.id)!.path).toBe(`${base}${parent.id}/${child.id}/`);
    expect(all.filter((u) => u.path.startsWith(`/${unitId('UBND')}/${unitId('SXD')}/${unitId('SXD.QLN')}/`))).toEqual(
      [],
    );
  });

  it('refuses to move a unit under its own descendant with 422', async () => {
    const admin = await t.as('admin');
    const sxd = (await admin.get(`/api/units/${unitId('SXD')}`)).body;
    const res = await admin.request('PATCH', `/api/units/${unitId('SXD')}`, {
      parentId: unitId('SXD.TTXD'),
      version: sxd.version,
    });
    expect(res.status).toBe(422);
    expect(res.body.error.field).toBe('parentId');
    expect(res.body.error.message.vi).toContain('cấp dưới');
    const self = await admin.request('PATCH', `/api/units/${unitId('SXD')}`, {
      parentId: unitId('SXD'),
      version: sxd.version,
    });
    expect(self.status).toBe(422);
  });

  it('deactivates a unit without open work, but not one with active divisions', async () => {
    const admin = await t.as('admin');
    const unit = (
      await admin.post('/api/units', { code: 'TMP', name: 'Đơn vị tạm', kind: 'department', parentId: unitId('UBND') })
    ).body;
    const off = await admin.request('PATCH', `/api/units/${unit.id}`, { active: false, version: unit.version });
    expect(off.status).toBe(200);
    expect(off.body.active).toBe(false);
    const sxd = (await admin.get(`/api/units/${unitId('SXD')}`)).body;
    const refused = await admin.request('PATCH', `/api/units/${unitId('SXD')}`, {
      active: false,
      version: sxd.version,
    });
    expect(refused.status).toBe(422);
    expect(refused.body.error.field).toBe('active');
  });
});
