import { createHash } from 'node:crypto';
import type { Transaction } from 'kysely';
import mammoth from 'mammoth';
import type { AppContext } from '../../context.js';
import type { Database } from '../../db/schema.js';
import { coversAssigner, type Principal } from '../../domain/access.js';
import { EdxmlError, parseEdxml, type EdxmlAttachment, type EdxmlDocument } from './edxml-format.js';
import { foldForSearch } from '../../domain/text.js';
import { BadRequest, Conflict, Invalid, notAllowed, NotFound } from '../../errors.js';
import { appendAudit } from '../audit/service.js';
import { recordDocumentEvent } from './history.js';
import { DOCUMENT_KINDS } from './schema.js';

/**
 * Receiving an electronic document (edXML package): registers the directive with its files and
 * text, in one transaction. A package received twice registers once: the same bytes answer the
 * registered document; another package with the same DocumentId is refused. Update, revocation
 * and replacement packages act on the registered document.
 */
export async function receiveEdxml(
  ctx: AppContext,
  p: Principal,
  bytes: Buffer,
  options: { issuerUnitId?: number },
): Promise<{ id: number; action: string; alreadyRegistered: boolean }> {
  const message = parse(bytes);
  if (message.type === 'status')
    throw new Invalid(
      {
        vi: `Đây là thông điệp trạng thái (mã ${message.statusCode}), không phải văn bản điện tử.`,
        en: `This is a status message (code ${message.statusCode}), not a document.`,
      },
      'MessageHeader/StatusCode',
    );
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const texts = await Promise.all(message.attachments.map(textOf));
  return ctx.db.transaction().execute(async (trx) => {
    const existing = await trx
      .selectFrom('documents')
      .select(['id', 'edxml_sha256', 'status', 'issuer_unit_id'])
      .where('edxml_document_id', '=', message.documentId)
      .executeTakeFirst();
    const action = message.business.action;
    if (action === 'new' || action === 'replacement') {
      if (existing?.edxml_sha256 === sha256) return { id: existing.id, action, alreadyRegistered: true };
      if (existing)
        throw new Conflict(
          {
            vi: `Văn bản ${message.documentId} đã được tiếp nhận (#${existing.id}) với nội dung khác; gói cập nhật phải có BussinessDocType 2.`,
            en: `Document ${message.documentId} was already received (#${existing.id}) with other content; an update must have BussinessDocType 2.`,
          },
          'MessageHeader/DocumentId',
        );
      const issuerUnitId = await issuerOf(trx, message, options.issuerUnitId);
      assertMayRegister(
        p,
        (await trx.selectFrom('units').select('path').where('id', '=', issuerUnitId).executeTakeFirstOrThrow()).path,
      );
      const id = await insertReceived(trx, p, message, issuerUnitId, sha256, texts);
      await storeAttachments(trx, p, id, message.attachments);
      if (action === 'replacement') await markReplaced(trx, p, id, message);
      return { id, action, alreadyRegistered: false };
    }
    if (!existing)
      throw new NotFound(
        {
          vi: `Không có văn bản ${message.documentId} đã tiếp nhận để ${action === 'update' ? 'cập nhật' : 'thu hồi'}.`,
          en: `No received document ${message.documentId} to ${action === 'update' ? 'update' : 'revoke'}.`,
        },
        'MessageHeader/DocumentId',
      );
    assertMayRegister(
      p,
      (await trx.selectFrom('units').select('path').where('id', '=', existing.issuer_unit_id).executeTakeFirstOrThrow())
        .path,
    );
    if (existing.edxml_sha256 === sha256) return { id: existing.id, action, alreadyRegistered: true };
    if (action === 'revocation') {
      await trx
        .updateTable('documents')
        .set({ status: 'revoked', edxml_sha256: sha256 })
        .where('id', '=', existing.id)
        .execute();
      await recordDocumentEvent(
        trx,
        p,
        existing.id,
        'revoked',
        { before: { status: existing.status }, after: { status: 'revoked' } },
        message.business.reason,
      );
      return { id: existing.id, action, alreadyRegistered: false };
    }
    const before = await trx
      .selectFrom('documents')
      .select(['summary', 'signer', 'signer_position', 'due_on', 'urgency', 'kind'])
      .where('id', '=', existing.id)
      .executeTakeFirstOrThrow();
    const after = fieldsOf(message);
    await trx
      .updateTable('documents')
      .set((eb) => ({ ...after, edxml_sha256: sha256, version: eb('version', '+', 1) }))
      .where('id', '=', existing.id)
      .execute();
    await recordDocumentEvent(trx, p, existing.id, 'updated_by_sender', { before, after }, message.business.reason);
    return { id: existing.id, action, alreadyRegistered: false };
  });
}

function parse(bytes: Buffer) {
  if (bytes.length === 0) throw new BadRequest({ vi: 'Gói edXML rỗng.', en: 'The edXML package is empty.' }, 'file');
  try {
    return parseEdxml(bytes.toString('utf8'));
  } catch (e) {
    if (e instanceof EdxmlError) throw new Invalid({ vi: e.vi, en: e.en }, e.element);
    throw e;
  }
}

function kindOf(typeName: string): string {
  const folded = foldForSearch(typeName);
  return DOCUMENT_KINDS.find((k) => foldForSearch(k) === folded) ?? 'Văn bản khác';
}

function fieldsOf(m: EdxmlDocument) {
  return {
    kind: kindOf(m.typeName),
    summary: m.subject,
    signer: m.signer.fullName,
    signer_position: [m.signer.competence, m.signer.position].filter(Boolean).join(' ') || null,
    due_on: m.dueDate,
    urgency: m.priority,
  };
}

/** The issuing unit: the one chosen by the officer, or the unit whose name or code the sender's is. */
async function issuerOf(trx: Transaction<Database>, m: EdxmlDocument, chosen?: number): Promise<number> {
  if (chosen) {
    const unit = await trx.selectFrom('units').select('id').where('id', '=', chosen).executeTakeFirst();
    if (unit) return unit.id;
    throw new Invalid(
      { vi: `Cơ quan ban hành #${chosen} không tồn tại.`, en: `Issuing unit #${chosen} does not exist.` },
      'issuerUnitId',
    );
  }
  const units = await trx.selectFrom('units').select(['id', 'code', 'name']).where('active', '=', true).execute();
  const name = foldForSearch(m.from.name);
  const found = units.find((u) => foldForSearch(u.name) === name || u.code === m.from.organId);
  if (found) return found.id;
  throw new Invalid(
    {
      vi: `Không nhận ra cơ quan gửi "${m.from.name}" (${m.from.organId}) trong danh mục đơn vị; chọn cơ quan ban hành (issuerUnitId).`,
      en: `The sender "${m.from.name}" (${m.from.organId}) is not a known unit; choose the issuing unit (issuerUnitId).`,
    },
    'MessageHeader/From/OrganName',
  );
}

function assertMayRegister(p: Principal, issuerPath: string) {
  if (!p.grants.some((g) => g.role === 'admin' || (g.role === 'officer' && coversAssigner(g, issuerPath))))
    throw notAllowed();
}

async function insertReceived(
  trx: Transaction<Database>,
  p: Principal,
  m: EdxmlDocument,
  issuerUnitId: number,
  sha256: string,
  texts: (string | null)[],
): Promise<number> {
  const body = texts.filter(Boolean).join('\n\n') || m.content;
  const doc = await trx
    .insertInto('documents')
    .values({
      number_symbol: m.numberSymbol,
      issuer_unit_id: issuerUnitId,
      issued_on: m.promulgationDate,
      search_text: foldForSearch(`${m.numberSymbol} ${m.subject}`),
      created_by: p.userId,
      source: 'edxml',
      edxml_document_id: m.documentId,
      edxml_sha256: sha256,
      sender_organ_id: m.from.organId,
      sender_name: m.from.name,
      place: m.place,
      body_text: body,
      ...fieldsOf(m),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await recordDocumentEvent(trx, p, doc.id, 'received', {
    after: {
      documentId: m.documentId,
      numberSymbol: m.numberSymbol,
      attachments: m.attachments.map((a) => a.name),
      to: m.to,
    },
  });
  await appendAudit(trx, {
    actorUserId: p.userId,
    action: 'document_received',
    entity: 'document',
    entityId: doc.id,
    data: { documentId: m.documentId, sha256 },
  });
  return doc.id;
}

async function storeAttachments(trx: Transaction<Database>, p: Principal, documentId: number, list: EdxmlAttachment[]) {
  for (const [position, a] of list.entries()) {
    if (!a.content) continue;
    const file = await trx
      .insertInto('files')
      .values({
        name: a.name.slice(0, 255),
        mime: sniff(a),
        size: a.content.length,
        sha256: createHash('sha256').update(a.content).digest('hex'),
        content: a.content,
        uploaded_by: p.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('document_attachments')
      .values({ document_id: documentId, file_id: file.id, content_id: a.contentId, position })
      .execute();
    if (position === 0 && sniff(a) === 'application/pdf')
      await trx.updateTable('documents').set({ file_id: file.id }).where('id', '=', documentId).execute();
  }
}

async function markReplaced(trx: Transaction<Database>, p: Principal, id: number, m: EdxmlDocument) {
  for (const replaced of m.business.replaces) {
    const old = await trx
      .selectFrom('documents')
      .select(['id', 'status'])
      .where('edxml_document_id', '=', replaced)
      .executeTakeFirst();
    if (!old) continue;
    await trx.updateTable('documents').set({ status: 'replaced' }).where('id', '=', old.id).execute();
    await recordDocumentEvent(
      trx,
      p,
      old.id,
      'replaced',
      { before: { status: old.status }, after: { status: 'replaced', by: id } },
      m.business.reason,
    );
  }
}

/** The declared type can be wrong (the samples call a ZIP a .doc): trust the bytes. */
function sniff(a: EdxmlAttachment): string {
  const head = a.content?.subarray(0, 5).toString('latin1') ?? '';
  if (head.startsWith('%PDF-')) return 'application/pdf';
  if (head.startsWith('PK')) {
    if (a.content!.includes(Buffer.from('word/document.xml')))
      return 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
    return 'application/zip';
  }
  if (/\.txt$/i.test(a.name) || a.declaredType.startsWith('text/')) return 'text/plain';
  return a.declaredType || 'application/octet-stream';
}

/** The text layer of an attachment the system can read (DOCX, plain text); null otherwise. */
export async function textOf(a: EdxmlAttachment): Promise<string | null> {
  if (!a.content) return null;
  const type = sniff(a);
  if (type === 'text/plain') return a.content.toString('utf8');
  if (type.includes('wordprocessingml')) {
    const { value } = await mammoth.extractRawText({ buffer: a.content }).catch(() => ({ value: '' }));
    return value.trim() || null;
  }
  return null;
}
