import type { AppContext } from '../../context.js';
import type { Db } from '../../db/connection.js';
import { hasRole, type Principal } from '../../domain/access.js';
import { notAllowed } from '../../errors.js';
import { appendAudit } from '../audit/service.js';
import { DEFAULT_STATUS_RULES, type StatusRules } from '../../domain/task-status.js';

/** Published settings (DESIGN.md §4), read where a rule needs them. */
export async function getSetting<T>(db: Db, key: string, fallback: T): Promise<T> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
  return row ? ({ ...fallback, ...(row.value as object) } as T) : fallback;
}

export const getStatusRules = (db: Db): Promise<StatusRules> => getSetting(db, 'status_rules', DEFAULT_STATUS_RULES);

export async function putSetting(db: Db, key: string, value: unknown, userId: number | null): Promise<void> {
  await db
    .insertInto('settings')
    .values({ key, value: JSON.stringify(value), updated_by: userId })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({ value: JSON.stringify(value), updated_by: userId, updated_at: new Date() }),
    )
    .execute();
}

/** Changes the published status rules (DESIGN.md §4): administrators only, audited. */
export async function updateStatusRules(
  ctx: AppContext,
  p: Principal,
  rules: Partial<StatusRules>,
): Promise<StatusRules> {
  if (!hasRole(p, 'admin')) throw notAllowed();
  return ctx.db.transaction().execute(async (trx) => {
    const before = await getStatusRules(trx);
    const after = { ...before, ...rules };
    await putSetting(trx, 'status_rules', after, p.userId);
    await appendAudit(trx, {
      actorUserId: p.userId,
      action: 'setting_changed',
      entity: 'setting',
      entityId: 'status_rules',
      data: { before, after },
    });
    return after;
  });
}
