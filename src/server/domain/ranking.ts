/**
 * Targeting for the monthly inspection (DESIGN.md §8): which units to inspect first. A pure,
 * reproducible ranking: the same figures and weights always give the same order, and the
 * method text states every constant used, so anyone can redo it by hand.
 *
 * Method:
 * 1. Four criteria per unit, each "higher means inspect sooner": backlog (tasks in progress and
 *    overdue at the cut-off), overdue rate (overdue ÷ all assigned), late dossiers in the
 *    priority fields (resolved late + pending overdue), months since the last inspection
 *    (capped at MONTHS_CAP; a unit never inspected counts as the cap).
 * 2. Each criterion is divided by its largest value among the units listed (max-normalisation),
 *    so the worst unit scores 1 and the others a share of it. Min-max would give the best unit
 *    0 even when it is bad too; dividing by the maximum keeps "twice the backlog" meaning twice
 *    the points. A criterion that is 0 for everyone contributes 0.
 * 3. Weights are divided by their sum, so any non-negative numbers work (40/30/20/10 or 0.4…).
 * 4. Score = 100 × Σ weightᵢ × normalisedᵢ, rounded to 2 decimals.
 * 5. Order: score desc, then backlog desc, late dossiers desc, unit code asc. Units with the
 *    same rounded score share a rank (1, 2, 2, 4).
 */
export type Criterion = 'backlog' | 'overdueRate' | 'lateDossiers' | 'sinceInspection';

export const CRITERIA: readonly Criterion[] = ['backlog', 'overdueRate', 'lateDossiers', 'sinceInspection'];

export type Weights = Record<Criterion, number>;

export const DEFAULT_WEIGHTS: Weights = { backlog: 35, overdueRate: 25, lateDossiers: 30, sinceInspection: 10 };

/** A unit inspected longer ago than this counts the same as one never inspected. */
export const MONTHS_CAP = 12;

export interface UnitFigures {
  unitId: number;
  code: string;
  name: string;
  backlog: number;
  assigned: number;
  lateDossiers: number;
  /** Whole months from the last inspection to the month targeted; null: never inspected. */
  monthsSinceInspection: number | null;
}

export interface RankedUnit extends UnitFigures {
  rank: number;
  score: number;
  overdueRate: number;
  /** Each criterion's value after normalisation (0…1). */
  normalised: Record<Criterion, number>;
  /** Each criterion's points in the score (sums to the score, before rounding). */
  points: Record<Criterion, number>;
}

export interface Ranking {
  weights: Weights;
  /** The divisor used for each criterion (its maximum among the units). */
  maxima: Record<Criterion, number>;
  units: RankedUnit[];
}

/** Weights divided by their sum; throws when none is positive or any is negative. */
export function normaliseWeights(w: Weights): Weights {
  const values = CRITERIA.map((c) => w[c]);
  if (values.some((v) => !Number.isFinite(v) || v < 0)) throw new RangeError('weights must be non-negative numbers');
  const sum = values.reduce((a, b) => a + b, 0);
  if (sum <= 0) throw new RangeError('at least one weight must be positive');
  return Object.fromEntries(CRITERIA.map((c) => [c, w[c] / sum])) as Weights;
}

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

function rawValues(u: UnitFigures): Record<Criterion, number> {
  return {
    backlog: u.backlog,
    overdueRate: u.assigned > 0 ? u.backlog / u.assigned : 0,
    lateDossiers: u.lateDossiers,
    sinceInspection: Math.min(u.monthsSinceInspection ?? MONTHS_CAP, MONTHS_CAP),
  };
}

export function rankUnits(units: readonly UnitFigures[], weights: Weights = DEFAULT_WEIGHTS): Ranking {
  const w = normaliseWeights(weights);
  const raws = units.map(rawValues);
  const maxima = Object.fromEntries(CRITERIA.map((c) => [c, Math.max(0, ...raws.map((r) => r[c]))])) as Record<
    Criterion,
    number
  >;
  const scored = units.map((u, i) => {
    const raw = raws[i]!;
    const normalised = Object.fromEntries(CRITERIA.map((c) => [c, maxima[c] > 0 ? raw[c] / maxima[c] : 0])) as Record<
      Criterion,
      number
    >;
    const points = Object.fromEntries(CRITERIA.map((c) => [c, 100 * w[c] * normalised[c]])) as Record<
      Criterion,
      number
    >;
    const score = round(
      CRITERIA.reduce((s, c) => s + points[c], 0),
      2,
    );
    const shown = (x: Record<Criterion, number>) =>
      Object.fromEntries(CRITERIA.map((c) => [c, round(x[c], 4)])) as Record<Criterion, number>;
    return {
      ...u,
      overdueRate: round(raw.overdueRate, 4),
      normalised: shown(normalised),
      points: shown(points),
      score,
      rank: 0,
    };
  });
  scored.sort(
    (a, b) =>
      b.score - a.score ||
      b.backlog - a.backlog ||
      b.lateDossiers - a.lateDossiers ||
      (a.code < b.code ? -1 : a.code > b.code ? 1 : 0),
  );
  scored.forEach((u, i) => {
    u.rank = i > 0 && scored[i - 1]!.score === u.score ? scored[i - 1]!.rank : i + 1;
  });
  return { weights: w, maxima, units: scored };
}

/** Parses `backlog:40,overdueRate:30,...`; criteria left out weigh 0 when any is given. */
export function parseWeights(text: string | undefined): Weights {
  if (!text || !text.trim()) return { ...DEFAULT_WEIGHTS };
  const w: Weights = { backlog: 0, overdueRate: 0, lateDossiers: 0, sinceInspection: 0 };
  for (const part of text.split(',')) {
    const [name, value] = part.split(':').map((s) => s.trim());
    if (!CRITERIA.includes(name as Criterion) || value === undefined || value === '' || !/^\d+(\.\d+)?$/.test(value)) {
      throw new RangeError(`bad weight "${part}"`);
    }
    w[name as Criterion] = Number(value);
  }
  return w;
}

/** Whole calendar months from month `from` ('YYYY-MM') to month `to`. */
export function monthsBetween(from: string, to: string): number {
  const [fy, fm] = from.split('-').map(Number) as [number, number];
  const [ty, tm] = to.split('-').map(Number) as [number, number];
  return (ty - fy) * 12 + (tm - fm);
}

/** The method in words, with the constants of this ranking, in Vietnamese and English. */
export function describeMethod(r: Pick<Ranking, 'weights' | 'maxima'>, cutoff: string, month: string) {
  const pct = (x: number) => `${round(x * 100, 1)}%`;
  const w = r.weights;
  const m = r.maxima;
  return {
    vi: [
      `Số liệu nhiệm vụ tính đến hết ngày ${cutoff}; hồ sơ thủ tục hành chính của các kỳ kết thúc trong tháng ${month}.`,
      `Tiêu chí: (1) tồn đọng = số nhiệm vụ đang thực hiện quá hạn; (2) tỷ lệ quá hạn = quá hạn ÷ tổng số giao; (3) hồ sơ trễ hạn ở lĩnh vực ưu tiên = giải quyết quá hạn + đang giải quyết quá hạn; (4) số tháng kể từ lần kiểm tra gần nhất (tối đa ${MONTHS_CAP}, chưa kiểm tra lần nào tính ${MONTHS_CAP}).`,
      `Chuẩn hóa: chia mỗi tiêu chí cho giá trị lớn nhất trong danh sách (tồn đọng ${m.backlog}, tỷ lệ quá hạn ${pct(m.overdueRate)}, hồ sơ trễ ${m.lateDossiers}, số tháng ${m.sinceInspection}); tiêu chí bằng 0 ở mọi đơn vị không tính điểm.`,
      `Trọng số (đã chia cho tổng): tồn đọng ${pct(w.backlog)}, tỷ lệ quá hạn ${pct(w.overdueRate)}, hồ sơ trễ ${pct(w.lateDossiers)}, thời gian chưa kiểm tra ${pct(w.sinceInspection)}.`,
      'Điểm = 100 × Σ (trọng số × giá trị chuẩn hóa), làm tròn 2 chữ số. Xếp theo điểm giảm dần; bằng điểm thì xếp theo tồn đọng, hồ sơ trễ, mã đơn vị; đơn vị bằng điểm có cùng thứ hạng.',
    ],
    en: [
      `Task figures as of the end of ${cutoff}; administrative-procedure dossiers of the periods ending in ${month}.`,
      `Criteria: (1) backlog = tasks in progress and overdue; (2) overdue rate = overdue ÷ all assigned; (3) late dossiers in the priority fields = resolved late + pending overdue; (4) months since the last inspection (capped at ${MONTHS_CAP}; never inspected counts as ${MONTHS_CAP}).`,
      `Normalisation: each criterion is divided by its largest value in the list (backlog ${m.backlog}, overdue rate ${pct(m.overdueRate)}, late dossiers ${m.lateDossiers}, months ${m.sinceInspection}); a criterion that is 0 everywhere scores nothing.`,
      `Weights (divided by their sum): backlog ${pct(w.backlog)}, overdue rate ${pct(w.overdueRate)}, late dossiers ${pct(w.lateDossiers)}, time since inspection ${pct(w.sinceInspection)}.`,
      'Score = 100 × Σ (weight × normalised value), rounded to 2 decimals. Ordered by score; ties broken by backlog, late dossiers, unit code; equal scores share a rank.',
    ],
  };
}
