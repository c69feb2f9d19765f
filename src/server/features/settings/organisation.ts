import type { AppContext } from '../../context.js';
import type { Db } from '../../db/connection.js';
import { hasRole, type Principal } from '../../domain/access.js';
import { notAllowed } from '../../errors.js';
import { appendAudit } from '../audit/service.js';
import { getSetting, putSetting } from './service.js';

/**
 * The organisation the product serves: the issuing body on its documents, the name on the
 * portal and the login page. Kept as a setting (migration 0070 writes the first one) so that
 * another city, or a renamed one, changes it in one place.
 */
export interface Organisation {
  /** "Ủy ban nhân dân thành phố Hà Nội" */
  name: string;
  /** How documents name it in running text: "UBND Thành phố". */
  shortName: string;
  /** The body above it, printed over its name in a document's header, if any. */
  parentName: string | null;
  /** The place in "Hà Nội, ngày … tháng … năm …". */
  place: string;
}

const UNSET: Organisation = { name: '', shortName: '', parentName: null, place: '' };

export const getOrganisation = (db: Db): Promise<Organisation> => getSetting(db, 'organisation', UNSET);

export async function updateOrganisation(ctx: AppContext, p: Principal, o: Organisation): Promise<Organisation> {
  if (!hasRole(p, 'admin')) throw notAllowed();
  return ctx.db.transaction().execute(async (trx) => {
    const before = await getOrganisation(trx);
    await putSetting(trx, 'organisation', o, p.userId);
    await appendAudit(trx, {
      actorUserId: p.userId,
      action: 'setting_changed',
      entity: 'setting',
      entityId: 'organisation',
      data: { before, after: o },
    });
    return o;
  });
}
