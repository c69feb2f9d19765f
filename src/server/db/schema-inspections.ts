import type { ColumnType, Generated } from 'kysely';

/** Table types of migration 0004 (inspection and the public portal's feedback). */
type DateString = string;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Id = Generated<number>;

export type InspectionPlanKind = 'monthly' | 'ad_hoc';
export type InspectionStatus = 'draft' | 'concluded';
export type FeedbackStatus = 'new' | 'answered' | 'hidden';

export interface InspectionPlansTable {
  id: Id;
  kind: InspectionPlanKind;
  title: string;
  /** 'YYYY-MM' for a monthly plan, null for an ad hoc one. */
  month: string | null;
  period_from: DateString;
  period_to: DateString;
  starts_on: DateString;
  ends_on: DateString;
  /** The targeting list the plan was built from (month, weights, scores), kept for reproduction. */
  targeting: ColumnType<Record<string, unknown> | null, string | null | undefined, string | null>;
  created_by: number | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  version: Generated<number>;
}

export interface InspectionTeamMembersTable {
  plan_id: number;
  user_id: number;
  is_leader: Generated<boolean>;
}

export interface InspectionsTable {
  id: Id;
  plan_id: number;
  unit_id: number;
  scheduled_on: DateString | null;
  inspected_on: DateString | null;
  status: Generated<InspectionStatus>;
  findings: Generated<string>;
  conclusion: Generated<string>;
  conclusion_number: string | null;
  concluded_on: DateString | null;
  assigner_unit_id: number | null;
  document_id: number | null;
  published_at: Timestamp | null;
  published_by: number | null;
  search_text: Generated<string>;
  created_by: number | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  version: Generated<number>;
}

export interface InspectionResponsibilitiesTable {
  id: Id;
  inspection_id: number;
  person_name: string;
  position: string | null;
  fault: string;
  measure: string | null;
  sort: Generated<number>;
}

export interface InspectionRecommendationsTable {
  id: Id;
  inspection_id: number;
  content: string;
  deadline: DateString;
  field_code: string | null;
  task_id: number | null;
  sort: Generated<number>;
}

export interface PortalFeedbackTable {
  id: Id;
  received_at: Generated<Date>;
  name: string;
  phone: string | null;
  title: string;
  content: string;
  inspection_id: number | null;
  client_address: string | null;
  search_text: string;
  status: Generated<FeedbackStatus>;
  answer: string | null;
  answered_by: number | null;
  answered_at: Timestamp | null;
  answer_published_at: Timestamp | null;
  answer_published_by: number | null;
  version: Generated<number>;
}

export interface PortalChallengesUsedTable {
  nonce: string;
  expires_at: Timestamp;
}

export interface InspectionsTables {
  inspection_plans: InspectionPlansTable;
  inspection_team_members: InspectionTeamMembersTable;
  inspections: InspectionsTable;
  inspection_responsibilities: InspectionResponsibilitiesTable;
  inspection_recommendations: InspectionRecommendationsTable;
  portal_feedback: PortalFeedbackTable;
  portal_challenges_used: PortalChallengesUsedTable;
}
