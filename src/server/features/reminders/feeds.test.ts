import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.js';
import { insertOpenTasks } from './fixtures.js';
import { escapeText, foldLine } from './ics.js';

let h: TestApp;
const unit = (code: string) => h.t.org.unitIds.get(code)!;

beforeAll(async () => {
  h = await createTestApp({ today: '2026-12-02' });
  const base = { assignerUnitId: unit('UBND'), assignedOn: '2026-10-01', count: 1 };
  await insertOpenTasks(h.t.db, {
    ...base,
    leadUnitId: unit('Q.BADINH'),
    deadline: '2026-12-15',
    content:
      'Rà soát, chỉnh trang vỉa hè; cây xanh, chiếu sáng — một nội dung rất dài để thử việc gấp dòng theo đúng 75 octet của chuẩn iCalendar',
  });
  await insertOpenTasks(h.t.db, {
    ...base,
    leadUnitId: unit('Q.BADINH.QLDT'),
    deadline: '2026-12-20',
    content: 'Việc của phòng Quản lý đô thị',
  });
  await insertOpenTasks(h.t.db, {
    ...base,
    leadUnitId: unit('Q.HOANKIEM'),
    deadline: '2026-12-18',
    content: 'Việc của Hoàn Kiếm',
  });
});
afterAll(async () => h?.close());

/** Minimal RFC 5545 reader: checks CRLF and line length, unfolds, and returns the events' properties. */
function parseIcs(text: string) {
  expect(text.endsWith('\r\n')).toBe(true);
  const physical = text.slice(0, -2).split('\r\n');
  for (const line of physical) {
    expect(line.includes('\n')).toBe(false);
    expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
  }
  const lines = physical.reduce<string[]>(
    (acc, l) => (l.startsWith(' ') ? [...acc.slice(0, -1), acc[acc.length - 1] + l.slice(1)] : [...acc, l]),
    [],
  );
  expect(lines[0]).toBe('BEGIN:VCALENDAR');
  expect(lines[lines.length - 1]).toBe('END:VCALENDAR');
  const events: Record<string, string>[] = [];
  let current: Record<string, string> | null = null;
  for (const line of lines) {
    if (line === 'BEGIN:VEVENT') current = {};
    else if (line === 'END:VEVENT') {
      events.push(current!);
      current = null;
    } else if (current) {
      const at = line.indexOf(':');
      current[line.slice(0, at)] = line
        .slice(at + 1)
        .replace(/\\n/g, '\n')
        .replace(/\\([,;\\])/g, '$1');
    }
  }
  return events;
}

describe('iCalendar feeds', () => {
  it('folds and escapes by the rules', () => {
    expect(escapeText('a,b;c\\d\ne')).toBe('a\\,b\\;c\\\\d\\ne');
    const folded = foldLine(`SUMMARY:${'Hà Nội '.repeat(20)}`);
    for (const l of folded.split('\r\n')) expect(Buffer.byteLength(l)).toBeLessThanOrEqual(75);
    expect(
      folded
        .split('\r\n')
        .map((l, i) => (i ? l.slice(1) : l))
        .join(''),
    ).toBe(`SUMMARY:${'Hà Nội '.repeat(20)}`);
  });

  it('gives the clerk a secret URL of the unit’s deadlines that works without login', async () => {
    const clerk = await h.as('vanthu.badinh');
    const created = await clerk.post('/api/calendar-feeds', { scope: 'unit', unitId: unit('Q.BADINH') });
    expect(created.status).toBe(201);
    const path = new URL(created.body.url).pathname;
    const res = await h.app.inject({ method: 'GET', url: path });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/calendar; charset=utf-8');
    const events = parseIcs(res.body);
    expect(events.map((e) => e['DTSTART;VALUE=DATE'])).toEqual(['20261215', '20261220']);
    expect(events[0]!['DTEND;VALUE=DATE']).toBe('20261216');
    expect(events[0]!.SUMMARY).toBe(
      'Hạn: Rà soát, chỉnh trang vỉa hè; cây xanh, chiếu sáng — một nội dung rất dài để thử việc gấp dòng theo đúng 75 octet của chuẩn iCalendar 1',
    );
    expect(events[0]!.DESCRIPTION).toContain('Đơn vị chủ trì: Quận Ba Đình\nThời hạn: 15/12/2026');
    expect(events[0]!.UID).toMatch(/^task-\d+@/);
    expect((await clerk.get('/api/calendar-feeds')).body.items).toHaveLength(1);
  });

  it('answers 404 to a wrong or revoked token, and refuses a unit outside the caller’s scope', async () => {
    const clerk = await h.as('vanthu.badinh');
    expect(
      (await h.app.inject({ method: 'GET', url: '/api/calendar-feeds/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.ics' }))
        .statusCode,
    ).toBe(404);
    expect((await h.app.inject({ method: 'GET', url: '/api/calendar-feeds/x.ics' })).statusCode).toBe(404);
    const mine = await clerk.post('/api/calendar-feeds', { scope: 'user' });
    const path = new URL(mine.body.url).pathname;
    expect(parseIcs((await h.app.inject({ method: 'GET', url: path })).body)).toHaveLength(2);
    expect((await clerk.request('DELETE', `/api/calendar-feeds/${mine.body.id}`)).status).toBe(204);
    expect((await h.app.inject({ method: 'GET', url: path })).statusCode).toBe(404);
    expect((await clerk.post('/api/calendar-feeds', { scope: 'unit', unitId: unit('Q.HOANKIEM') })).status).toBe(403);
    const bad = await clerk.post('/api/calendar-feeds', { scope: 'unit' });
    expect(bad.status).toBe(422);
    expect(bad.body.error.message.vi).toBe('Chọn đơn vị cho lịch.');
  });
});
