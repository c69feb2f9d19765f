import type { Db } from '../../db/connection.js';
import { covers, hasRole, type Principal } from '../../domain/access.js';
import { notAllowed, notFound } from '../../errors.js';

/**
 * Who may review what (DESIGN.md §1, §7). The city office, leaders (in their fields, through
 * the task visibility filter) and inspectors review any unit; a unit's head and clerk review
 * only their own unit's subtree, which is also their default; staff run no reviews.
 */
export async function reviewUnitFor(db: Db, p: Principal, unitId: number | undefined): Promise<number | undefined> {
  if (hasRole(p, 'admin', 'officer', 'inspector', 'leader')) {
    if (unitId !== undefined) await unitPath(db, unitId);
    return unitId;
  }
  const unitGrants = p.grants.filter((g) => g.role === 'unit_head' || g.role === 'clerk');
  if (unitGrants.length === 0) throw notAllowed();
  if (unitId === undefined) return unitGrants[0]!.scopeUnitId;
  const path = await unitPath(db, unitId);
  if (!unitGrants.some((g) => covers(g, path))) throw notAllowed();
  return unitId;
}

/** Whether the caller manages the unit (self-inspection, rectification records, dossiers of the unit). */
export async function managesUnit(db: Db, p: Principal, unitId: number): Promise<boolean> {
  if (hasRole(p, 'admin', 'officer')) return true;
  const path = await unitPath(db, unitId);
  return p.grants.some(
    (g) => (g.role === 'unit_head' || g.role === 'clerk' || g.role === 'inspector') && covers(g, path),
  );
}

/** Issuing an official report is for the tracking office and administrators, or a unit head for the own unit. */
export async function canIssue(db: Db, p: Principal, unitId: number | undefined): Promise<boolean> {
  if (hasRole(p, 'admin', 'officer')) return true;
  if (unitId === undefined) return false;
  const path = await unitPath(db, unitId);
  return p.grants.some((g) => g.role === 'unit_head' && covers(g, path));
}

export async function unitPath(db: Db, unitId: number): Promise<string> {
  const unit = await db.selectFrom('units').select('path').where('id', '=', unitId).executeTakeFirst();
  if (!unit) throw notFound({ vi: 'đơn vị', en: 'Unit' }, unitId);
  return unit.path;
}

/** Whether the caller may read a review of this scope (an issued report): the same rule, without defaults. */
export async function mayReadScope(db: Db, p: Principal, unitId: number | undefined): Promise<boolean> {
  if (hasRole(p, 'admin', 'officer', 'inspector', 'leader')) return true;
  if (unitId === undefined) return false;
  return reviewUnitFor(db, p, unitId).then(
    () => true,
    () => false,
  );
}
