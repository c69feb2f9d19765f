import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.js';

/**
 * The auth hook keeps session callers in memory (caller-cache.ts); a change made outside this
 * process's requests (another app server, the CLI, a scheduled job) reaches it through the
 * NOTIFY of migration 0008's triggers. Here the change is written straight to the database.
 */
let a: TestApp;
beforeAll(async () => {
  a = await createTestApp();
});
afterAll(async () => a?.close());

const settle = () => new Promise((resolve) => setTimeout(resolve, 150));
const userId = async (username: string) =>
  (await a.t.db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;

describe('session callers kept in memory', () => {
  it('are forgotten when the user is deactivated outside this process', async () => {
    const clerk = await a.as('vanthu.hoankiem');
    await settle();
    expect((await clerk.get('/api/units')).status).toBe(200);
    expect((await clerk.get('/api/units')).status).toBe(200);
    await a.t.db
      .updateTable('users')
      .set({ active: false })
      .where('id', '=', await userId('vanthu.hoankiem'))
      .execute();
    await expect.poll(async () => (await clerk.get('/api/units')).status, { timeout: 3_000, interval: 20 }).toBe(401);
  });

  it('are forgotten when a role is taken away or a session ends outside this process', async () => {
    const admin = await a.as('admin');
    await settle();
    expect((await admin.get('/api/users')).status).toBe(200);
    await a.t.db
      .deleteFrom('user_roles')
      .where('user_id', '=', await userId('admin'))
      .execute();
    await expect.poll(async () => (await admin.get('/api/users')).status, { timeout: 3_000, interval: 20 }).toBe(403);
    const clerk = await a.as('vanthu.badinh');
    expect((await clerk.get('/api/units')).status).toBe(200);
    await a.t.db
      .deleteFrom('sessions')
      .where('user_id', '=', await userId('vanthu.badinh'))
      .execute();
    await expect.poll(async () => (await clerk.get('/api/units')).status, { timeout: 3_000, interval: 20 }).toBe(401);
  });

  it('are served without reading the session again: a change that sends no notice is not seen (what the triggers are for)', async () => {
    const officer = await a.as('chuyenvien');
    await settle();
    expect((await officer.get('/api/units')).status).toBe(200);
    await sql`alter table users disable trigger users_caller_change`.execute(a.t.db);
    try {
      await a.t.db
        .updateTable('users')
        .set({ active: false })
        .where('id', '=', await userId('chuyenvien'))
        .execute();
      await settle();
      expect((await officer.get('/api/units')).status).toBe(200);
    } finally {
      await sql`alter table users enable trigger users_caller_change`.execute(a.t.db);
    }
    // The next change that does notify makes it forget.
    await a.t.db
      .updateTable('users')
      .set({ full_name: 'Chuyên viên' })
      .where('id', '=', await userId('chuyenvien'))
      .execute();
    await expect.poll(async () => (await officer.get('/api/units')).status, { timeout: 3_000, interval: 20 }).toBe(401);
  });
});
