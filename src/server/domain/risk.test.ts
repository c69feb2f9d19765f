import { describe, expect, it } from 'vitest';
import { assessRisk, type RiskInput } from './risk.js';

const base: RiskInput = {
  today: '2026-11-29',
  assignedOn: '2026-10-30',
  deadline: '2026-12-29',
  progress: 50,
  lastProgressOn: '2026-11-27',
  leadLateRate: 0,
  leadSample: 20,
};

describe('assessRisk', () => {
  const cases: {
    name: string;
    input: Partial<RiskInput>;
    score: number;
    level: string;
    atRisk: boolean;
    factors: string[];
  }[] = [
    {
      name: 'half the time, half the work, recent report, clean record',
      input: {},
      score: 13,
      level: 'low',
      atRisk: false,
      factors: ['time'],
    },
    {
      name: 'just assigned, nothing reported yet',
      input: { assignedOn: '2026-11-29', lastProgressOn: null, progress: 0 },
      score: 0,
      level: 'low',
      atRisk: false,
      factors: [],
    },
    {
      name: 'half the time used, no progress',
      input: { progress: 0 },
      score: 38,
      level: 'low',
      atRisk: false,
      factors: ['time'],
    },
    {
      name: 'due today, no progress',
      input: { deadline: '2026-11-29', progress: 0 },
      score: 50,
      level: 'medium',
      atRisk: true,
      factors: ['time'],
    },
    {
      name: 'due today, done 100%',
      input: { deadline: '2026-11-29', progress: 100 },
      score: 25,
      level: 'low',
      atRisk: false,
      factors: ['time'],
    },
    {
      name: 'silent 30 days',
      input: { lastProgressOn: '2026-10-30' },
      score: 38,
      level: 'low',
      atRisk: false,
      factors: ['silence', 'time'],
    },
    {
      name: 'never reported since assignment 30 days ago',
      input: { lastProgressOn: null },
      score: 38,
      level: 'low',
      atRisk: false,
      factors: ['silence', 'time'],
    },
    {
      name: 'silent 7 days is still quiet',
      input: { lastProgressOn: '2026-11-22' },
      score: 13,
      level: 'low',
      atRisk: false,
      factors: ['time'],
    },
    {
      name: 'lead unit late on half its tasks',
      input: { leadLateRate: 0.5 },
      score: 38,
      level: 'low',
      atRisk: false,
      factors: ['record', 'time'],
    },
    {
      name: 'lead unit record on too few tasks is ignored',
      input: { leadLateRate: 1, leadSample: 4 },
      score: 13,
      level: 'low',
      atRisk: false,
      factors: ['time'],
    },
    {
      name: 'unknown record',
      input: { leadLateRate: null, leadSample: 0 },
      score: 13,
      level: 'low',
      atRisk: false,
      factors: ['time'],
    },
    {
      name: 'everything at once',
      input: { deadline: '2026-12-02', progress: 10, lastProgressOn: null, leadLateRate: 0.8 },
      score: 98,
      level: 'high',
      atRisk: true,
      factors: ['time', 'silence', 'record'],
    },
    {
      name: 'little time left but work well ahead',
      input: { deadline: '2026-12-02', progress: 95, leadLateRate: 0.1 },
      score: 28,
      level: 'low',
      atRisk: false,
      factors: ['time'],
    },
  ];

  for (const c of cases) {
    it(c.name, () => {
      const r = assessRisk({ ...base, ...c.input })!;
      expect({ score: r.score, level: r.level, atRisk: r.atRisk, factors: r.reasons.map((x) => x.factor) }).toEqual({
        score: c.score,
        level: c.level,
        atRisk: c.atRisk,
        factors: c.factors,
      });
    });
  }

  it('says nothing about an overdue task: it is late, not at risk', () => {
    expect(assessRisk({ ...base, deadline: '2026-11-28' })).toBeNull();
  });

  it('gives every reason in Vietnamese and English', () => {
    const r = assessRisk({
      ...base,
      deadline: '2026-12-02',
      progress: 10,
      lastProgressOn: '2026-11-01',
      leadLateRate: 0.4,
    })!;
    expect(r.reasons.map((x) => x.vi)).toEqual([
      'Đã dùng 91% thời gian (còn 3 ngày) nhưng tiến độ mới đạt 10%',
      'Đã 28 ngày chưa báo cáo tiến độ',
      'Đơn vị chủ trì trễ hạn 40% nhiệm vụ (20 nhiệm vụ đến hạn trong 12 tháng qua)',
    ]);
    expect(r.reasons.every((x) => x.en.length > 10)).toBe(true);
  });

  it('lets the caller move the threshold', () => {
    expect(assessRisk({ ...base, progress: 0 }, 30)!.atRisk).toBe(true);
  });
});
