/**
 * Early warning (DESIGN.md §6): how likely an open task is to miss its deadline, from three
 * signals a tracking officer already looks at — the share of the time given that is used up
 * against the progress reported, how long the lead unit has been silent, and the lead unit's
 * past record — with the reason in words, so the officer can urge before, not after.
 */
import { daysBetween, type IsoDate } from './dates.js';

export interface RiskInput {
  today: IsoDate;
  assignedOn: IsoDate;
  deadline: IsoDate;
  /** Reported progress, 0–100. */
  progress: number;
  lastProgressOn: IsoDate | null;
  /** Share (0–1) of the lead unit's tasks due in the past year that ended up late; null if unknown. */
  leadLateRate: number | null;
  /** How many tasks that rate is computed from. */
  leadSample: number;
}

export type RiskLevel = 'low' | 'medium' | 'high';
export type RiskFactor = 'time' | 'silence' | 'record';

export interface RiskReason {
  factor: RiskFactor;
  points: number;
  vi: string;
  en: string;
}

export interface RiskAssessment {
  /** 0–100: the sum of the factors' points. */
  score: number;
  level: RiskLevel;
  atRisk: boolean;
  /** The factors that weigh, heaviest first, each in words. */
  reasons: RiskReason[];
}

/** Points each factor can reach; they sum to 100 so the score reads as a percentage. */
export const RISK_WEIGHTS = { timeUsed: 25, progressLag: 25, silence: 25, record: 25 } as const;
/** Below this many past tasks a unit's late rate says little, so it is not counted. */
export const MIN_RECORD_SAMPLE = 5;
export const AT_RISK_SCORE = 50;
const QUIET_DAYS = 7;
const SILENT_DAYS_FULL = 30;
/** A unit late on this share of its tasks (or more) scores the full record points. */
const LATE_RATE_FULL = 0.5;

const clamp01 = (x: number) => Math.min(1, Math.max(0, x));
const pct = (x: number) => Math.round(x * 100);

/** The risk of an open task that is not yet overdue; null for an overdue one (it is late, not at risk). */
export function assessRisk(input: RiskInput, threshold = AT_RISK_SCORE): RiskAssessment | null {
  const left = daysBetween(input.today, input.deadline);
  if (left < 0) return null;
  const reasons = [timeReason(input, left), silenceReason(input), recordReason(input)].filter(
    (r): r is RiskReason => r !== null,
  );
  const score = Math.min(
    100,
    reasons.reduce((sum, r) => sum + r.points, 0),
  );
  reasons.sort((a, b) => b.points - a.points);
  return {
    score,
    level: score >= 60 ? 'high' : score >= 40 ? 'medium' : 'low',
    atRisk: score >= threshold,
    reasons: reasons.filter((r) => r.points >= 8),
  };
}

function timeReason(input: RiskInput, left: number): RiskReason | null {
  const given = Math.max(1, daysBetween(input.assignedOn, input.deadline));
  const used = clamp01(1 - left / given);
  const lag = clamp01(used - clamp01(input.progress / 100));
  const points = Math.round(RISK_WEIGHTS.timeUsed * used + RISK_WEIGHTS.progressLag * clamp01(lag * 2));
  if (points === 0) return null;
  return {
    factor: 'time',
    points,
    vi: `Đã dùng ${pct(used)}% thời gian (còn ${left} ngày) nhưng tiến độ mới đạt ${input.progress}%`,
    en: `${pct(used)}% of the time used (${left} days left) with progress at ${input.progress}%`,
  };
}

function silenceReason(input: RiskInput): RiskReason | null {
  const since = input.lastProgressOn ?? input.assignedOn;
  const silent = Math.max(0, daysBetween(since, input.today));
  const points = Math.round(RISK_WEIGHTS.silence * clamp01((silent - QUIET_DAYS) / (SILENT_DAYS_FULL - QUIET_DAYS)));
  if (points === 0) return null;
  return input.lastProgressOn
    ? {
        factor: 'silence',
        points,
        vi: `Đã ${silent} ngày chưa báo cáo tiến độ`,
        en: `No progress report for ${silent} days`,
      }
    : {
        factor: 'silence',
        points,
        vi: `Chưa có báo cáo tiến độ nào sau ${silent} ngày kể từ khi giao`,
        en: `No progress report in the ${silent} days since assignment`,
      };
}

function recordReason(input: RiskInput): RiskReason | null {
  if (input.leadLateRate === null || input.leadSample < MIN_RECORD_SAMPLE) return null;
  const points = Math.round(RISK_WEIGHTS.record * clamp01(input.leadLateRate / LATE_RATE_FULL));
  if (points === 0) return null;
  return {
    factor: 'record',
    points,
    vi: `Đơn vị chủ trì trễ hạn ${pct(input.leadLateRate)}% nhiệm vụ (${input.leadSample} nhiệm vụ đến hạn trong 12 tháng qua)`,
    en: `The lead unit was late on ${pct(input.leadLateRate)}% of its tasks (${input.leadSample} due in the past 12 months)`,
  };
}
