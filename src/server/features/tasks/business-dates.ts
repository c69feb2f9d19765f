import type { z } from 'zod';
import type { Transaction } from 'kysely';
import type { Database, Task } from '../../db/schema.js';
import type { WorkingCalendar } from '../../domain/calendar.js';
import { Invalid } from '../../errors.js';
import { getSetting } from '../settings/service.js';
import type { UnitDocument } from './schema.js';

/**
 * The dates an office acts on (DESIGN.md §5): a unit's report, progress report or extension
 * request is a letter with its own number and date, often entered a day or two later. The
 * letter's date (the business date) is what counts, within limits; the entry date is kept.
 */
type UnitDocument = z.infer<typeof UnitDocument>;

export interface BusinessDateRules {
  /** A business date may be at most this many working days before its entry without the assigning side's acceptance. */
  maxWorkingDaysBack: number;
}

export const DEFAULT_BUSINESS_DATE_RULES: BusinessDateRules = { maxWorkingDaysBack: 5 };

export const getBusinessDateRules = (db: Transaction<Database>) =>
  getSetting(db, 'business_dates', DEFAULT_BUSINESS_DATE_RULES);

export interface Dated {
  dated: string;
  /** Earlier than the limit: counts only if the assigning side accepts it. */
  needsAcceptance: boolean;
}

/**
 * Checks a business date against the limits: not after the entry day, not before the task was
 * assigned; further back than the configured working days it is kept but flagged for acceptance.
 */
export async function checkBusinessDate(
  trx: Transaction<Database>,
  task: Pick<Task, 'assigned_on'>,
  today: string,
  dated: string | undefined,
  calendar: WorkingCalendar,
): Promise<Dated> {
  if (dated === undefined) return { dated: today, needsAcceptance: false };
  if (dated > today)
    throw new Invalid(
      {
        vi: `Ngày văn bản (${dated}) không được sau ngày nhập (${today}).`,
        en: `The document's date (${dated}) cannot be after the day it is entered (${today}).`,
      },
      'document.date',
    );
  if (dated < task.assigned_on)
    throw new Invalid(
      {
        vi: `Ngày văn bản (${dated}) không được trước ngày giao nhiệm vụ (${task.assigned_on}).`,
        en: `The document's date (${dated}) cannot be before the task was assigned (${task.assigned_on}).`,
      },
      'document.date',
    );
  const { maxWorkingDaysBack } = await getBusinessDateRules(trx);
  return { dated, needsAcceptance: calendar.workingDaysBetween(dated, today) > maxWorkingDaysBack };
}

/** The event data of a dated action: the unit's document and its business date, beside the entry date. */
export function datedData(document: UnitDocument | undefined, d: Dated): Record<string, unknown> {
  if (!document) return {};
  return { unitDocument: document, dated: d.dated, ...(d.needsAcceptance ? { needsAcceptance: true } : {}) };
}
