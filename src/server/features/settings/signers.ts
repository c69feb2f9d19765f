import type { AppContext } from '../../context.js';
import type { Db } from '../../db/connection.js';
import type { SignersTable } from '../../db/schema.js';
import { hasRole, type Principal } from '../../domain/access.js';
import { Invalid, notAllowed, notFound } from '../../errors.js';
import { appendAudit } from '../audit/service.js';
import { signatureLines, type Authority, type SignatureBlock } from '../exports/official-document.js';

/** The kinds of document the product issues, each with its own configured signers. */
export const DOCUMENT_KINDS = ['urging_letter', 'review', 'briefing', 'inspection_conclusion'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export interface SignerInput {
  documentKind: DocumentKind;
  authority: Authority;
  onBehalfOf: string | null;
  title: string;
  fullName: string;
  isDefault: boolean;
  active: boolean;
}

const SIGNER = { vi: 'người ký', en: 'signer' };

type Row = Omit<SignersTable, 'id' | 'authority' | 'is_default' | 'active' | 'created_at'> & {
  id: number;
  authority: Authority;
  is_default: boolean;
  active: boolean;
};

export const presentSigner = (r: Row) => ({
  id: r.id,
  documentKind: r.document_kind,
  authority: r.authority,
  onBehalfOf: r.on_behalf_of,
  title: r.title,
  fullName: r.full_name,
  isDefault: r.is_default,
  active: r.active,
  /** The block as it prints: authority line(s), then the name. */
  lines: signatureLines({ authority: r.authority, onBehalfOf: r.on_behalf_of, title: r.title }),
});

const columns = [
  'id',
  'document_kind',
  'authority',
  'on_behalf_of',
  'title',
  'full_name',
  'is_default',
  'active',
  'updated_by',
] as const;

/** Signers of a kind (or all), defaults first; any signed-in user may read them to choose one. */
export async function listSigners(db: Db, kind?: DocumentKind, includeInactive = false) {
  let q = db.selectFrom('signers').select(columns);
  if (kind) q = q.where('document_kind', '=', kind);
  if (!includeInactive) q = q.where('active', '=', true);
  const rows = await q.orderBy('document_kind').orderBy('is_default', 'desc').orderBy('id').execute();
  return rows.map((r) => presentSigner(r as Row));
}

/**
 * The signature block of a document: the chosen signer, which must be an active signer of that
 * kind, or the kind's default; null when none is configured.
 */
export async function signatureFor(
  db: Db,
  kind: DocumentKind,
  signerId?: number | null,
): Promise<SignatureBlock | null> {
  let q = db.selectFrom('signers').select(columns).where('document_kind', '=', kind).where('active', '=', true);
  q = signerId ? q.where('id', '=', signerId) : q.where('is_default', '=', true);
  const row = (await q.executeTakeFirst()) as Row | undefined;
  if (!row && signerId)
    throw new Invalid(
      {
        vi: `Người ký #${signerId} không phải người ký đang dùng của loại văn bản này.`,
        en: `Signer #${signerId} is not an active signer of this kind of document.`,
      },
      'signerId',
    );
  if (!row) return null;
  return { lines: presentSigner(row).lines, name: row.full_name };
}

function checkInput(s: SignerInput): void {
  if (s.authority !== '' && s.authority !== 'Q.' && !s.onBehalfOf?.trim())
    throw new Invalid(
      {
        vi: `Ký ${s.authority} cần ghi ký thay cho ai (ví dụ "ỦY BAN NHÂN DÂN", "CHÁNH VĂN PHÒNG").`,
        en: `Signing ${s.authority} needs the body or head signed for (e.g. "ỦY BAN NHÂN DÂN").`,
      },
      'onBehalfOf',
    );
}

/** Adds or changes a signer (administrators); a new default replaces the kind's old one, in one transaction. */
export async function saveSigner(ctx: AppContext, p: Principal, id: number | null, s: SignerInput) {
  if (!hasRole(p, 'admin')) throw notAllowed();
  checkInput(s);
  return ctx.db.transaction().execute(async (trx) => {
    if (s.isDefault && s.active)
      await trx
        .updateTable('signers')
        .set({ is_default: false })
        .where('document_kind', '=', s.documentKind)
        .$if(id !== null, (q) => q.where('id', '<>', id!))
        .execute();
    const values = {
      document_kind: s.documentKind,
      authority: s.authority,
      on_behalf_of: s.onBehalfOf?.trim() || null,
      title: s.title.trim(),
      full_name: s.fullName.trim(),
      is_default: s.isDefault,
      active: s.active,
      updated_by: p.userId,
    };
    const row =
      id === null
        ? await trx.insertInto('signers').values(values).returning(columns).executeTakeFirstOrThrow()
        : await trx.updateTable('signers').set(values).where('id', '=', id).returning(columns).executeTakeFirst();
    if (!row) throw notFound(SIGNER, id);
    await appendAudit(trx, {
      actorUserId: p.userId,
      action: id === null ? 'signer_added' : 'signer_changed',
      entity: 'signer',
      entityId: row.id,
      data: values,
    });
    return presentSigner(row as Row);
  });
}
