import { XMLParser, XMLValidator } from 'fast-xml-parser';

/**
 * Reading an edXML message (QCVN 102:2016/BTTTT, the package the document management systems
 * exchange). Elements are matched by local name: the samples bind the one edXML namespace both
 * as the default and as the prefix `edXML:`, and the order of elements varies between senders.
 * Dates come as yyyy/MM/dd or dd/MM/yyyy. Nothing here touches the database.
 */
export const EDXML_NAMESPACE = 'http://www.mic.gov.vn/TBT/QCVN_102_2016';

/** A package that cannot be read, naming the element at fault (a path such as `MessageHeader/Subject`). */
export class EdxmlError extends Error {
  constructor(
    readonly element: string,
    readonly vi: string,
    readonly en: string,
  ) {
    super(en);
  }
}

export interface EdxmlOrgan {
  organId: string;
  name: string;
}

export interface EdxmlAttachment {
  contentId: string;
  name: string;
  description: string;
  declaredType: string;
  /** Decoded bytes; null when the package carries only the reference (payload absent). */
  content: Buffer | null;
}

export type BusinessAction = 'new' | 'revocation' | 'update' | 'replacement';
const BUSINESS: Record<string, BusinessAction> = { '0': 'new', '1': 'revocation', '2': 'update', '3': 'replacement' };

export interface EdxmlDocument {
  type: 'document';
  documentId: string;
  from: EdxmlOrgan;
  to: EdxmlOrgan[];
  codeNumber: string;
  codeNotation: string;
  numberSymbol: string;
  place: string | null;
  promulgationDate: string;
  typeName: string;
  subject: string;
  content: string | null;
  signer: { competence: string | null; position: string | null; fullName: string | null };
  dueDate: string | null;
  priority: number;
  steeringType: string | null;
  responseFor: { documentId: string | null; code: string | null }[];
  business: { action: BusinessAction; reason: string | null; replaces: string[] };
  attachments: EdxmlAttachment[];
}

export interface EdxmlStatus {
  type: 'status';
  from: EdxmlOrgan;
  responseFor: { documentId: string | null; code: string | null; organId: string | null };
  statusCode: string;
  description: string | null;
  timestamp: string | null;
}

type Node = Record<string, unknown>;
const ARRAYS = new Set(['To', 'Reference', 'Attachment', 'ResponseFor', 'Place', 'Appendix', 'ReplacementInfo']);

const parser = new XMLParser({
  removeNSPrefix: true,
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseTagValue: false,
  trimValues: true,
  isArray: (name) => ARRAYS.has(name),
});

/** Parses one edXML package (a document or a status message). Throws EdxmlError. */
export function parseEdxml(xml: string): EdxmlDocument | EdxmlStatus {
  const checked = XMLValidator.validate(xml);
  if (checked !== true) {
    const { msg, line, col } = checked.err;
    throw new EdxmlError(
      `line ${line}`,
      `Tệp không phải XML hợp lệ (dòng ${line}, cột ${col}): ${msg}`,
      `Not well-formed XML (line ${line}, column ${col}): ${msg}`,
    );
  }
  const tree = parser.parse(xml) as Node;
  const root = tree['edXML'] as Node | undefined;
  if (!root || typeof root !== 'object') throw missing('edXML');
  if (rootNamespace(xml) !== EDXML_NAMESPACE)
    throw new EdxmlError(
      'edXML',
      `Phần tử gốc edXML phải thuộc không gian tên ${EDXML_NAMESPACE}.`,
      `The root edXML element must be in the namespace ${EDXML_NAMESPACE}.`,
    );
  const header = child(child(root, 'edXMLEnvelope', 'edXML'), 'edXMLHeader', 'edXML/edXMLEnvelope');
  const message = child(header, 'MessageHeader', 'edXMLHeader');
  if (message['StatusCode'] !== undefined) return readStatus(message);
  return readDocument(root, header, message);
}

function readStatus(m: Node): EdxmlStatus {
  const at = 'MessageHeader';
  const response = child(m, 'ResponseFor', at);
  const first = Array.isArray(response) ? (response[0] as Node) : response;
  const code = required(m, 'StatusCode', at);
  if (!/^\d{2}$/.test(code)) throw bad(`${at}/StatusCode`, 'mã trạng thái hai chữ số', 'a two-digit status code');
  return {
    type: 'status',
    from: organ(child(m, 'From', at), `${at}/From`),
    responseFor: {
      documentId: text(first, 'DocumentId'),
      code: text(first, 'Code'),
      organId: text(first, 'OrganId'),
    },
    statusCode: code,
    description: text(m, 'Description'),
    timestamp: text(m, 'Timestamp'),
  };
}

function readDocument(root: Node, header: Node, m: Node): EdxmlDocument {
  const at = 'MessageHeader';
  const codeNode = child(m, 'Code', at);
  const codeNumber = required(codeNode, 'CodeNumber', `${at}/Code`);
  const codeNotation = required(codeNode, 'CodeNotation', `${at}/Code`);
  const promulgation = child(m, 'PromulgationInfo', at);
  const date = readDate(required(promulgation, 'PromulgationDate', `${at}/PromulgationInfo`));
  if (!date) throw bad(`${at}/PromulgationInfo/PromulgationDate`, 'ngày dạng yyyy/MM/dd', 'a date as yyyy/MM/dd');
  const docType = child(m, 'DocumentType', at);
  const to = list(m['To']).map((t, i) => organ(t, `${at}/To[${i + 1}]`));
  if (to.length === 0) throw missing(`${at}/To`);
  const from = organ(child(m, 'From', at), `${at}/From`);
  const signer = (m['SignerInfo'] as Node | undefined) ?? {};
  const other = (m['OtherInfo'] as Node | undefined) ?? {};
  const priority = Number(text(other, 'Priority') ?? '0');
  if (!Number.isInteger(priority) || priority < 0 || priority > 4)
    throw bad(`${at}/OtherInfo/Priority`, 'độ khẩn từ 0 đến 4', 'an urgency from 0 to 4');
  const dueRaw = text(m, 'DueDate');
  const numberSymbol = `${codeNumber}/${codeNotation}`;
  return {
    type: 'document',
    documentId: text(m, 'DocumentId') ?? `${from.organId},${date.replace(/-/g, '/')},${numberSymbol}`,
    from,
    to,
    codeNumber,
    codeNotation,
    numberSymbol,
    place: text(promulgation, 'Place'),
    promulgationDate: date,
    typeName: text(docType, 'TypeName') ?? '',
    subject: required(m, 'Subject', at),
    content: text(m, 'Content'),
    signer: {
      competence: text(signer, 'Competence'),
      position: text(signer, 'Position'),
      fullName: text(signer, 'FullName'),
    },
    dueDate: dueRaw ? readDate(dueRaw) : null,
    priority,
    steeringType: text(m, 'SteeringType'),
    responseFor: list(m['ResponseFor']).map((r) => ({ documentId: text(r, 'DocumentId'), code: text(r, 'Code') })),
    business: readBusiness(header),
    attachments: readAttachments(root),
  };
}

function readBusiness(header: Node): EdxmlDocument['business'] {
  const trace = header['TraceHeaderList'] as Node | undefined;
  const business = trace?.['Bussiness'] as Node | undefined;
  if (!business) return { action: 'new', reason: null, replaces: [] };
  const code = text(business, 'BussinessDocType') ?? '0';
  const action = BUSINESS[code];
  if (!action) throw bad('TraceHeaderList/Bussiness/BussinessDocType', 'một trong 0, 1, 2, 3', 'one of 0, 1, 2, 3');
  const replacements = list((business['ReplacementInfoList'] as Node | undefined)?.['ReplacementInfo']);
  return {
    action,
    reason: text(business, 'BussinessDocReason'),
    replaces: replacements.map((r) => text(r, 'DocumentId')).filter((x): x is string => !!x),
  };
}

function readAttachments(root: Node): EdxmlAttachment[] {
  const body = (root['edXMLEnvelope'] as Node)['edXMLBody'] as Node | undefined;
  const manifest = (body?.['edXMLManifest'] as Node | undefined) ?? {};
  const encoded = list((root['AttachmentEncoded'] as Node | undefined)?.['Attachment']);
  const byId = new Map(encoded.map((a) => [normaliseCid(text(a, 'ContentId') ?? ''), a]));
  return list(manifest['Reference']).map((ref, i) => {
    const at = `edXMLManifest/Reference[${i + 1}]`;
    const contentId = normaliseCid(required(ref, 'ContentId', at));
    const enc = byId.get(contentId);
    const payload = enc ? text(enc, 'ContentTransferEncoded') : null;
    if (payload && !/^[A-Za-z0-9+/=\s]+$/.test(payload))
      throw bad(`AttachmentEncoded/Attachment[${contentId}]/ContentTransferEncoded`, 'dữ liệu base64', 'base64 data');
    return {
      contentId,
      name: text(ref, 'AttachmentName') ?? text(enc ?? {}, 'AttachmentName') ?? contentId,
      description: text(ref, 'Description') ?? '',
      declaredType: text(ref, 'ContentType') ?? 'application/octet-stream',
      content: payload ? Buffer.from(payload.replace(/\s+/g, ''), 'base64') : null,
    };
  });
}

/** yyyy/MM/dd, yyyy-MM-dd or dd/MM/yyyy to an ISO date; null when not a calendar date. */
export function readDate(value: string): string | null {
  const v = value.trim().slice(0, 10);
  const m = /^(\d{4})[/-](\d{1,2})[/-](\d{1,2})$/.exec(v) ?? null;
  const d = m ? null : /^(\d{1,2})[/-](\d{1,2})[/-](\d{4})$/.exec(v);
  const [y, mo, da] = m ? [m[1], m[2], m[3]] : d ? [d[3], d[2], d[1]] : [];
  if (!y || !mo || !da) return null;
  const iso = `${y}-${mo.padStart(2, '0')}-${da.padStart(2, '0')}`;
  const t = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(t.getTime()) && t.toISOString().startsWith(iso) ? iso : null;
}

/** The namespace of the root element, from its start tag (the parser drops namespace declarations). */
function rootNamespace(xml: string): string | null {
  const tag = /<(?![?!])([A-Za-z_][\w.-]*:)?edXML\b([^>]*)>/.exec(xml);
  if (!tag) return null;
  const prefix = tag[1] ? tag[1].slice(0, -1) : null;
  const attr = new RegExp(`xmlns${prefix ? `:${prefix}` : ''}\\s*=\\s*["']([^"']*)["']`).exec(tag[2] ?? '');
  return attr?.[1] ?? null;
}

const normaliseCid = (cid: string) => cid.trim().replace(/^cid:/i, '');

function list(v: unknown): Node[] {
  if (v === undefined || v === null || v === '') return [];
  return (Array.isArray(v) ? v : [v]).filter((x): x is Node => typeof x === 'object' && x !== null);
}

function child(node: Node, name: string, at: string): Node {
  const v = node[name];
  if (v === undefined || typeof v !== 'object' || v === null) throw missing(`${at}/${name}`);
  return v as Node;
}

function text(node: Node, name: string): string | null {
  const raw = node[name];
  const v: unknown = Array.isArray(raw) ? raw[0] : raw;
  const s = typeof v === 'string' ? v : typeof v === 'object' && v !== null ? (v as Node)['#text'] : undefined;
  return typeof s === 'string' && s.trim() !== '' ? s.trim() : null;
}

function required(node: Node, name: string, at: string): string {
  const v = text(node, name);
  if (v === null) throw missing(`${at}/${name}`);
  return v;
}

function organ(node: Node, at: string): EdxmlOrgan {
  return { organId: required(node, 'OrganId', at), name: required(node, 'OrganName', at) };
}

const missing = (element: string) =>
  new EdxmlError(element, `Thiếu phần tử ${element} hoặc phần tử rỗng.`, `Element ${element} is missing or empty.`);
const bad = (element: string, vi: string, en: string) =>
  new EdxmlError(
    element,
    `Phần tử ${element} không hợp lệ: cần ${vi}.`,
    `Element ${element} is invalid: expected ${en}.`,
  );

/** A status message (01 arrived … 06 finished) about a received document, for the sending system. */
export function buildStatusMessage(s: {
  from: EdxmlOrgan;
  documentId: string;
  code: string;
  organId: string;
  statusCode: string;
  description: string;
  staff: string;
  timestamp: Date;
}): string {
  const esc = (v: string) => v.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const ts = s.timestamp.toISOString().slice(0, 19).replace('T', ' ').replace(/-/g, '/');
  return `<?xml version="1.0" encoding="UTF-8"?>
<edXML xmlns="${EDXML_NAMESPACE}">
  <edXMLEnvelope>
    <edXMLHeader>
      <MessageHeader>
        <From><OrganId>${esc(s.from.organId)}</OrganId><OrganName>${esc(s.from.name)}</OrganName></From>
        <ResponseFor><OrganId>${esc(s.organId)}</OrganId><Code>${esc(s.code)}</Code><DocumentId>${esc(s.documentId)}</DocumentId></ResponseFor>
        <StaffInfo><Staff>${esc(s.staff)}</Staff></StaffInfo>
        <StatusCode>${esc(s.statusCode)}</StatusCode>
        <Description>${esc(s.description)}</Description>
        <Timestamp>${ts}</Timestamp>
      </MessageHeader>
    </edXMLHeader>
  </edXMLEnvelope>
</edXML>
`;
}
