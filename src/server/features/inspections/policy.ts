import { covers, type Principal } from '../../domain/access.js';
import { notAllowed } from '../../errors.js';

/**
 * Who may do what with inspections (DESIGN.md §1, §8): inspectors (Sở Nội vụ) create and edit
 * within their scope; the city office and leaders read; a unit reads its own conclusions once
 * published. Everything else is invisible (404), as for tasks.
 */
export const isAdmin = (p: Principal) => p.grants.some((g) => g.role === 'admin');

/** Inspectors whose scope covers the unit, or an administrator. */
export function mayManage(p: Principal, unitPath?: string): boolean {
  return isAdmin(p) || p.grants.some((g) => g.role === 'inspector' && (unitPath === undefined || covers(g, unitPath)));
}

/** Readers of every record in their scope, published or not. */
export function mayReadAll(p: Principal, unitPath?: string): boolean {
  return (
    isAdmin(p) ||
    p.grants.some(
      (g) => ['inspector', 'officer', 'leader'].includes(g.role) && (unitPath === undefined || covers(g, unitPath)),
    )
  );
}

/** A unit's own people read its conclusions once published. */
export function mayReadPublished(p: Principal, unitPath: string): boolean {
  return p.grants.some((g) => ['unit_head', 'clerk', 'staff'].includes(g.role) && covers(g, unitPath));
}

export function canSeeRecord(p: Principal, unitPath: string, published: boolean): boolean {
  return mayReadAll(p, unitPath) || (published && mayReadPublished(p, unitPath));
}

export function assertManager(p: Principal, unitPath?: string): void {
  if (!mayManage(p, unitPath)) throw notAllowed();
}

export function assertReader(p: Principal): void {
  if (!mayReadAll(p)) throw notAllowed();
}

/** Scope paths a principal reads all records under (for list queries). */
export function readAllScopes(p: Principal): string[] {
  if (isAdmin(p)) return ['/'];
  return p.grants.filter((g) => ['inspector', 'officer', 'leader'].includes(g.role)).map((g) => g.scopePath);
}

/** Scope paths a principal reads published records under. */
export function readPublishedScopes(p: Principal): string[] {
  return p.grants.filter((g) => ['unit_head', 'clerk', 'staff'].includes(g.role)).map((g) => g.scopePath);
}
