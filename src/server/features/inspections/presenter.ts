import type { Db } from '../../db/connection.js';
import { recordRecommendations, recordResponsibilities, type RecordRow } from './queries.js';

/** One place decides what the API (and the portal) shows of an inspection record. */
type Recommendation = Awaited<ReturnType<typeof recordRecommendations>>[number];
type Responsibility = Awaited<ReturnType<typeof recordResponsibilities>>[number];

export type FollowUp = 'completed' | 'overdue' | 'in_progress' | 'ended' | 'not_yet_a_task';

/** How the follow-up task of a recommendation stands today, in the categories of §4. */
export function followUpOf(
  r: Pick<Recommendation, 'task_id' | 'task_state' | 'task_deadline'>,
  today: string,
): FollowUp {
  if (!r.task_id) return 'not_yet_a_task';
  if (r.task_state === 'completed') return 'completed';
  if (r.task_state === 'withdrawn' || r.task_state === 'cancelled') return 'ended';
  return r.task_deadline && r.task_deadline < today ? 'overdue' : 'in_progress';
}

export function presentRecommendation(r: Recommendation, today: string) {
  return {
    id: r.id,
    content: r.content,
    deadline: r.deadline,
    fieldCode: r.field_code,
    taskId: r.task_id,
    taskState: r.task_state,
    taskDeadline: r.task_deadline,
    completedOn: r.task_completed_on,
    followUp: followUpOf(r, today),
  };
}

function presentResponsibility(r: Responsibility) {
  return { id: r.id, personName: r.person_name, position: r.position, fault: r.fault, measure: r.measure };
}

export function presentRecordSummary(r: RecordRow) {
  return {
    id: r.id,
    plan: {
      id: r.plan_id,
      title: r.plan_title,
      kind: r.plan_kind,
      month: r.plan_month,
      periodFrom: r.period_from,
      periodTo: r.period_to,
    },
    unit: { id: r.unit_id, code: r.unit_code, name: r.unit_name },
    scheduledOn: r.scheduled_on,
    inspectedOn: r.inspected_on,
    status: r.status,
    conclusionNumber: r.conclusion_number,
    concludedOn: r.concluded_on,
    assignerUnit: r.assigner_unit_id ? { id: r.assigner_unit_id, code: r.assigner_code, name: r.assigner_name } : null,
    documentId: r.document_id,
    published: r.published_at !== null,
    publishedAt: r.published_at,
    version: r.version,
  };
}

/** Records in full: findings, conclusion, responsibility and recommendations with their tasks. */
export async function presentRecords(
  db: Db,
  rows: RecordRow[],
  today: string,
  options: { withResponsibilities: boolean },
) {
  const ids = rows.map((r) => r.id);
  const [recs, resps] = await Promise.all([
    recordRecommendations(db, ids),
    options.withResponsibilities ? recordResponsibilities(db, ids) : Promise.resolve([]),
  ]);
  return rows.map((r) => ({
    ...presentRecordSummary(r),
    findings: r.findings,
    conclusion: r.conclusion,
    responsibilities: resps.filter((x) => x.inspection_id === r.id).map(presentResponsibility),
    recommendations: recs.filter((x) => x.inspection_id === r.id).map((x) => presentRecommendation(x, today)),
  }));
}
