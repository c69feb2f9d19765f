import type { Dayjs } from 'dayjs';
import type { DeadlineInput, DeadlineKind, DocumentInput, Period, TaskInput } from '../../api/types';
import { toIsoDate } from '../../format';

export interface TaskRowValues {
  content?: string;
  leadUnitId?: number;
  coordinatingUnitIds?: number[];
  fieldCode?: string;
  isKey?: boolean;
  paragraph?: string;
  expectedProduct?: string;
  leaderUserId?: number;
  deadlineKind: DeadlineKind;
  deadlineDate?: Dayjs;
  deadlineDays?: number;
  period?: Period;
  periodUntil?: Dayjs;
  /** Day of the period's last month the report is due; empty: the server's default (20). */
  dueDay?: number;
}

export interface DocumentFormValues {
  numberSymbol?: string;
  kind?: string;
  issuerUnitId?: number;
  issuedOn?: Dayjs;
  signer?: string;
  summary?: string;
  tasks: TaskRowValues[];
}

export const emptyTaskRow = (): TaskRowValues => ({ deadlineKind: 'fixed', coordinatingUnitIds: [] });

function deadlineOf(row: TaskRowValues, issuedOn: string): DeadlineInput {
  switch (row.deadlineKind) {
    case 'fixed':
      return { kind: 'fixed', date: toIsoDate(row.deadlineDate) ?? '' };
    case 'working_days':
      return { kind: 'working_days', days: row.deadlineDays ?? 0 };
    case 'periodic':
      return {
        kind: 'periodic',
        period: row.period ?? 'monthly',
        from: issuedOn,
        until: toIsoDate(row.periodUntil) ?? '',
        ...(row.dueDay ? { dueDay: row.dueDay } : {}),
      };
    case 'none':
      return { kind: 'none' };
  }
}

/** The POST /api/documents body from the entry form. */
export function toDocumentInput(values: DocumentFormValues): DocumentInput {
  const issuedOn = toIsoDate(values.issuedOn) ?? '';
  return {
    numberSymbol: values.numberSymbol?.trim() ?? '',
    kind: values.kind ?? '',
    issuerUnitId: values.issuerUnitId ?? 0,
    issuedOn,
    signer: values.signer?.trim() ?? '',
    summary: values.summary?.trim() ?? '',
    tasks: values.tasks.map((row): TaskInput => ({
      content: row.content?.trim() ?? '',
      leadUnitId: row.leadUnitId ?? 0,
      coordinatingUnitIds: row.coordinatingUnitIds ?? [],
      ...(row.fieldCode ? { fieldCode: row.fieldCode } : {}),
      isKey: row.isKey ?? false,
      ...(row.paragraph?.trim() ? { paragraph: row.paragraph.trim() } : {}),
      ...(row.expectedProduct?.trim() ? { expectedProduct: row.expectedProduct.trim() } : {}),
      ...(row.leaderUserId ? { leaderUserId: row.leaderUserId } : {}),
      deadline: deadlineOf(row, issuedOn),
    })),
  };
}

/** A server issue on `tasks.0.deadline.date` belongs to the row's date input. */
export function formPathOfIssue(path: (string | number)[]): (string | number)[] {
  const at = path.indexOf('deadline');
  if (at < 0) return path;
  const leaf = path[at + 1];
  const renamed =
    leaf === 'days'
      ? 'deadlineDays'
      : leaf === 'until' || leaf === 'from'
        ? 'periodUntil'
        : leaf === 'period'
          ? 'period'
          : leaf === 'dueDay'
            ? 'dueDay'
            : 'deadlineDate';
  return [...path.slice(0, at), renamed];
}
