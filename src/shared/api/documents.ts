import { z } from 'zod';
import { Day, Id, UnitRef, page } from './common.js';
import { TaskSummary } from './tasks.js';

/** Answers of the document routes (features/documents/routes.ts), read by the web app (web/api/documents.ts). */

export const DirectiveDocument = z.object({
  id: Id,
  numberSymbol: z.string(),
  kind: z.string(),
  issuedOn: Day,
  signer: z.string().nullable(),
  summary: z.string(),
  fileId: Id.nullable(),
  version: z.number().int(),
  issuer: UnitRef,
});
export type DirectiveDocument = z.infer<typeof DirectiveDocument>;

/** The document list: each with how many tasks it gives. */
export const DocumentListItem = DirectiveDocument.extend({ taskCount: z.number().int() });
export type DocumentListItem = z.infer<typeof DocumentListItem>;
export const DocumentPage = page(DocumentListItem);
export type DocumentPage = z.infer<typeof DocumentPage>;

/** A file an electronic (edXML) package carried, by its content id, in the package's order. */
export const DocumentAttachment = z.object({
  fileId: Id,
  name: z.string(),
  mime: z.string(),
  size: z.number().int(),
  contentId: z.string(),
});
export type DocumentAttachment = z.infer<typeof DocumentAttachment>;

export const DocumentDetail = DirectiveDocument.extend({
  tasks: z.array(TaskSummary),
  /** How it was registered: the entry form, a spreadsheet import, or an edXML package. */
  source: z.enum(['form', 'import', 'edxml']),
  status: z.enum(['active', 'revoked', 'replaced']),
  edxmlDocumentId: z.string().nullable(),
  senderOrganId: z.string().nullable(),
  senderName: z.string().nullable(),
  place: z.string().nullable(),
  urgency: z.number().int(),
  signerPosition: z.string().nullable(),
  dueOn: Day.nullable(),
  /** The directive's text, read for its tasks. */
  bodyText: z.string().nullable(),
  attachments: z.array(DocumentAttachment),
});
export type DocumentDetail = z.infer<typeof DocumentDetail>;

export const AttachedFile = z.object({ fileId: Id });
export type AttachedFile = z.infer<typeof AttachedFile>;
