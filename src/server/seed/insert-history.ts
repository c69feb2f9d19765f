import { sql } from 'kysely';
import type { Db } from '../db/connection.js';
import { foldForSearch } from '../domain/text.js';
import { projectionOf, type GeneratedDocument, type GeneratedTask } from './history.js';

const CHUNK = 5000;

/**
 * Bulk-loads generated documents and tasks with their events, deadline and lead changes.
 * Rows go in as arrays through unnest (one statement per chunk), which is fast on both
 * PostgreSQL and PGlite. Ids are taken from the sequences first so rows can refer to each other.
 */
export async function insertHistory(
  db: Db,
  documents: GeneratedDocument[],
  tasks: GeneratedTask[],
  createdBy: number | null,
): Promise<{ documentIds: number[]; taskIds: number[] }> {
  const documentIds = await reserveIds(db, 'documents', documents.length);
  for (let i = 0; i < documents.length; i += CHUNK) {
    const part = documents.slice(i, i + CHUNK);
    const ids = documentIds.slice(i, i + CHUNK);
    await sql`insert into documents (id, number_symbol, kind, issuer_unit_id, issued_on, summary, search_text, created_by)
      select id, ns, k, iu, io::date, s, st, ${createdBy}::int from unnest(${ids}::int[], ${part.map((d) => d.numberSymbol)}::text[], ${part.map((d) => d.kind)}::text[],
        ${part.map((d) => d.issuerUnitId)}::int[], ${part.map((d) => d.issuedOn)}::text[], ${part.map((d) => d.summary)}::text[], ${part.map((d) => foldForSearch(`${d.numberSymbol} ${d.summary}`))}::text[])
      as t(id, ns, k, iu, io, s, st)`.execute(db);
  }
  const taskIds = await reserveIds(db, 'tasks', tasks.length);
  for (let i = 0; i < tasks.length; i += CHUNK) {
    await insertTaskChunk(db, tasks.slice(i, i + CHUNK), taskIds.slice(i, i + CHUNK), documentIds, createdBy);
  }
  return { documentIds, taskIds };
}

async function reserveIds(db: Db, table: 'documents' | 'tasks', n: number): Promise<number[]> {
  if (n === 0) return [];
  const rows = await sql<{
    id: number;
  }>`select nextval(pg_get_serial_sequence(${table}, 'id'))::int as id from generate_series(1, ${n}::int)`.execute(db);
  return rows.rows.map((r) => r.id);
}

async function insertTaskChunk(
  db: Db,
  part: GeneratedTask[],
  ids: number[],
  documentIds: number[],
  createdBy: number | null,
): Promise<void> {
  const p = part.map(projectionOf);
  const col = <T>(f: (t: GeneratedTask, i: number) => T) => part.map(f);
  await sql`insert into tasks (id, document_id, content, search_text, assigner_unit_id, lead_unit_id, lead_since, field_code, is_key, deadline_kind, assigned_on,
      original_deadline, deadline, first_extended_on, last_extended_on, extension_count, state, progress, completion_reported_on, completed_on, confirmed_on, ended_on, created_by)
    select * , ${createdBy}::int from unnest(${ids}::int[], ${col((t) => documentIds[t.documentIndex]!)}::int[], ${col((t) => t.content)}::text[], ${col((t) => foldForSearch(t.content))}::text[],
      ${col((t) => t.assignerUnitId)}::int[], ${p.map((x) => x.lead_unit_id)}::int[], ${p.map((x) => x.lead_since)}::date[], ${col((t) => t.fieldCode)}::text[], ${col((t) => t.isKey)}::boolean[],
      ${col((t) => t.deadlineKind)}::text[], ${col((t) => t.assignedOn)}::date[], ${col((t) => t.originalDeadline)}::date[], ${p.map((x) => x.deadline)}::date[],
      ${p.map((x) => x.first_extended_on)}::date[], ${p.map((x) => x.last_extended_on)}::date[], ${p.map((x) => x.extension_count)}::int[], ${col((t) => t.state)}::text[],
      ${col((t) => t.progress)}::int[], ${p.map((x) => x.completion_reported_on)}::date[], ${p.map((x) => x.completed_on)}::date[], ${p.map((x) => x.confirmed_on)}::date[], ${p.map((x) => x.ended_on)}::date[])`.execute(
    db,
  );

  const ev = part.flatMap((t, i) => t.events.map((e) => ({ task: ids[i]!, ...e })));
  for (let j = 0; j < ev.length; j += CHUNK * 2) {
    const e = ev.slice(j, j + CHUNK * 2);
    await sql`insert into task_events (task_id, kind, actor_user_id, at, on_date, reason, data)
      select t, k, ${createdBy}::int, (o::text || ' 09:00:00+07')::timestamptz, o, r, d::jsonb from unnest(${e.map((x) => x.task)}::int[], ${e.map((x) => x.kind)}::text[], ${e.map((x) => x.on)}::date[],
        ${e.map((x) => x.reason)}::text[], ${e.map((x) => JSON.stringify(x.data))}::text[]) as u(t, k, o, r, d)`.execute(
      db,
    );
  }
  const coord = part.flatMap((t, i) =>
    t.coordinatorIds.filter((u) => u !== p[i]!.lead_unit_id).map((u) => ({ task: ids[i]!, unit: u })),
  );
  if (coord.length)
    await sql`insert into task_coordinators (task_id, unit_id) select * from unnest(${coord.map((c) => c.task)}::int[], ${coord.map((c) => c.unit)}::int[]) on conflict do nothing`.execute(
      db,
    );
  const dc = part.flatMap((t, i) => t.deadlineChanges.map((c) => ({ task: ids[i]!, ...c })));
  if (dc.length)
    await sql`insert into task_deadline_changes (task_id, effective_on, deadline) select * from unnest(${dc.map((c) => c.task)}::int[], ${dc.map((c) => c.on)}::date[], ${dc.map((c) => c.deadline)}::date[])`.execute(
      db,
    );
  const lc = part.flatMap((t, i) => t.leadChanges.map((c) => ({ task: ids[i]!, ...c })));
  if (lc.length)
    await sql`insert into task_lead_changes (task_id, effective_on, from_unit_id, to_unit_id) select * from unnest(${lc.map((c) => c.task)}::int[], ${lc.map((c) => c.on)}::date[], ${lc.map((c) => c.from)}::int[], ${lc.map((c) => c.to)}::int[])`.execute(
      db,
    );
}
