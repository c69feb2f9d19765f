import type { AppContext } from '../../context.js';
import type { Principal } from '../../domain/access.js';
import type { SignatureBlock } from '../exports/official-document.js';
import { getOrganisation } from './organisation.js';
import { signatureFor, type DocumentKind } from './signers.js';

/** Who issues and signs a report the caller prepares (the review, the briefing). */
export interface DocumentIssue {
  issuerParent: string | null;
  issuer: string;
  place: string;
  numberSymbol: string;
  recipients: string[];
  /** The head who signs: the chosen configured signer of that kind, or its default; null leaves the block unnamed. */
  head: SignatureBlock | null;
  preparer: string;
}

export interface IssueOptions {
  signerId?: number | undefined;
  numberSymbol?: string | undefined;
}

/**
 * The caller's unit under its parent issues the report; its number is the one given or left
 * blank for the registry ("      /BC-VPUB"); the place and the first recipient come from the
 * organisation setting.
 */
export async function documentIssue(
  ctx: AppContext,
  p: Principal,
  kind: DocumentKind,
  o: IssueOptions,
): Promise<DocumentIssue> {
  const [me, org, head] = await Promise.all([
    ctx.db
      .selectFrom('users as u')
      .innerJoin('units as un', 'un.id', 'u.unit_id')
      .leftJoin('units as parent', 'parent.id', 'un.parent_id')
      .select(['u.full_name', 'un.name', 'un.code', 'parent.name as parent_name'])
      .where('u.id', '=', p.userId)
      .executeTakeFirstOrThrow(),
    getOrganisation(ctx.db),
    signatureFor(ctx.db, kind, o.signerId ?? null),
  ]);
  return {
    issuerParent: me.parent_name,
    issuer: me.name,
    place: org.place,
    numberSymbol: o.numberSymbol?.trim() || `      /BC-${me.code}`,
    recipients: [`- Chủ tịch ${org.shortName || org.name} (để báo cáo);`, '- Các đơn vị liên quan;', '- Lưu: VT.'],
    head,
    preparer: me.full_name,
  };
}
