import { sql } from 'kysely';
import type { Db } from '../../db/connection.js';

/**
 * Bulk open tasks for the reminder tests and benchmark: `count` tasks led by one unit, all with
 * the same deadline, inserted in one statement (no events: the scan reads only the task rows).
 */
export async function insertOpenTasks(
  db: Db,
  o: {
    count: number;
    leadUnitId: number;
    assignerUnitId: number;
    deadline: string;
    assignedOn: string;
    state?: string;
    content?: string;
  },
): Promise<number[]> {
  const res = await sql<{ id: number }>`
    insert into tasks (content, search_text, assigner_unit_id, lead_unit_id, lead_since, deadline_kind, assigned_on, original_deadline, deadline, state)
    select ${o.content ?? 'Nhiệm vụ kiểm thử nhắc việc'} || ' ' || g, 'nhiem vu kiem thu nhac viec ' || g, ${o.assignerUnitId}::int, ${o.leadUnitId}::int, ${o.assignedOn}::date, 'fixed',
      ${o.assignedOn}::date, ${o.deadline}::date, ${o.deadline}::date, ${o.state ?? 'received'}
    from generate_series(1, ${o.count}::int) g
    returning id`.execute(db);
  return res.rows.map((r) => r.id);
}
