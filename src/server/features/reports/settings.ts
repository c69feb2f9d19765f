import type { AppContext } from '../../context.js';
import type { Db } from '../../db/connection.js';
import { hasRole, type Principal } from '../../domain/access.js';
import type { PeriodMode } from '../../domain/review.js';
import { notAllowed } from '../../errors.js';
import { appendAudit } from '../audit/service.js';
import { getSetting, putSetting } from '../settings/service.js';

/** Published settings of the review (DESIGN.md §4): how periods are cut, when an overdue task goes to the briefing. */
export interface ReportSettings {
  periodMode: PeriodMode;
  /** A task still overdue after this many urgings is listed for the monthly briefing (Hanoi: 3). */
  briefingUrgings: number;
}

export const DEFAULT_REPORT_SETTINGS: ReportSettings = { periodMode: 'official', briefingUrgings: 3 };
const KEY = 'report_rules';

export const getReportSettings = (db: Db): Promise<ReportSettings> => getSetting(db, KEY, DEFAULT_REPORT_SETTINGS);

/** Administrators change the published review settings; the change is audited. */
export async function updateReportSettings(
  ctx: AppContext,
  p: Principal,
  change: Partial<ReportSettings>,
): Promise<ReportSettings> {
  if (!hasRole(p, 'admin')) throw notAllowed();
  return ctx.db.transaction().execute(async (trx) => {
    const before = await getReportSettings(trx);
    const after = { ...before, ...change };
    await putSetting(trx, KEY, after, p.userId);
    await appendAudit(trx, {
      actorUserId: p.userId,
      action: 'setting_changed',
      entity: 'setting',
      entityId: KEY,
      data: { before, after },
    });
    return after;
  });
}
