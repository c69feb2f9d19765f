import type { AppContext } from '../../context.js';
import type { Principal } from '../../domain/access.js';
import { buildStatusMessage, type EdxmlOrgan } from './edxml-format.js';
import { Conflict } from '../../errors.js';
import { getDocument } from './service.js';

/** The processing statuses of QCVN 102 a receiving office reports back, with their official wording. */
export const STATUS_CODES = ['01', '02', '03', '04', '05', '06', '15', '16'] as const;
const DESCRIPTIONS: Record<(typeof STATUS_CODES)[number], string> = {
  '01': 'Đã đến - phần mềm QLVB đã nhận nhưng văn thư chưa xử lý',
  '02': 'Từ chối không tiếp nhận văn bản điện tử',
  '03': 'Tiếp nhận văn bản điện tử, vào sổ văn bản đến',
  '04': 'Lãnh đạo: Phân công xử lý',
  '05': 'Đang xử lý văn bản đến',
  '06': 'Ban hành văn bản đến, hoàn thành xử lý',
  '15': 'Đồng ý yêu cầu cập nhật, lấy lại',
  '16': 'Từ chối yêu cầu cập nhật, lấy lại',
};

/** A status message about a document received as edXML, from the office it was addressed to. */
export async function statusMessageFor(
  ctx: AppContext,
  p: Principal,
  id: number,
  code: (typeof STATUS_CODES)[number],
): Promise<string> {
  const doc = await getDocument(ctx, p, id);
  const received = await ctx.db
    .selectFrom('document_events')
    .select('data')
    .where('document_id', '=', id)
    .where('kind', '=', 'received')
    .executeTakeFirst();
  if (doc.source !== 'edxml' || !received || !doc.edxmlDocumentId || !doc.senderOrganId)
    throw new Conflict({
      vi: 'Văn bản không được tiếp nhận qua edXML nên không có thông điệp trạng thái.',
      en: 'The document was not received as edXML, so it has no status messages.',
    });
  const to = ((received.data as { after?: { to?: EdxmlOrgan[] } }).after?.to ?? [])[0];
  const staff = await ctx.db.selectFrom('users').select('full_name').where('id', '=', p.userId).executeTakeFirst();
  return buildStatusMessage({
    from: to ?? { organId: '', name: doc.issuer.name },
    documentId: doc.edxmlDocumentId,
    code: doc.numberSymbol,
    organId: doc.senderOrganId,
    statusCode: code,
    description: DESCRIPTIONS[code],
    staff: staff?.full_name ?? '',
    timestamp: new Date(),
  });
}
