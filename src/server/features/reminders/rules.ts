import { z } from 'zod';
import type { AppContext } from '../../context.js';
import type { Db } from '../../db/connection.js';
import { hasRole, type Principal } from '../../domain/access.js';
import { DEFAULT_REMINDER_RULES, type ReminderRules } from '../../domain/reminder-schedule.js';
import { Invalid, notAllowed } from '../../errors.js';
import { appendAudit } from '../audit/service.js';
import { getSetting, putSetting } from '../settings/service.js';

const SETTING_KEY = 'reminder_rules';

/** The rules as the administrator edits them (PUT /api/reminders/rules). */
export const ReminderRulesInput = z.object({
  enabled: z.boolean(),
  beforeWorkingDays: z.array(z.number().int().min(1).max(30)).max(5),
  onDueDay: z.boolean(),
  overdueEveryDays: z.number().int().min(0).max(60),
  escalateOfficeAfterDays: z.number().int().min(0).max(365),
  escalateLeaderAfterDays: z.number().int().min(0).max(365),
  scanTime: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected HH:MM'),
});

export const getReminderRules = (db: Db): Promise<ReminderRules> => getSetting(db, SETTING_KEY, DEFAULT_REMINDER_RULES);

/** Changes the reminder rules: administrators only, audited with before and after. */
export async function updateReminderRules(ctx: AppContext, p: Principal, input: ReminderRules): Promise<ReminderRules> {
  if (!hasRole(p, 'admin')) throw notAllowed();
  checkRules(input);
  const rules: ReminderRules = {
    ...input,
    beforeWorkingDays: [...new Set(input.beforeWorkingDays)].sort((a, b) => b - a),
  };
  return ctx.db.transaction().execute(async (trx) => {
    const before = await getReminderRules(trx);
    await putSetting(trx, SETTING_KEY, rules, p.userId);
    await appendAudit(trx, {
      actorUserId: p.userId,
      action: 'setting_changed',
      entity: 'setting',
      entityId: SETTING_KEY,
      data: { before, after: rules },
    });
    return rules;
  });
}

function checkRules(r: ReminderRules): void {
  const office = r.escalateOfficeAfterDays;
  const leader = r.escalateLeaderAfterDays;
  if (office > 0 && leader > 0 && leader < office) {
    throw new Invalid(
      {
        vi: `Ngưỡng báo cáo lãnh đạo (${leader} ngày) không được sớm hơn ngưỡng báo cáo Văn phòng (${office} ngày).`,
        en: `The leader threshold (${leader} days) cannot come before the office threshold (${office} days).`,
      },
      'escalateLeaderAfterDays',
    );
  }
}
