import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { Database } from '../../db/schema.js';
import { covers, type Grant, type Principal } from '../../domain/access.js';
import { notAllowed } from '../../errors.js';

/**
 * Who may urge (DESIGN.md §1, domain/access.ts actsForAssigner): the tracking office, a leader
 * in the fields they direct, or the head of the assigning unit — each for the tasks their
 * scope assigned. Clerks, staff, inspectors and administrators draft no urging letters.
 */
const URGING_ROLES = new Set(['officer', 'leader', 'unit_head']);

export function urgingGrants(p: Principal): Grant[] {
  const grants = p.grants.filter((g) => URGING_ROLES.has(g.role));
  if (grants.length === 0) throw notAllowed();
  return grants;
}

/** The SQL twin: tasks whose assigning unit lies in an urging grant's scope (and field, for leaders). */
export function urgeableBy(grants: Grant[]) {
  return (eb: ExpressionBuilder<Database, 'tasks'>): Expression<SqlBool> =>
    eb.or(
      grants.map((g) => {
        const inScope = eb(
          'tasks.assigner_unit_id',
          'in',
          sql<number>`(select id from units where path like ${`${g.scopePath}%`})`,
        );
        return g.role === 'leader' && g.fieldCodes.length > 0
          ? eb.and([inScope, eb('tasks.field_code', 'in', [...g.fieldCodes])])
          : inScope;
      }),
    );
}

/** A letter is visible to its author and to urging roles whose scope covers the issuing unit. */
export function canSeeLetter(p: Principal, letter: { created_by: number }, issuerPath: string): boolean {
  return letter.created_by === p.userId || p.grants.some((g) => URGING_ROLES.has(g.role) && covers(g, issuerPath));
}
