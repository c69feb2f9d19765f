import type { Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import { Conflict, notFound, staleVersion } from '../../errors.js';
import * as q from './queries.js';

export const ACT = { vi: 'quyết định sắp xếp tổ chức', en: 'Reorganisation act' };

/** Locks an act that may still change (a draft), checking the version the caller saw. */
export async function lockDraft(trx: Transaction<Database>, id: number, version?: number) {
  const act = await q.lockAct(trx, id);
  if (!act) throw notFound(ACT, id);
  if (version !== undefined && version !== act.version) throw staleVersion();
  if (act.status !== 'draft')
    throw new Conflict({
      vi: `Quyết định ${act.number_symbol} đã được áp dụng, không thể sửa.`,
      en: `Act ${act.number_symbol} is already applied and cannot change.`,
    });
  return act;
}
