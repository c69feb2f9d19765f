import type { Generated, Selectable } from 'kysely';

/** Tables of migration 0020 (units over time, reorganisation acts). */
type DateString = string;

export type SuccessorKind = 'merge' | 'split' | 'transfer' | 'rename';
export type UnitChangeKind = 'start' | 'end' | 'rename';

export interface ReorganisationActsTable {
  id: Generated<number>;
  number_symbol: string;
  signed_on: DateString;
  effective_on: DateString;
  title: string;
  status: Generated<'draft' | 'applied'>;
  applied_at: Date | null;
  applied_by: number | null;
  result: unknown;
  created_by: number | null;
  created_at: Generated<Date>;
  version: Generated<number>;
}

export interface ReorganisationUnitChangesTable {
  act_id: number;
  unit_id: number;
  change: UnitChangeKind;
  new_name: string | null;
  new_code: string | null;
}

export interface ReorganisationSuccessorsTable {
  id: Generated<number>;
  act_id: number;
  old_unit_id: number;
  new_unit_id: number;
  kind: SuccessorKind;
  field_codes: Generated<string[]>;
  is_default: Generated<boolean>;
  note: string | null;
}

export interface ReorganisationTaskChoicesTable {
  act_id: number;
  task_id: number;
  new_unit_id: number;
}

export interface UnitSuccessorsTable {
  old_unit_id: number;
  new_unit_id: number;
  effective_on: DateString;
  kind: SuccessorKind;
  act_id: number | null;
}

export interface ReorganisationTables {
  reorganisation_acts: ReorganisationActsTable;
  reorganisation_unit_changes: ReorganisationUnitChangesTable;
  reorganisation_successors: ReorganisationSuccessorsTable;
  reorganisation_task_choices: ReorganisationTaskChoicesTable;
  unit_successors: UnitSuccessorsTable;
}

export type ReorganisationAct = Selectable<ReorganisationActsTable>;
