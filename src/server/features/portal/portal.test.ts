import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Clock } from '../../context.js';
import { createTestApp, type Client, type TestApp } from '../../../../test/helpers/app.js';
import { consumeNonce } from './queries.js';

/** The public portal through HTTP, as an anonymous citizen and as a hostile one. */
const TODAY = '2026-11-29';
let h: TestApp;
let officer: Client;
let clerk: Client;
let now = Date.parse(`${TODAY}T03:00:00Z`);
let addressSeq = 1;

const clock: Clock = { now: () => new Date(now), today: () => TODAY };
const advance = (ms: number) => {
  now += ms;
};

beforeAll(async () => {
  h = await createTestApp({ today: TODAY });
  h.t.clock = clock;
  [officer, clerk] = await Promise.all([h.as('chuyenvien'), h.as('vanthu.badinh')]);
});
afterAll(async () => h?.close());

const get = (url: string) => h.app.inject({ method: 'GET', url });

/** A fresh client address per test, so the per-address rate limit is exercised on purpose only. */
const newAddress = () => `203.0.113.${addressSeq++}`;

async function form(about?: number): Promise<{ token: string; answer: number }> {
  const r = await get(`/portal/feedback${about ? `?about=${about}` : ''}`);
  expect(r.statusCode).toBe(200);
  const token = /name="challengeToken" value="([^"]+)"/.exec(r.body)![1]!;
  const [, a, b] = /id="challenge-question">(\d+) \+ (\d+) = \?</.exec(r.body)!;
  return { token, answer: Number(a) + Number(b) };
}

function post(fields: Record<string, string>, address: string, json = true) {
  return h.app.inject({
    method: 'POST',
    url: '/portal/feedback',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...(json ? { accept: 'application/json' } : {}) },
    remoteAddress: address,
    payload: new URLSearchParams(fields).toString(),
  });
}

const valid = () => ({
  name: 'Trần Thị Bình',
  phone: '0912 345 678',
  title: 'Hồ sơ đất đai trễ hạn',
  content: 'Hồ sơ cấp giấy chứng nhận của tôi nộp tại quận đã quá hạn 2 tháng.',
});

async function send(fields: Record<string, string>, address = newAddress(), json = true) {
  const c = await form();
  advance(5_000);
  return post({ ...fields, challengeToken: c.token, challengeAnswer: String(c.answer) }, address, json);
}

describe('pages', () => {
  it.each([
    '/portal',
    '/portal/conclusions',
    '/portal/units',
    '/portal/units?period=2026-Q3',
    '/portal/units?period=2025',
    '/portal/answers',
    '/portal/method',
    '/portal/search?q=hoan%20kiem',
    '/portal/feedback',
    '/portal?lang=en',
  ])('%s is public, light and locked down', async (url) => {
    const r = await get(url);
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toContain('text/html');
    expect(r.headers['content-security-policy']).toContain("default-src 'none'");
    expect(r.body).not.toContain('<script');
    expect(r.body.length).toBeLessThan(60_000);
  });

  it('shows each unit’s record with the method behind the numbers', async () => {
    const r = await get('/portal/units?period=2026-10');
    expect(r.body).toContain('Toàn thành phố');
    expect(r.body).toContain('id="method"');
    expect(r.body).toContain('Tỷ lệ đúng hạn = hoàn thành đúng hạn ÷ hoàn thành');
    expect(r.body).toContain('31/10/2026');
    const unitId = h.t.org.unitIds.get('Q.HOANKIEM');
    const unit = await get(`/portal/units/${unitId}`);
    expect(unit.statusCode).toBe(200);
    expect(unit.body).toContain('Quận Hoàn Kiếm');
    expect(unit.body).toContain('2026-11');
    expect((await get(`/portal/units/${h.t.org.unitIds.get('UBND')}`)).statusCode).toBe(404);
    expect((await get('/portal/units?period=garbage')).statusCode).toBe(200);
  });

  it('search ignores diacritics', async () => {
    const r = await get('/portal/search?q=hoan%20kiem');
    expect(r.body).toContain('Quận Hoàn Kiếm');
    const accented = await get(`/portal/search?q=${encodeURIComponent('Hoàn Kiếm')}`);
    expect(accented.body).toContain('Quận Hoàn Kiếm');
  });

  it('answers unknown portal addresses with its own 404 page', async () => {
    const r = await get('/portal/khong-co');
    expect(r.statusCode).toBe(404);
    expect(r.body).toContain('chưa được công bố');
    expect((await get('/portal/')).statusCode).toBe(302);
  });

  it('speaks English on request', async () => {
    expect((await get('/portal/units?lang=en')).body).toContain('How the figures are computed');
  });
});

describe('feedback', () => {
  it('takes a message solved as a person would, stored exactly as sent', async () => {
    const r = await send(valid());
    expect(r.statusCode).toBe(201);
    const row = await h.t.db
      .selectFrom('portal_feedback')
      .selectAll()
      .where('id', '=', r.json().id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ ...valid(), status: 'new' });
    expect(row.client_address).toMatch(/^203\.0\.113\./);
  });

  it('the HTML form answers with a page and keeps the text on error', async () => {
    const ok = await send(valid(), newAddress(), false);
    expect(ok.statusCode).toBe(201);
    expect(ok.body).toContain('Đã nhận ý kiến');
    const c = await form();
    advance(5_000);
    const bad = await post(
      { ...valid(), content: 'ngắn', challengeToken: c.token, challengeAnswer: String(c.answer) },
      newAddress(),
      false,
    );
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('Nội dung phải dài từ 10 đến 5000 ký tự');
    expect(bad.body).toContain('value="Hồ sơ đất đai trễ hạn"');
    expect(bad.body).toContain('name="challengeToken"');
  });

  it.each([
    ['missing name', { ...valid(), name: '' }, 400, 'họ tên'],
    ['too long content', { ...valid(), content: 'x'.repeat(5001) }, 422, '5000'],
    ['too long title', { ...valid(), title: 'y'.repeat(201) }, 422, '200'],
    ['bad phone', { ...valid(), phone: '<b>0912</b>' }, 422, 'Số điện thoại'],
    ['control characters', { ...valid(), content: 'Nội dung có ký tự \u0000 lạ ở giữa' }, 400, 'ký tự không hợp lệ'],
    ['honeypot filled', { ...valid(), website: 'http://spam.example' }, 422, 'thư rác'],
    ['wall of links', { ...valid(), content: 'http://a.x http://b.x http://c.x http://d.x mua ngay' }, 422, 'thư rác'],
    ['unknown conclusion', { ...valid(), inspectionId: '424242' }, 422, 'kết luận'],
  ])('rejects %s with a message in both languages', async (_name, fields, status, vi) => {
    const before = await h.t.db
      .selectFrom('portal_feedback')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const r = await send(fields as Record<string, string>);
    expect(r.statusCode).toBe(status);
    expect(r.json().error.message.vi).toContain(vi);
    expect(r.json().error.message.en.length).toBeGreaterThan(5);
    const after = await h.t.db
      .selectFrom('portal_feedback')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('refuses a missing, forged, wrong, replayed, hurried or expired challenge', async () => {
    const address = newAddress;
    expect((await post(valid(), address())).statusCode).toBe(400);
    expect((await post({ ...valid(), challengeToken: 'abc.def', challengeAnswer: '3' }, address())).statusCode).toBe(
      400,
    );
    const wrong = await form();
    advance(5_000);
    const w = await post(
      { ...valid(), challengeToken: wrong.token, challengeAnswer: String(wrong.answer + 1) },
      address(),
    );
    expect(w.statusCode).toBe(422);
    // The wrong answer burnt the token: the right one is now a replay.
    expect(
      (await post({ ...valid(), challengeToken: wrong.token, challengeAnswer: String(wrong.answer) }, address()))
        .statusCode,
    ).toBe(409);
    const once = await form();
    advance(5_000);
    expect(
      (await post({ ...valid(), challengeToken: once.token, challengeAnswer: String(once.answer) }, address()))
        .statusCode,
    ).toBe(201);
    const replay = await post(
      { ...valid(), challengeToken: once.token, challengeAnswer: String(once.answer) },
      address(),
    );
    expect(replay.statusCode).toBe(409);
    expect(replay.json().error.message.en).toContain('already used');
    const hurried = await form();
    expect(
      (await post({ ...valid(), challengeToken: hurried.token, challengeAnswer: String(hurried.answer) }, address()))
        .statusCode,
    ).toBe(422);
    const old = await form();
    advance(31 * 60_000);
    const expired = await post(
      { ...valid(), challengeToken: old.token, challengeAnswer: String(old.answer) },
      address(),
    );
    expect(expired.statusCode).toBe(422);
    expect(expired.json().error.message.vi).toContain('hết hạn');
    // A token signed for another answer cannot be bent: changing the payload breaks the signature.
    const t = await form();
    advance(5_000);
    const [payload, mac] = t.token.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
    const forged = `${Buffer.from(JSON.stringify({ ...claims, n: 'other-nonce' })).toString('base64url')}.${mac}`;
    expect(
      (await post({ ...valid(), challengeToken: forged, challengeAnswer: String(t.answer) }, address())).statusCode,
    ).toBe(422);
  });

  it('keeps a used challenge while it is valid by the app clock, even when the sweep runs', async () => {
    // The sweep used the machine's clock: with the app's clock behind it (tests, a server with a
    // fixed date), a nonce used a moment ago looked expired and was deleted, so a replay passed.
    const now = new Date('2026-10-05T03:00:00Z');
    const expires = new Date(now.getTime() + 30 * 60_000);
    expect(await consumeNonce(h.t.db, 'sweep-test', expires, now, true)).toBe(true);
    expect(await consumeNonce(h.t.db, 'sweep-test', expires, now, true)).toBe(false);
    expect(await consumeNonce(h.t.db, 'sweep-test', expires, new Date(expires.getTime() + 1), true)).toBe(true);
  });

  it('limits sends per address (429) without touching other addresses', async () => {
    const address = newAddress();
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await send(valid(), address)).statusCode);
    expect(statuses.slice(0, 5)).toEqual([201, 201, 201, 201, 201]);
    expect(statuses[5]).toBe(429);
    const page = await send(valid(), address, false);
    expect(page.statusCode).toBe(429);
    expect(page.body).toContain('quá nhiều lần');
    expect((await send(valid(), newAddress())).statusCode).toBe(201);
  });

  it('hostile text is stored intact and shown escaped once the answer is published', async () => {
    const hostile = {
      name: '<img src=x onerror=alert(1)>',
      phone: '',
      title: '"><script>alert("t")</script>',
      content: "Xin hỏi </textarea><script>document.cookie</script> & “ngoặc” ' ` ${x}",
    };
    const r = await send(hostile);
    expect(r.statusCode).toBe(201);
    const id = r.json().id;
    const stored = await h.t.db
      .selectFrom('portal_feedback')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ name: hostile.name, title: hostile.title, content: hostile.content, phone: null });

    expect((await clerk.get('/api/feedback')).status).toBe(403);
    expect((await clerk.get(`/api/feedback/${id}`)).status).toBe(404);
    const queue = await officer.get('/api/feedback?status=new');
    const item = queue.body.items.find((x: { id: number }) => x.id === id);
    expect(item.content).toBe(hostile.content);
    const noAnswer = await officer.post(`/api/feedback/${id}/publish`, { version: item.version });
    expect(noAnswer.status).toBe(409);
    const answered = await officer.post(`/api/feedback/${id}/answer`, {
      version: item.version,
      answer: 'Văn phòng đã chuyển <b>Sở Tài nguyên</b> xử lý.',
    });
    expect(answered.status).toBe(200);
    expect((await get('/portal/answers')).body).not.toContain('Sở Tài nguyên');
    const published = await officer.post(`/api/feedback/${id}/publish`, { version: answered.body.version });
    expect(published.body.answerPublished).toBe(true);

    const page = await get('/portal/answers');
    expect(page.body).toContain('Sở Tài nguyên');
    expect(page.body).not.toContain('<script>');
    expect(page.body).not.toContain('<img src=x');
    expect(page.body).not.toContain('<b>Sở');
    expect(page.body).toContain('&lt;script&gt;document.cookie&lt;/script&gt;');
    expect(page.body).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(page.body).not.toContain('0912');
    expect((await get('/portal')).body).toContain('Sở Tài nguyên');

    const unpublished = await officer.post(`/api/feedback/${id}/unpublish`, { version: published.body.version });
    expect(unpublished.status).toBe(200);
    expect((await get('/portal/answers')).body).not.toContain('Sở Tài nguyên');
    const hidden = await officer.post(`/api/feedback/${id}/hide`, { version: unpublished.body.version });
    expect(hidden.body.status).toBe('hidden');
    expect((await officer.get(`/api/feedback/${id}`)).body.content).toBe(hostile.content);
    const audit = await h.t.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity', '=', 'feedback')
      .where('entity_id', '=', String(id))
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      'feedback_received',
      'feedback_answer',
      'feedback_publish',
      'feedback_unpublish',
      'feedback_hide',
    ]);
  });

  it('answers malformed bodies with 400, never 500', async () => {
    const address = newAddress();
    const bad = [
      { 'content-type': 'application/json', payload: '{"name": ' },
      { 'content-type': 'application/json', payload: '["a"]' },
      { 'content-type': 'application/json', payload: JSON.stringify({ name: ['a', 'b'], title: 't', content: 'c' }) },
      { 'content-type': 'text/plain', payload: 'hello' },
    ];
    for (const b of bad) {
      const r = await h.app.inject({
        method: 'POST',
        url: '/portal/feedback',
        headers: { 'content-type': b['content-type'], accept: 'application/json' },
        remoteAddress: address,
        payload: b.payload,
      });
      expect([400, 415]).toContain(r.statusCode);
    }
  });
});
